// UI strings of data fetched on demand (the test sets past the starter) and of the PNG export: one row
// per key, English then Korean (see strings.h).
#include "app/strings/strings.h"

#include <iterator>

namespace ll::app::strings {

namespace {

const Entry kRows[] = {
    {"input.fetching_fmt", "Loading the test set: %.1f of %.1f MB (kept for the next visit and offline use)",
     "테스트 세트를 불러오는 중: %.1f / %.1f MB (다음 방문과 오프라인 사용을 위해 저장됩니다)"},
    {"input.fetching_bytes_fmt", "Loading the test set: %.1f MB so far", "테스트 세트를 불러오는 중: 지금까지 %.1f MB"},
    {"input.fetch_failed",
     "The first %d images are here; the rest of the test set could not be loaded (%s). Connect to the network and try again.",
     "처음 %d개 이미지만 있습니다. 테스트 세트의 나머지를 불러오지 못했습니다 (%s). 네트워크에 연결한 뒤 다시 시도하세요."},
    {"input.retry", "Try again", "다시 시도"},
    {"menu.export_png", "Export PNG", "PNG로 내보내기"},
    {"menu.export_png_help", "Saves the lab's page as a picture with this view's link printed under it (for slides)",
     "이 실습 화면을 그림으로 저장하고 그 아래에 화면의 링크를 적습니다(발표 자료용)"},
    {"net.wait_failed_fmt", "%s is not here yet", "%s은(는) 아직 없습니다"},
    {"net.waiting_fmt", "Loading the test set for %s", "%s을(를) 보려고 테스트 세트를 불러오는 중"},
    {"net.wrong_loading", "Loading the test set to search it…", "찾아보려고 테스트 세트를 불러오는 중…"},
};

}  // namespace

Table offline() { return {kRows, std::size(kRows)}; }

}  // namespace ll::app::strings
