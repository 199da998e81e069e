// UI strings of the shell (tabs, menus, about), the labs still to come, the Conv arithmetic lab and the inputs: one row per key, English then Korean (see strings.h).
#include "app/strings/strings.h"

#include <iterator>

namespace ll::app::strings {

namespace {

const Entry kRows[] = {
    // ---- Shell: tabs, menus, about ----
    {"tab.network", "Network", "네트워크"},
    {"tab.arithmetic", "Conv arithmetic", "합성곱 계산"},
    {"tab.normalization", "Normalization", "정규화"},
    {"tab.optimizers", "Optimizers", "옵티마이저"},
    {"tab.training", "Training", "학습"},
    {"tab.detection", "Detection", "객체 탐지"},
    {"menu.view", "View", "보기"},
    {"menu.text_size", "Text size", "글자 크기"},
    {"menu.text_small", "Small", "작게"},
    {"menu.text_normal", "Normal", "보통"},
    {"menu.text_large", "Large", "크게"},
    {"menu.text_larger", "Larger", "더 크게"},
    {"menu.help", "Help", "도움말"},
    {"menu.about", "About LayerLab", "LayerLab 정보"},
    {"menu.language", "Language", "언어"},
    {"menu.korean", "한국어", "한국어"},  // the language switch names Korean in Korean in both languages
    {"menu.copy_link", "Copy link", "링크 복사"},
    {"layout.fold", "Fold the controls away (more room for the results)", "설정 패널 접기(결과를 넓게 봅니다)"},
    {"layout.unfold", "Show the controls", "설정 패널 펼치기"},
    {"menu.copy_link_help",
     "Copies the address of this view: the lab, its settings and an edited network. Uploaded pictures "
     "and drawings stay in this browser.",
     "지금 화면의 주소를 복사합니다. 실습, 설정, 편집한 네트워크가 담깁니다. 올린 사진과 그림은 이 "
     "브라우저에만 남습니다."},
    {"menu.link_copied", "Link copied", "링크를 복사했습니다"},
    {"menu.frame_fmt", "frame %.1f ms", "프레임 %.1f ms"},
    {"menu.frame_time",
     "Frame time: how long the page took to draw each of the last frames, averaged, in milliseconds "
     "(16.7 ms is 60 frames a second). A speed figure, not an error.",
     "프레임 시간: 최근 프레임을 하나 그리는 데 걸린 평균 시간(밀리초)입니다(16.7 ms면 초당 60프레임). "
     "속도를 나타낼 뿐 오류가 아닙니다."},
    {"widget.slider_hint", "Drag, or click - and + for one step. Ctrl+click to type a value.",
     "끌어서 바꾸거나 - 와 + 로 한 칸씩 바꿉니다. Ctrl+클릭하면 값을 직접 입력합니다."},
    {"about.title", "About LayerLab", "LayerLab 정보"},
    {"about.body",
     "LayerLab is an educational simulator of convolutional networks. Every number on these pages is "
     "computed by the same C++ engine that trains the networks, compiled to WebAssembly in the browser.",
     "LayerLab은 합성곱 신경망을 배우기 위한 시뮬레이터입니다. 이 화면의 모든 숫자는 신경망을 학습시키는 "
     "것과 같은 C++ 엔진이 계산하며, 브라우저에서는 WebAssembly로 실행됩니다."},
    {"about.state",
     "The view is kept in the page address (#lab=...) and in this browser's storage, so a reload or a "
     "shared link opens the same lab with the same settings.",
     "현재 화면은 주소(#lab=...)와 브라우저 저장소에 기록되므로, 새로 고치거나 링크를 공유해도 같은 "
     "실습과 설정이 열립니다."},
    {"about.graphics", "Graphics", "그래픽"},
    {"about.close", "Close", "닫기"},

    // ---- Conv arithmetic lab: controls ----
    {"conv.title", "Convolution arithmetic", "합성곱 계산"},
    {"conv.subtitle",
     "How kernel, stride, padding, dilation and groups set a convolution's output size, its parameters "
     "and its cost.",
     "커널, 스트라이드, 패딩, 딜레이션, 그룹이 합성곱의 출력 크기, 파라미터 수, 연산량을 어떻게 "
     "정하는지 봅니다."},
    {"conv.input", "Input", "입력"},
    {"conv.layer", "Layer", "레이어"},
    {"conv.size", "Size H = W", "크기 H = W"},
    {"conv.in_ch", "Channels C", "채널 C"},
    {"conv.out_ch", "Filters C_out", "필터 수 C_out"},
    {"conv.kernel", "Kernel K", "커널 K"},
    {"conv.stride", "Stride S", "스트라이드 S"},
    {"conv.padding", "Padding P", "패딩 P"},
    {"conv.dilation", "Dilation D", "딜레이션 D"},
    {"conv.groups", "Groups G", "그룹 G"},
    {"conv.out_pad", "Output padding", "출력 패딩"},
    {"conv.bias", "Bias", "편향"},
    {"conv.transposed", "Transposed (ConvTranspose2d)", "전치 합성곱 (ConvTranspose2d)"},
    {"conv.same", "Same padding (K−1)/2", "같은 크기 패딩 (K−1)/2"},
    {"conv.same_help",
     "With stride 1, padding P = D×(K−1)/2 on each side keeps the output as large as the input "
     "(\"same\" padding). It needs D×(K−1) even, an odd kernel for example: otherwise the two sides "
     "would need different amounts.",
     "스트라이드가 1이면 양쪽에 P = D×(K−1)/2만큼 패딩할 때 출력 크기가 입력과 같아집니다(\"same\" "
     "패딩). D×(K−1)이 짝수여야 하므로 보통 홀수 커널을 씁니다. 그렇지 않으면 양쪽 패딩이 달라야 "
     "합니다."},
    {"conv.example", "Example: 3×32×32, ten 5×5 filters", "예제: 3×32×32, 5×5 필터 10개"},
    {"conv.groups_help",
     "Groups split the channels: with G groups each filter sees only C/G input channels, so the "
     "weights and the multiply-adds shrink G times. G = C is a depthwise convolution.",
     "그룹은 채널을 나눕니다. 그룹이 G개이면 각 필터는 입력 채널 C/G개만 보므로 가중치와 곱셈-덧셈이 "
     "G배 줄어듭니다. G = C이면 깊이별(depthwise) 합성곱입니다."},
    {"conv.dilation_help",
     "Dilation spaces the kernel taps D pixels apart: the window spans D×(K−1)+1 pixels with the same "
     "K×K weights.",
     "딜레이션은 커널 탭 사이를 D픽셀씩 띄웁니다. 같은 K×K 가중치로 D×(K−1)+1 픽셀 폭을 봅니다."},

    {"conv.notation", "Notation", "기호"},
    {"conv.n_hw", "input height and width", "입력의 높이와 너비"},
    {"conv.n_c", "input and output channels", "입력 채널과 출력 채널"},
    {"conv.n_k", "kernel size (K×K weights per channel)", "커널 크기 (채널마다 K×K 가중치)"},
    {"conv.n_s", "stride: how far the window moves", "스트라이드: 창이 한 번에 움직이는 거리"},
    {"conv.n_p", "zero padding added on each side", "양쪽에 덧붙이는 0의 폭"},
    {"conv.n_d", "dilation: spacing between kernel taps", "딜레이션: 커널 탭 사이의 간격"},
    {"conv.n_g", "groups: channel blocks convolved separately", "그룹: 따로 합성곱하는 채널 묶음 수"},
    {"conv.n_o", "output height and width", "출력의 높이와 너비"},

    // ---- Conv arithmetic lab: results ----
    {"conv.output_shape", "Output shape", "출력 형태"},
    {"conv.output_size", "Output size per axis", "축별 출력 크기"},
    {"conv.params", "Parameters", "파라미터 수"},
    {"conv.macs", "Multiply-adds per sample", "샘플당 곱셈-덧셈"},
    {"conv.rounded_down",
     "⌊ ⌋ rounds down: window positions that would run past the padded input are dropped.",
     "⌊ ⌋는 내림입니다. 패딩된 입력 밖으로 나가는 창 위치는 버려집니다."},
    {"conv.effective_kernel", "effective kernel D×(K−1)+1 = %d", "유효 커널 D×(K−1)+1 = %d"},
    {"conv.engine_error", "The engine rejects this layer:", "엔진이 이 레이어를 거부했습니다:"},
    {"conv.output_help",
     "Each output pixel is one placement of the kernel window on the padded input. The window spans "
     "D×(K−1)+1 pixels and moves S pixels at a time: ⌊(H + 2P − D×(K−1) − 1)/S⌋ + 1 placements fit "
     "per axis.",
     "출력 픽셀 하나는 패딩된 입력 위에 커널 창을 한 번 놓은 것입니다. 창의 폭은 D×(K−1)+1 픽셀이고 "
     "S픽셀씩 움직이므로 축마다 ⌊(H + 2P − D×(K−1) − 1)/S⌋ + 1번 놓을 수 있습니다."},
    {"conv.transposed_help",
     "A transposed convolution runs the sliding window backwards: every input pixel stamps a weighted "
     "copy of the kernel onto the output, S pixels apart. Padding P crops the result on each side; "
     "output padding adds rows and columns at the end.",
     "전치 합성곱은 슬라이딩 윈도우를 거꾸로 실행합니다. 입력 픽셀마다 커널에 값을 곱한 사본을 S픽셀 "
     "간격으로 출력에 찍습니다. 패딩 P는 결과의 양쪽을 잘라 내고, 출력 패딩은 끝에 행과 열을 "
     "더합니다."},
    {"conv.params_help",
     "Each of the C_out filters has C_in/G × K × K weights, plus one bias per filter.",
     "C_out개의 필터마다 C_in/G × K × K개의 가중치가 있고, 필터마다 편향이 하나 있습니다."},
    {"conv.params_help_t",
     "The weight has C_in × C_out/G × K × K values (one K×K kernel per input and output channel pair "
     "of a group), plus one bias per output channel.",
     "가중치는 C_in × C_out/G × K × K개입니다(그룹 안의 입력·출력 채널 쌍마다 K×K 커널 하나). "
     "출력 채널마다 편향이 하나 더해집니다."},
    {"conv.macs_help",
     "Every output value is a dot product of C_in/G × K × K pairs: one multiply-add each.",
     "출력 값 하나는 C_in/G × K × K개 쌍의 내적입니다. 쌍마다 곱셈-덧셈이 한 번입니다."},
    {"conv.macs_help_t",
     "Every input value is multiplied by C_out/G × K × K weights and added into the output.",
     "입력 값 하나마다 C_out/G × K × K개의 가중치를 곱해 출력에 더합니다."},

    // ---- Conv arithmetic lab: sliding window ----
    {"conv.window", "Sliding window", "슬라이딩 윈도우"},
    {"conv.play", "Play", "재생"},
    {"conv.pause", "Pause", "일시정지"},
    {"conv.position", "Position", "위치"},
    {"conv.speed", "Speed", "속도"},
    {"conv.steps_per_s", "%.0f steps/s", "초당 %.0f단계"},
    {"conv.padded_input", "Padded input", "패딩된 입력"},
    {"conv.input_grid", "Input", "입력"},
    {"conv.output_grid", "Output", "출력"},
    {"conv.legend_input", "input", "입력"},
    {"conv.legend_pad", "padding (zeros)", "패딩 (0)"},
    {"conv.legend_tap", "kernel tap", "커널 탭"},
    {"conv.legend_gap", "dilation gap", "딜레이션 틈"},
    {"conv.legend_current", "current output", "현재 출력"},
    {"conv.legend_done", "computed", "계산됨"},
    {"conv.legend_crop", "cropped by P", "P만큼 잘림"},
    {"conv.window_caption",
     "Output (%d, %d) reads padded rows %d–%d and columns %d–%d; each step moves the window by S = %d.",
     "출력 (%d, %d)은 패딩된 입력의 %d–%d행, %d–%d열을 읽습니다. 창은 한 번에 S = %d칸씩 움직입니다."},
    {"conv.window_caption_t",
     "Input (%d, %d) adds its K×K stamp to output rows %d–%d and columns %d–%d (before cropping).",
     "입력 (%d, %d)은 K×K 도장을 출력의 %d–%d행, %d–%d열에 더합니다(잘라 내기 전 좌표)."},
    {"conv.one_channel",
     "One channel is drawn: every input channel of a group uses the same window positions.",
     "채널 하나만 그렸습니다. 같은 그룹의 모든 입력 채널이 같은 창 위치를 씁니다."},

    // ---- Conv arithmetic lab: stacked 3x3 ----
    {"conv.stack", "Stacked 3×3 convolutions see what one large kernel sees",
     "3×3 합성곱을 쌓으면 큰 커널 하나가 보는 영역을 봅니다"},
    {"conv.stack_layers", "3×3 layers n", "3×3 층 수 n"},
    {"conv.stack_channels", "Channels C", "채널 C"},
    {"conv.stack_help",
     "Each 3×3 layer widens the receptive field by 2 pixels, so n stacked 3×3 convolutions see the "
     "same (2n+1)×(2n+1) patch as one (2n+1)×(2n+1) kernel, with fewer weights (n×9C² against "
     "(2n+1)²C², biases left out) and a non-linearity between the layers.",
     "3×3 층마다 수용 영역이 2픽셀씩 넓어지므로 3×3 합성곱 n개를 쌓으면 (2n+1)×(2n+1) 커널 하나와 "
     "같은 영역을 봅니다. 가중치는 더 적고(n×9C² 대 (2n+1)²C², 편향 제외) 층 사이에 비선형성이 "
     "들어갑니다."},
    {"conv.stacked", "%d stacked 3×3", "3×3 %d층"},
    {"conv.single", "one %d×%d", "%d×%d 한 층"},
    {"conv.rf", "receptive field", "수용 영역"},
    {"conv.weights", "weights", "가중치"},
    {"conv.fewer", "%.0f%% fewer weights", "가중치 %.0f%% 절약"},

    // ---- Conv arithmetic lab: feature-map preview ----
    {"conv.preview", "What the layer does to a picture", "그림에 적용하면"},
    {"conv.preview_help",
     "Channel 0 of a test picture and of this layer's output, with random weights, drawn at the same "
     "pixel size: stride shrinks the map, padding keeps the border, dilation spreads the kernel. "
     "Blue is negative, red positive.",
     "시험용 그림의 채널 0과 이 레이어(무작위 가중치)의 출력 채널 0을 같은 픽셀 크기로 그렸습니다. "
     "스트라이드는 맵을 줄이고, 패딩은 가장자리를 지키고, 딜레이션은 커널을 넓힙니다. 파랑은 음수, "
     "빨강은 양수입니다."},
    {"conv.preview_help_cvd",
     "Channel 0 of a test picture and of this layer's output, with random weights, drawn at the same "
     "pixel size: stride shrinks the map, padding keeps the border, dilation spreads the kernel. "
     "Purple is negative, orange positive.",
     "시험용 그림의 채널 0과 이 레이어(무작위 가중치)의 출력 채널 0을 같은 픽셀 크기로 그렸습니다. "
     "스트라이드는 맵을 줄이고, 패딩은 가장자리를 지키고, 딜레이션은 커널을 넓힙니다. 보라는 음수, "
     "주황은 양수입니다."},
    {"conv.preview_too_big", "Too many multiply-adds for a live preview (more than %s).",
     "실시간 미리 보기에는 곱셈-덧셈이 너무 많습니다(%s 초과)."},
    {"conv.preview_input", "input, channel 0", "입력, 채널 0"},
    {"conv.preview_output", "output, channel 0", "출력, 채널 0"},
    // ---- Inputs: the Network lab's input picker, uploads, drawing (src/app/inputs.h) ----
    {"input.source", "Source", "종류"},
    {"input.src.fashion", "Fashion-MNIST (test set)", "Fashion-MNIST (테스트 세트)"},
    {"input.src.mnist", "MNIST digits (test set)", "MNIST 숫자 (테스트 세트)"},
    {"input.src.photos", "Photographs", "사진"},
    {"input.src.upload", "Your pictures", "내 이미지"},
    {"input.src.drawing", "Your drawing", "직접 그리기"},
    {"input.index", "Image #", "이미지 번호"},
    {"input.class", "class", "클래스"},
    {"input.help",
     "Every picture becomes the model's input the same way here and in `layerlab input`: transparent "
     "parts over white, grey (0.299 R + 0.587 G + 0.114 B) or RGB as the model asks, then resized to its "
     "H x W: averaging areas when shrinking, bilinear when enlarging. Values run from 0 (black) to 1 (white).",
     "모든 그림은 이 페이지와 `layerlab input`에서 똑같이 모델의 입력이 됩니다. 투명한 부분은 흰색 위에 합성하고, "
     "모델에 따라 회색조(0.299 R + 0.587 G + 0.114 B) 또는 RGB로 바꾼 뒤 모델의 H x W 크기로 맞춥니다. "
     "줄일 때는 영역 평균, 늘릴 때는 쌍선형 보간을 씁니다. 값은 0(검정)부터 1(흰색)까지입니다."},
    {"input.upload", "Choose a picture...", "이미지 선택..."},
    {"input.drop_hint", "or drop an image file onto LayerLab", "또는 이미지 파일을 LayerLab 위에 끌어다 놓으세요"},
    {"input.no_uploads", "No pictures yet: choose or drop a PNG, JPEG, BMP or GIF file.",
     "아직 이미지가 없습니다. PNG, JPEG, BMP, GIF 파일을 선택하거나 끌어다 놓으세요."},
    {"input.not_image", "This file is not an image LayerLab can read (PNG, JPEG, BMP, GIF): %s",
     "LayerLab이 읽을 수 있는 이미지 파일이 아닙니다 (PNG, JPEG, BMP, GIF): %s"},
    {"input.kept", "The previous input is kept.", "이전 입력을 그대로 사용합니다."},
    {"input.missing", "These pictures are not available: %s", "이 이미지들을 불러올 수 없습니다: %s"},
    {"input.clear", "Clear", "지우기"},
    {"input.draw_hint",
     "Draw a digit with the mouse, white on black like the MNIST digits. The network sees your drawing as a "
     "%d x %d picture.",
     "마우스로 숫자를 그려 보세요. MNIST 숫자처럼 검은 바탕에 흰 글씨입니다. 네트워크는 이 그림을 %d x %d 크기의 "
     "이미지로 봅니다."},

};

}  // namespace

Table shell() { return {kRows, std::size(kRows)}; }

}  // namespace ll::app::strings
