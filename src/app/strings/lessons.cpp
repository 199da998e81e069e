// UI strings of the lesson player and the screen-reader narration: one row per key, English then Korean
// (see strings.h). The lessons' own text is in assets/lessons/*.json.
#include "app/strings/strings.h"

#include <iterator>

namespace ll::app::strings {

namespace {

const Entry kRows[] = {
    {"lesson.menu", "Lessons", "수업"},
    {"lesson.step_fmt", "Step %d of %d", "%d / %d단계"},
    {"lesson.checkpoint", "Check your understanding", "이해했는지 확인"},
    {"lesson.your_answer", "Your answer", "답"},
    {"lesson.check", "Check", "확인"},
    {"lesson.right", "Right. The engine computes:", "맞습니다. 엔진이 계산한 값:"},
    {"lesson.wrong", "Not quite.", "아직 아닙니다."},
    {"lesson.pending", "The lab is still computing this; try again in a moment.",
     "실험실이 아직 이 값을 계산하는 중입니다. 잠시 후 다시 확인하세요."},
    {"lesson.prev", "Previous", "이전"},
    {"lesson.next", "Next", "다음"},
    {"lesson.reset", "Reset this step", "이 단계 처음으로"},
    {"lesson.reset_help", "Puts the labs back to how this step began and clears your answer.",
     "실험실을 이 단계가 시작될 때로 되돌리고 답을 지웁니다."},
    {"lesson.keys", "Keys: Page Down / N next, Page Up / P previous; the browser's Back and Forward also move.",
     "키: Page Down / N 다음, Page Up / P 이전. 브라우저의 뒤로·앞으로 버튼으로도 이동합니다."},
    {"lesson.close", "Close the lesson", "수업 닫기"},
    {"lesson.open_file", "Open a lesson file...", "수업 파일 열기..."},
    {"lesson.record", "Record this view as a step", "지금 화면을 단계로 기록"},
    {"lesson.record_help",
     "Adds the whole view (lab, network, input, stepper, settings) as a new step of the lesson you are "
     "writing. Download it, write the text in any editor, and open the file here.",
     "지금 화면 전체(실험실, 네트워크, 입력, 단계 위치, 설정)를 작성 중인 수업의 새 단계로 추가합니다. 내려받아 "
     "아무 편집기에서 글을 쓰고, 이 페이지에서 파일을 여세요."},
    {"lesson.download_fmt", "Download the lesson being written (%d steps)", "작성 중인 수업 내려받기 (%d단계)"},
    {"lesson.cannot_open", "This lesson could not be opened. The page works as it would without it.",
     "이 수업을 열 수 없습니다. 페이지는 수업 없이 평소처럼 동작합니다."},
    {"lesson.dismiss", "Dismiss", "닫기"},
    {"menu.projector", "Projector mode (high contrast)", "프로젝터 모드 (고대비)"},
    {"menu.projector_fmt", "Projector, text %.1fx", "프로젝터, 글자 %.1f배"},
    {"menu.reduced_motion", "Reduced motion", "움직임 줄이기"},
    {"menu.colorblind", "Colour-blind-safe maps (purple-orange)", "색각 이상에 안전한 맵(보라-주황)"},
    {"narrate.layer_fmt", "Layer %d, %s, %s: %s, values from %.3g to %.3g",
     "레이어 %d, %s, %s: %s, 값의 범위 %.3g ~ %.3g"},
    {"narrate.by", " by ", " × "},
    {"narrate.forward", "forward", "순전파"},
    {"narrate.backward", "backward", "역전파"},
    {"narrate.loss", "loss", "손실"},
    {"narrate.update", "update", "갱신"},
};

}  // namespace

Table lessons() { return {kRows, std::size(kRows)}; }

}  // namespace ll::app::strings
