// The engine's messages in Korean. The engine writes English (the CLI, the tests and search engines read
// it); a Korean UI shows a Korean sentence for the kind of problem, the layer it names, and the English
// original below it. Each row: a fragment of the English message (the first that matches wins), the Korean
// explanation. The "layer N (Type): " prefix that Model::from_json adds becomes "레이어 N (Type): ".
#include <cstring>
#include <string>

#include "app/i18n.h"

namespace ll::app {

namespace {

struct Gloss {
    const char* fragment;
    const char* ko;
};

const Gloss kGlosses[] = {
    // COCO files (the Detection lab), before the general rows below
    {"a results list needs its annotation file first", "결과 목록보다 주석(정답) 파일을 먼저 주세요."},
    {"unknown image id", "정답 파일에 없는 이미지 id입니다."},
    {"unknown category id", "정답 파일에 없는 카테고리 id입니다."},
    {"\"bbox\": width", "상자(bbox)의 너비가 음수입니다."},
    {"\"bbox\": height", "상자(bbox)의 높이가 음수입니다."},
    {"\"score\" must be a finite number", "점수(score)는 유한한 숫자여야 합니다."},
    {"are read for this kind of file", "파일이 너무 큽니다(이런 파일은 256 MB까지 읽습니다)."},
    {"missing key", "필요한 키가 없습니다."},
    {"invalid JSON", "올바른 JSON이 아닙니다. 파일이 잘렸거나 문법 오류가 있습니다."},
    {"diverged at step", "학습이 발산했습니다. 손실이나 가중치가 무한대나 NaN이 되었습니다. 학습률을 낮추세요."},
    {"is more than half the kernel", "패딩이 커널 크기의 절반보다 큽니다. 패딩을 줄이거나 커널을 키우세요."},
    {"kernel ", "커널이 (패딩을 더한) 입력보다 큽니다. 커널을 줄이거나 패딩을 늘리세요."},
    {"the output would be", "출력 크기가 0 이하가 됩니다. 커널, 스트라이드, 딜레이션을 줄이거나 패딩을 늘리세요."},
    {"output_padding", "output_padding은 스트라이드나 딜레이션보다 작아야 합니다."},
    {"is not divisible by groups", "채널 수가 groups로 나누어떨어져야 합니다."},
    {"does not divide", "num_groups가 채널 수를 나누어떨어지게 해야 합니다."},
    {"Linear needs a flat vector", "Linear는 평탄한 특성 벡터가 필요합니다. 앞에 Flatten을 넣으세요."},
    {"in_features is", "in_features가 들어오는 특성 수와 다릅니다."},
    {"needs a C x H x W input", "이 레이어는 C x H x W 모양의 입력이 필요합니다."},
    {"needs a features or C x L input", "이 레이어는 특성 벡터나 C x L 입력이 필요합니다."},
    {"normalises across channels", "이 레이어는 채널 방향으로 정규화하므로 C x H x W나 C x L 입력이 필요합니다."},
    {"more than 1 value per channel when training",
     "학습 모드에서는 채널마다 값이 둘 이상 있어야 분산을 구할 수 있습니다(배치 1에 1x1 맵이면 하나뿐입니다)."},
    {"more than 1 spatial element", "InstanceNorm2d는 맵에 값이 둘 이상 있어야 분산을 구할 수 있습니다."},
    {"would merge the batch dimension", "배치 차원(0번)은 합칠 수 없습니다. start_dim을 1로 두세요."},
    {"start_dim comes after end_dim", "start_dim이 end_dim보다 뒤에 있습니다. 둘을 바꾸세요."},
    {"is out of range for a", "차원 번호가 범위를 벗어났습니다."},
    {"is too large (at most 2^26 values)", "출력이 너무 큽니다(값 2^26개까지)."},
    {"unknown argument", "이 레이어에 없는 인수입니다."},
    {"unknown layer type", "알 수 없는 레이어 종류입니다."},
    {"input_shape", "input_shape는 [C, H, W]나 [특성 수] 꼴의 1~65536 사이 정수 목록이어야 합니다."},
    {"is not a picture", "모델의 입력이 그림 모양(C, H, W)이 아닙니다."},
    {"channels, not", "그림은 채널이 1개(흑백)나 3개(RGB)여야 합니다."},
    {"no pictures yet", "아직 올린 그림이 없습니다. 그림을 고르거나 끌어다 놓으세요."},
    {"not a PNG, JPEG, BMP or GIF", "PNG, JPEG, BMP, GIF 파일이 아닙니다."},
    {"corrupt or truncated", "파일이 손상되었거나 잘렸습니다."},
    {"the file is empty", "빈 파일입니다(0바이트)."},
    {"pixels; too large", "그림이 너무 큽니다."},
    {"dimensions are too large", "그림의 크기가 너무 큽니다."},
    {"is out of range (0 to", "번호가 범위를 벗어났습니다."},
    {"cannot open the file", "파일을 열 수 없습니다."},
    {"files are missing", "데이터 파일이 없습니다."},
    {"must be", "값이 허용 범위를 벗어났습니다."},
};

}  // namespace

std::string engine_message_text() {
    std::string s = "레이어 엔진이 이 설정을 받아들이지 않았습니다.";
    for (const Gloss& g : kGlosses) s += g.ko;
    return s;
}

std::string engine_message(Lang lang, const std::string& en) {
    if (lang == Lang::En || en.empty()) return en;
    std::string prefix, rest = en;
    // "layer 4 (Conv2d): ..." -> "레이어 4 (Conv2d): ..."
    if (rest.rfind("layer ", 0) == 0) {
        const size_t colon = rest.find("): ");
        if (colon != std::string::npos) {
            prefix = "레이어 " + rest.substr(6, colon + 3 - 6);
            rest = rest.substr(colon + 3);
        }
    }
    for (const Gloss& g : kGlosses)
        if (rest.find(g.fragment) != std::string::npos) return prefix + g.ko;
    return prefix + "엔진이 이 설정을 받아들이지 않았습니다.";
}

}  // namespace ll::app
