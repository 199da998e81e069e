// i18n strings: one row per key, English then Korean. Format strings keep the same printf
// conversions in both languages (checked by nothing but review: keep %d as %d, %s as %s).
// The web build's Hangul font is subset to the characters of this file (cmake/app.cmake).
#include "app/i18n.h"

#include <cstdio>
#include <cstring>
#include <string_view>
#include <unordered_map>

namespace ll::app {

namespace {

struct Entry {
    const char* key;
    const char* en;
    const char* ko;
};

const Entry kStrings[] = {
    // ---- Shell: tabs, menus, about ----
    {"tab.network", "Network", "네트워크"},
    {"tab.arithmetic", "Conv arithmetic", "합성곱 계산"},
    {"tab.normalization", "Normalization", "정규화"},
    {"tab.optimizers", "Optimizers", "옵티마이저"},
    {"tab.training", "Training", "학습"},
    {"menu.view", "View", "보기"},
    {"menu.text_size", "Text size", "글자 크기"},
    {"menu.text_small", "Small", "작게"},
    {"menu.text_normal", "Normal", "보통"},
    {"menu.text_large", "Large", "크게"},
    {"menu.text_larger", "Larger", "더 크게"},
    {"menu.help", "Help", "도움말"},
    {"menu.about", "About LayerLab", "LayerLab 정보"},
    {"menu.language", "Language", "언어"},
    {"menu.frame_time", "Frame time: how long the last frames took to draw, in milliseconds.",
     "프레임 시간: 최근 프레임을 그리는 데 걸린 시간(밀리초)."},
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

    // ---- Labs still to come ----
    {"coming.title", "Coming soon", "준비 중"},
    {"coming.network",
     "The layer stepper: run a reference network one layer at a time, forward and backward, and see "
     "every feature map, gradient and update.",
     "레이어 스테퍼: 참조 네트워크를 한 레이어씩 순전파와 역전파로 실행하며 모든 특성 맵, 기울기, "
     "업데이트를 살펴봅니다."},
    {"coming.normalization",
     "Batch, layer, instance and group normalization side by side: which axes are averaged, and what "
     "that does to a batch of feature maps.",
     "배치, 레이어, 인스턴스, 그룹 정규화를 나란히 비교합니다. 어느 축으로 평균을 내는지, 그것이 "
     "특성 맵 배치를 어떻게 바꾸는지 봅니다."},
    {"coming.optimizers",
     "SGD, momentum, RMSprop and Adam racing down loss surfaces, step by step.",
     "SGD, 모멘텀, RMSprop, Adam이 손실 곡면을 한 걸음씩 내려가는 모습을 비교합니다."},
    {"coming.training",
     "Train a small network on Fashion-MNIST in the browser and follow the loss, the accuracy and the "
     "weights as they change.",
     "브라우저에서 Fashion-MNIST로 작은 네트워크를 학습시키며 손실, 정확도, 가중치가 변하는 모습을 "
     "따라갑니다."},
    {"coming.meanwhile", "Meanwhile, the Conv arithmetic tab is ready to explore.",
     "그동안 합성곱 계산 탭을 살펴보세요."},
    {"coming.open_arithmetic", "Open Conv arithmetic", "합성곱 계산 열기"},
    {"coming.requests", "Requests received", "받은 요청"},
    {"coming.preset", "Preset", "프리셋"},
    {"coming.input", "Input", "입력"},
    {"coming.steps", "Steps", "단계"},
    {"coming.none", "none", "없음"},

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
    {"input.draw_hint", "Draw with the mouse. The network sees your drawing as a %d x %d picture.",
     "마우스로 그려 보세요. 네트워크는 이 그림을 %d x %d 크기의 이미지로 봅니다."},

    // ---- Network lab ----
    {"net.title", "Network, layer by layer", "네트워크, 한 레이어씩"},
    {"net.subtitle",
     "Step a real network through one training iteration: the forward pass one layer at a time, the loss, "
     "the backward pass, and the optimizer's update.",
     "실제 네트워크로 학습 한 번을 단계별로 실행합니다. 레이어마다 순전파, 손실, 역전파, 옵티마이저의 "
     "업데이트 순서로 진행됩니다."},
    {"net.preset", "Network", "네트워크"},
    {"net.preset_help",
     "tiny-fashion is trained on Fashion-MNIST; standard, lenet5 and tiny-vgg start from PyTorch's random "
     "initialisation (fixed seed); edges is a hand-made edge detector with no classifier.",
     "tiny-fashion은 Fashion-MNIST로 학습된 네트워크입니다. standard, lenet5, tiny-vgg는 PyTorch의 무작위 "
     "초기화(고정 시드)에서 시작하고, edges는 분류기가 없는 손으로 만든 에지 검출기입니다."},
    {"net.preset_tiny-fashion", "trained on Fashion-MNIST", "Fashion-MNIST로 학습됨"},
    {"net.preset_standard", "32-64 channels, untrained", "32-64 채널, 학습 전"},
    {"net.preset_lenet5", "LeNet-5 (1998), untrained", "LeNet-5 (1998), 학습 전"},
    {"net.preset_tiny-vgg", "CNN Explainer's Tiny VGG, 3×64×64", "CNN Explainer의 Tiny VGG, 3×64×64"},
    {"net.preset_edges", "fixed edge filters, no classifier", "고정 에지 필터, 분류기 없음"},
    {"net.input", "Input", "입력"},
    {"net.label", "Label", "정답"},
    {"net.training_step", "Training step", "학습 단계"},
    {"net.opt_sgd", "SGD", "SGD"},
    {"net.opt_momentum", "SGD + momentum 0.9", "SGD + 모멘텀 0.9"},
    {"net.opt_adam", "Adam", "Adam"},
    {"net.mode_train", "Train mode", "학습 모드"},
    {"net.mode_eval", "Eval mode", "평가 모드"},
    {"net.mode_train_help",
     "Train mode: BatchNorm normalises with this image's own mean and variance, and updates its running "
     "statistics.",
     "학습 모드: BatchNorm이 이 이미지 자체의 평균과 분산으로 정규화하고, 이동 평균 통계를 갱신합니다."},
    {"net.mode_eval_help",
     "Eval mode: BatchNorm normalises with the running mean and variance it learned during training.",
     "평가 모드: BatchNorm이 학습 중에 모아 둔 이동 평균과 분산으로 정규화합니다."},
    {"net.col_layer", "Layer", "레이어"},
    {"net.col_output", "Output", "출력"},
    {"net.col_params", "Params", "파라미터"},
    {"net.col_macs", "MACs", "MACs"},
    {"net.col_rf", "RF", "RF"},
    {"net.rf_all", "all", "전체"},
    {"net.stack_help",
     "Output: the shape C×H×W each layer produces for one image. Params: learnable numbers. MACs: "
     "multiply-adds for one image. RF: receptive field, how many input pixels across one output pixel sees. "
     "Click a layer to select and edit it.",
     "출력: 이미지 한 장에 대해 레이어가 만드는 C×H×W 모양. 파라미터: 학습되는 값의 개수. MACs: 이미지 한 "
     "장당 곱셈-덧셈 횟수. RF: 수용 영역, 출력 픽셀 하나가 보는 입력 픽셀의 폭. 레이어를 클릭하면 선택하고 "
     "편집할 수 있습니다."},
    {"net.edit_layer", "Edit layer", "레이어 편집"},
    {"net.edit_help",
     "Change an argument and press Enter: the model is rebuilt from its JSON and the shapes update. Layers "
     "that did not change keep their weights. An impossible setting shows the engine's reason in red and "
     "the previous network keeps running.",
     "값을 바꾸고 Enter를 누르면 JSON으로 모델을 다시 만들고 모양이 갱신됩니다. 바뀌지 않은 레이어는 "
     "가중치를 유지합니다. 불가능한 설정은 엔진이 알려 주는 이유가 빨간색으로 표시되고, 이전 네트워크가 "
     "계속 실행됩니다."},
    {"net.move_up", "Up", "위로"},
    {"net.move_down", "Down", "아래로"},
    {"net.remove", "Remove", "삭제"},
    {"net.add_after", "Add after", "뒤에 추가"},
    {"net.back", "◀ Back", "◀ 이전"},
    {"net.forward", "Step ▶", "다음 ▶"},
    {"net.play", "Play", "재생"},
    {"net.pause", "Pause", "일시 정지"},
    {"net.keys_help", "Keyboard: ← and → step back and forward, space plays or pauses.",
     "키보드: ←, →로 이전/다음 단계, 스페이스로 재생/일시 정지."},
    {"net.position_fmt", "Iteration %d · step %d/%d · %s · layer %d (%s)",
     "반복 %d · 단계 %d/%d · %s · 레이어 %d (%s)"},
    {"net.phase_forward", "forward", "순전파"},
    {"net.phase_loss", "loss", "손실"},
    {"net.phase_backward", "backward", "역전파"},
    {"net.phase_update", "update", "업데이트"},
    {"net.phase_forward_help",
     "Forward: the layer turns the maps above it into its own output. Later layers are not computed yet.",
     "순전파: 레이어가 위쪽의 특성 맵으로 자신의 출력을 만듭니다. 뒤쪽 레이어는 아직 계산되지 않았습니다."},
    {"net.phase_loss_help",
     "Loss: softmax turns the scores into probabilities; the cross-entropy loss is −log of the probability "
     "of the correct class.",
     "손실: softmax가 점수를 확률로 바꾸고, 교차 엔트로피 손실은 정답 클래스 확률의 −log입니다."},
    {"net.phase_backward_help",
     "Backward: the gradient of the loss flows back through this layer (red: raising the value would raise "
     "the loss, blue: lower it).",
     "역전파: 손실의 기울기가 이 레이어를 거쳐 거꾸로 흐릅니다(빨강: 값을 키우면 손실이 커짐, 파랑: "
     "작아짐)."},
    {"net.phase_update_help",
     "Update: the optimizer moves this layer's parameters against their gradient. The next forward pass "
     "shows the effect.",
     "업데이트: 옵티마이저가 이 레이어의 파라미터를 기울기 반대 방향으로 옮깁니다. 다음 순전파에서 "
     "효과가 보입니다."},
    {"net.summary_fmt", "Prediction: %s (%.1f%%) · target: %s · loss %.4f",
     "예측: %s (%.1f%%) · 정답: %s · 손실 %.4f"},
    {"net.no_classifier", "This network has no classifier: only forward steps.",
     "이 네트워크에는 분류기가 없어 순전파 단계만 있습니다."},
    {"net.not_ready", "Loading the network…", "네트워크를 불러오는 중…"},
    {"net.maps", "Feature maps", "특성 맵"},
    {"net.maps_help",
     "Every channel of every layer computed so far. Non-negative maps: dark (0) to yellow (max); signed "
     "maps and gradients: blue (negative), white (0), red (positive). The numbers in brackets are each "
     "layer's range. Hover a pixel to see the region of the input (and of every layer in between) it "
     "depends on; click it to inspect it.",
     "지금까지 계산된 모든 레이어의 모든 채널입니다. 음수가 없는 맵은 어두운색(0)에서 노란색(최댓값)으로, "
     "부호가 있는 맵과 기울기는 파랑(음수), 흰색(0), 빨강(양수)으로 그립니다. 괄호 안 숫자는 각 레이어의 "
     "값 범위입니다. 픽셀에 마우스를 올리면 그 픽셀이 의존하는 입력 영역(과 사이의 모든 레이어 영역)이 "
     "표시되고, 클릭하면 자세히 볼 수 있습니다."},
    {"net.not_yet", "not computed yet", "아직 계산 전"},
    {"net.output_of", "output", "출력"},
    {"net.feature", "feature", "특성"},
    {"net.channel", "channel", "채널"},
    {"net.channel_fmt", "channel %d", "채널 %d"},
    {"net.rf_region", "receptive field in the input:", "입력에서의 수용 영역:"},
    {"net.layer", "Layer", "레이어"},
    {"net.position", "Position", "위치"},
    {"net.play_window", "Slide", "밀기"},
    {"net.pause_window", "Stop", "멈춤"},
    {"net.conv_output_at", "Output channel %d at (%d, %d):", "출력 채널 %d, 위치 (%d, %d):"},
    {"net.in_channel_fmt", "input channel %d", "입력 채널 %d"},
    {"net.patch", "input patch", "입력 패치"},
    {"net.kernel", "kernel", "커널"},
    {"net.products", "products", "곱"},
    {"net.engine_value", "engine's output: %.4f", "엔진의 출력: %.4f"},
    {"net.window_at", "Channel %d, output (%d, %d):", "채널 %d, 출력 (%d, %d):"},
    {"net.window", "window", "창"},
    {"net.max_is", "max = %.4f (green: the winner, the only input that gets the gradient)",
     "max = %.4f (초록: 최댓값, 기울기를 받는 유일한 입력)"},
    {"net.avg_is", "average = %.4f", "평균 = %.4f"},
    {"net.bn_batch", "Normalised with this batch's statistics (train mode):",
     "이 배치의 통계로 정규화했습니다(학습 모드):"},
    {"net.bn_running", "Normalised with the running statistics (eval mode):",
     "이동 평균 통계로 정규화했습니다(평가 모드):"},
    {"net.running", "running", "이동 평균"},
    {"net.bn_mode_help", "y = γ · (x − μ) / √(σ² + ε) + β, per channel.",
     "y = γ · (x − μ) / √(σ² + ε) + β, 채널마다 계산합니다."},
    {"net.negatives", "%d of %d inputs were negative.", "입력 %d / %d개가 음수였습니다."},
    {"net.loss_line", "target %s: loss = −log p = %.4f (p = %.4f)", "정답 %s: 손실 = −log p = %.4f (p = %.4f)"},
    {"net.before", "before", "이전"},
    {"net.after", "after", "이후"},
    {"net.rule_sgd", "SGD: w ← w − %g · ∂L/∂w", "SGD: w ← w − %g · ∂L/∂w"},
    {"net.rule_momentum", "Momentum: v ← 0.9 v + ∂L/∂w, w ← w − %g · v", "모멘텀: v ← 0.9 v + ∂L/∂w, w ← w − %g · v"},
    {"net.rule_adam", "Adam: w ← w − %g · m / (√v + ε), m and v being running averages of the gradient and of its square (bias-corrected).",
     "Adam: w ← w − %g · m / (√v + ε), m과 v는 기울기와 그 제곱의 이동 평균입니다(편향 보정)."},
    {"net.sum_title", "Σ: each input channel's sum of products, then + b (the bias):",
     "Σ: 입력 채널마다 곱을 더한 값, 그리고 + b (편향):"},
    {"net.match", "✓ the same", "✓ 일치"},
    {"net.target_mark", " ◀", " ◀"},
    {"net.layers", "Layers", "레이어"},
    {"net.mismatch", "✗ different", "✗ 불일치"},
    {"net.detail_not_yet", "Not computed yet: step forward to reach this layer.",
     "아직 계산 전입니다. 다음 단계로 진행해 이 레이어까지 가세요."},
    {"net.detail_none", "This layer reshapes or mixes every value; see its maps on the left.",
     "이 레이어는 값의 모양을 바꾸거나 모든 값을 섞습니다. 왼쪽의 맵을 보세요."},
    {"net.fm0", "T-shirt/top", "티셔츠/탑"},
    {"net.fm1", "Trouser", "바지"},
    {"net.fm2", "Pullover", "풀오버"},
    {"net.fm3", "Dress", "드레스"},
    {"net.fm4", "Coat", "코트"},
    {"net.fm5", "Sandal", "샌들"},
    {"net.fm6", "Shirt", "셔츠"},
    {"net.fm7", "Sneaker", "운동화"},
    {"net.fm8", "Bag", "가방"},
    {"net.fm9", "Ankle boot", "앵클 부츠"},
    // ---- Optimizers lab ----
    {"opt.title", "Optimizer race", "옵티마이저 경주"},
    {"opt.subtitle",
     "The engine's optimizers descend a loss surface of two parameters. Pick the racers, click the map to "
     "place the start, and press Play.",
     "엔진의 옵티마이저들이 두 파라미터의 손실 곡면을 내려갑니다. 참가자를 고르고, 지도를 클릭해 출발점을 "
     "정한 뒤 재생을 누르세요."},
    {"opt.surface", "Loss surface", "손실 곡면"},
    {"opt.surface_help",
     "f(x, y) is drawn as a heat map with contour lines, evaluated per pixel on the GPU; contour levels are "
     "spaced evenly in log10(f - min). Stars mark the minima.",
     "f(x, y)를 GPU에서 픽셀마다 계산해 등고선이 있는 히트맵으로 그립니다. 등고선 간격은 log10(f - 최솟값)에서 "
     "일정합니다. 별표는 최솟점입니다."},
    {"opt.s_quadratic", "Ill-conditioned quadratic", "조건수가 나쁜 2차 함수"},
    {"opt.s_rosenbrock", "Rosenbrock valley", "Rosenbrock 골짜기"},
    {"opt.s_beale", "Beale", "Beale 함수"},
    {"opt.s_saddle", "Saddle", "안장점"},
    {"opt.s_himmelblau", "Himmelblau (four minima)", "Himmelblau (최솟점 4개)"},
    {"opt.s_least_squares", "Least squares on Fashion-MNIST", "Fashion-MNIST 최소제곱"},
    {"opt.condition", "Condition K", "조건수 K"},
    {"opt.scaled", "Feature scaling", "특성 스케일링"},
    {"opt.scaled_help",
     "The optimizer works on (u, v) = (x, √K·y): the same loss becomes 0.5·(u² + v²), a round bowl. The map "
     "still shows (x, y).",
     "옵티마이저가 (u, v) = (x, √K·y)에서 움직입니다. 같은 손실이 0.5·(u² + v²)인 둥근 그릇이 됩니다. 지도는 "
     "여전히 (x, y)를 보여 줍니다."},
    {"opt.batch", "Batch size", "배치 크기"},
    {"opt.full_batch", "200 (full set)", "200 (전체)"},
    {"opt.start", "Start: (%.4g, %.4g)", "출발점: (%.4g, %.4g)"},
    {"opt.default_start", "Default start", "기본 출발점"},
    {"opt.reset_view", "Reset view", "보기 초기화"},
    {"opt.presets", "Comparisons", "비교 실험"},
    {"opt.p_race", "All seven", "일곱 개 모두"},
    {"opt.p_scaling", "Ill-conditioned", "나쁜 조건수"},
    {"opt.p_batch", "Mini-batch noise", "미니배치 잡음"},
    {"opt.p_l1l2", "L1 vs L2", "L1 대 L2"},
    {"opt.p_adamw", "Adam + L2 vs AdamW", "Adam + L2 대 AdamW"},
    {"opt.racers", "Racers", "참가자"},
    {"opt.racers_help",
     "Tick the optimizers to race. Click a name to open its hyperparameters and show its update rule. "
     "Every change restarts the race.",
     "경주할 옵티마이저를 선택하세요. 이름을 클릭하면 하이퍼파라미터가 열리고 업데이트 규칙이 표시됩니다. "
     "무엇을 바꾸든 경주가 다시 시작됩니다."},
    {"opt.add", "Add racer", "참가자 추가"},
    {"opt.add_help", "A second copy of an optimizer, e.g. the same SGD with and without L1.",
     "같은 옵티마이저를 하나 더 추가합니다. 예: L1이 있는 SGD와 없는 SGD."},
    {"opt.momentum", "Momentum μ", "모멘텀 μ"},
    {"opt.alpha", "α (alpha)", "α (alpha)"},
    {"opt.beta1", "β₁", "β₁"},
    {"opt.beta2", "β₂", "β₂"},
    {"opt.eps", "ε (eps)", "ε (eps)"},
    {"opt.gamma", "γ (gamma)", "γ (gamma)"},
    {"opt.weight_decay", "Weight decay λ", "가중치 감쇠 λ"},
    {"opt.glyph_open", "▾", "▾"},
    {"opt.glyph_closed", "▸", "▸"},
    {"opt.glyph_dot", "●", "●"},
    {"opt.schedule", "Learning-rate schedule", "학습률 스케줄"},
    {"opt.schedule_help",
     "Before step t the engine's scheduled_lr(t) is given to each optimizer with set_lr: the base rate "
     "times the curve below, after a linear warm-up.",
     "스텝 t 전에 엔진의 scheduled_lr(t)를 set_lr로 각 옵티마이저에 넘깁니다. 기본 학습률에 아래 곡선을 "
     "곱한 값이며, 처음에는 선형 워밍업이 있습니다."},
    {"opt.sch_kind", "Shape", "형태"},
    {"opt.sch_constant", "Constant", "일정"},
    {"opt.sch_step", "Step decay", "계단식 감소"},
    {"opt.sch_cosine", "Cosine", "코사인"},
    {"opt.warmup", "Warm-up steps", "워밍업 스텝"},
    {"opt.total", "Total steps", "전체 스텝"},
    {"opt.step_size", "Decay every", "감소 간격"},
    {"opt.sch_now", "Now: lr × %.3g", "현재: lr × %.3g"},
    {"opt.step", "Step", "한 스텝"},
    {"opt.play", "Play", "재생"},
    {"opt.pause", "Pause", "일시 정지"},
    {"opt.reset", "Reset", "처음으로"},
    {"opt.speed", "Speed", "속도"},
    {"opt.steps_per_s", "%.0f/s", "%.0f/초"},
    {"opt.step_count", "step %ld", "스텝 %ld"},
    {"opt.view_hint", "Click: move the start. Drag: pan. Wheel: zoom.",
     "클릭: 출발점 이동. 드래그: 이동. 휠: 확대/축소."},
    {"opt.loss_plot", "log10(loss − min) per step", "스텝별 log10(손실 − 최솟값)"},
    {"opt.loss_plot_linear", "Loss per step (no minimum: linear scale)", "스텝별 손실 (최솟값 없음: 선형 눈금)"},
    {"opt.loss_plot_help",
     "The surface's value at each racer's point, without the L1 / L2 terms, minus the lowest minimum.",
     "각 참가자 위치에서의 곡면 값(L1/L2 항 제외)에서 가장 낮은 최솟값을 뺀 값입니다."},
    {"opt.plot_steps", "steps", "스텝"},
    {"opt.table", "Race (tolerance: loss − min < %g)", "경주 결과 (허용 오차: 손실 − 최솟값 < %g)"},
    {"opt.table_help",
     "Reached: the first step at which the racer's loss is within the tolerance of the minimum.",
     "도달: 참가자의 손실이 처음으로 최솟값과 허용 오차 이내가 된 스텝입니다."},
    {"opt.col_name", "Optimizer", "옵티마이저"},
    {"opt.col_loss", "Loss", "손실"},
    {"opt.col_reached", "Reached", "도달"},
    {"opt.not_yet", "—", "—"},
    {"opt.diverged", "diverged", "발산"},
    {"opt.rule", "%s: update rule, live", "%s: 업데이트 규칙 (실시간)"},
    {"opt.rule_wait", "Take a step to see the numbers.", "한 스텝 진행하면 숫자가 나타납니다."},
    {"opt.rule_sgd", "p ← p − lr·g", "p ← p − lr·g"},
    {"opt.rule_momentum", "b ← μ·b + g\np ← p − lr·b", "b ← μ·b + g\np ← p − lr·b"},
    {"opt.rule_nesterov", "b ← μ·b + g\np ← p − lr·(g + μ·b)", "b ← μ·b + g\np ← p − lr·(g + μ·b)"},
    {"opt.rule_adagrad", "sum ← sum + g²\np ← p − lr·g / (√sum + ε)", "sum ← sum + g²\np ← p − lr·g / (√sum + ε)"},
    {"opt.rule_rmsprop", "v ← α·v + (1−α)·g²\np ← p − lr·g / (√v + ε)",
     "v ← α·v + (1−α)·g²\np ← p − lr·g / (√v + ε)"},
    {"opt.rule_adam",
     "m ← β₁·m + (1−β₁)·g\nv ← β₂·v + (1−β₂)·g²\np ← p − lr·(m / (1−β₁^t)) / (√(v / (1−β₂^t)) + ε)",
     "m ← β₁·m + (1−β₁)·g\nv ← β₂·v + (1−β₂)·g²\np ← p − lr·(m / (1−β₁^t)) / (√(v / (1−β₂^t)) + ε)"},
    {"opt.rule_adamw", "p ← p·(1 − lr·λ), then the Adam step (m = exp_avg, v = exp_avg_sq)",
     "p ← p·(1 − lr·λ) 후 Adam 스텝 (m = exp_avg, v = exp_avg_sq)"},
    {"opt.bias_corr", "1−β₁^t = %.5g   1−β₂^t = %.5g", "1−β₁^t = %.5g   1−β₂^t = %.5g"},
    {"opt.delta_p", "Δp = (%.5g, %.5g)", "Δp = (%.5g, %.5g)"},
    {"opt.rule_reg", "g already holds the penalties:", "g에는 벌점 항이 이미 더해져 있습니다:"},
    {"opt.explain", "What to look for", "살펴볼 점"},
    {"opt.x_quadratic",
     "K = %g: the curvature along y is K times that along x. Plain gradient descent needs lr < 2/K = %.3g, and "
     "then crawls along x, shrinking it by (1 − lr) per step. Momentum and Adam cope better. Turn on feature "
     "scaling (v = %.3g·y) to make the bowl round.",
     "K = %g: y 방향 곡률이 x 방향의 K배입니다. 경사 하강법은 lr < 2/K = %.3g 이어야 하고, 그러면 x 방향으로는 "
     "스텝마다 (1 − lr)배씩 아주 느리게 줄어듭니다. 모멘텀과 Adam이 더 잘 버팁니다. 특성 스케일링(v = %.3g·y)을 "
     "켜면 그릇이 둥글어집니다."},
    {"opt.x_quadratic_scaled",
     "K = %g, scaled: in (u, v) = (x, %.3g·y) the loss is 0.5·(u² + v²), condition 1. Both coordinates shrink "
     "at the same rate, so gradient descent goes straight to the minimum even with a large lr.",
     "K = %g, 스케일링: (u, v) = (x, %.3g·y)에서 손실은 0.5·(u² + v²), 조건수 1입니다. 두 좌표가 같은 "
     "비율로 줄어 큰 lr로도 경사 하강법이 최솟점으로 곧장 갑니다."},
    {"opt.x_rosenbrock",
     "The minimum (1, 1) lies at the end of a long, curved, nearly flat valley. Everyone reaches the valley "
     "floor fast; then plain SGD crawls while momentum and the adaptive methods keep moving along it.",
     "최솟점 (1, 1)은 길고 휘어진, 거의 평평한 골짜기 끝에 있습니다. 모두 골짜기 바닥에는 빨리 닿지만, 그 뒤 "
     "SGD는 기어가고 모멘텀과 적응형 방법은 골짜기를 따라 계속 나아갑니다."},
    {"opt.x_beale",
     "Beale's function has a flat plateau and steep walls; its minimum is (3, 0.5). Gradients vary by orders "
     "of magnitude, which is where per-coordinate scaling (Adagrad, RMSprop, Adam) helps.",
     "Beale 함수는 평평한 고원과 가파른 벽으로 되어 있고 최솟점은 (3, 0.5)입니다. 기울기 크기가 몇 자릿수씩 "
     "달라서 좌표별로 크기를 맞추는 Adagrad, RMSprop, Adam이 유리합니다."},
    {"opt.x_saddle",
     "f = x² − y² has a saddle at the origin and no minimum. Started near y = 0, SGD lingers at the saddle "
     "(y grows by (1 + 2·lr) per step); momentum escapes much sooner.",
     "f = x² − y²는 원점이 안장점이고 최솟점이 없습니다. y = 0 근처에서 출발하면 SGD는 안장점 근처에 오래 머뭅니다"
     "(y가 스텝마다 (1 + 2·lr)배). 모멘텀은 훨씬 빨리 빠져나갑니다."},
    {"opt.x_himmelblau",
     "Four minima of value 0: which one an optimizer finds depends on the start and on its path. Click "
     "elsewhere on the map to try another start.",
     "값이 0인 최솟점이 네 개 있습니다. 어느 것에 도착할지는 출발점과 경로에 달려 있습니다. 지도의 다른 곳을 "
     "클릭해 출발점을 바꿔 보세요."},
    {"opt.x_least_squares",
     "Fit t = w·s + b to 200 Fashion-MNIST images (s, t: mean brightness of the top and bottom halves); x = w, "
     "y = b. Batch %d: each step averages the gradient over that many samples, taken in order. Small batches "
     "give a noisy, zig-zag path around the full-batch descent (the faint wide line).",
     "Fashion-MNIST 이미지 200장에 t = w·s + b를 맞춥니다(s, t: 위쪽 절반과 아래쪽 절반의 평균 밝기). x = w, "
     "y = b입니다. 배치 %d: 스텝마다 그만큼의 샘플을 순서대로 골라 기울기를 평균합니다. 배치가 작을수록 "
     "전체 배치 경로(흐리고 굵은 선) 주변을 지그재그로 흔들립니다."},
    {"opt.x_reg",
     "Dashed lines: the L1 diamond |x| + |y| = r and the L2 circle x² + y² = r² through each regularised "
     "racer; the heat map adds the selected racer's penalty to the loss. L1 adds l1·sign(p) to g, a constant push that drives a "
     "small coordinate to zero, where it then jitters within lr·l1; L2 adds l2·p and shrinks every "
     "coordinate in proportion.",
     "점선: 정규화된 각 참가자를 지나는 L1 마름모 |x| + |y| = r 와 L2 원 x² + y² = r². 히트맵은 선택한 참가자의 "
     "벌점을 손실에 더해 보여 줍니다. L1은 g에 l1·sign(p)를 더해 작은 좌표를 일정한 힘으로 0까지 밀고, 0에서는 lr·l1 폭으로 "
     "흔들립니다. L2는 l2·p를 더해 모든 좌표를 비례해서 줄입니다."},
    {"opt.x_adamw",
     "Adam + L2 puts l2·p into g, so Adam's division by √v weakens the decay where gradients are large. AdamW "
     "decays p directly (p·(1 − lr·λ)), the same for every coordinate: the two end at different points.",
     "Adam + L2는 l2·p를 g에 넣으므로, 기울기가 큰 좌표에서는 √v로 나누면서 감쇠가 약해집니다. AdamW는 p를 "
     "직접 줄이므로(p·(1 − lr·λ)) 모든 좌표에 똑같이 작용합니다. 그래서 둘은 서로 다른 점에 도착합니다."},
    // ---- Normalization lab ----
    {"norm.title", "Normalization", "정규화"},
    {"norm.subtitle",
     "Every norm computes x̂ = (x − μ)/√(σ² + ε) and y = γ·x̂ + β. They differ only in which values share one μ and σ².",
     "모든 정규화는 x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β를 계산합니다. 차이는 어떤 값들이 하나의 μ와 σ²를 함께 쓰는가뿐입니다."},
    {"norm.method", "Method", "방법"},
    {"norm.m.batch", "BatchNorm", "BatchNorm"},
    {"norm.m.layer", "LayerNorm", "LayerNorm"},
    {"norm.m.instance", "InstanceNorm", "InstanceNorm"},
    {"norm.m.group", "GroupNorm", "GroupNorm"},
    {"norm.m.lrn", "Local response norm", "Local Response Norm"},
    {"norm.m.lcn", "Local contrast norm", "Local Contrast Norm"},
    {"norm.m.cibn", "Cross-iteration BN", "Cross-Iteration BN"},
    {"norm.d.batch",
     "One μ, σ² per channel over (N, H, W): all samples of the batch share them, so each output depends on the other images in the batch.",
     "채널마다 (N, H, W) 전체에서 μ, σ² 하나를 구합니다. 배치의 모든 샘플이 공유하므로 출력이 배치 안의 다른 이미지에 따라 달라집니다."},
    {"norm.d.layer",
     "One μ, σ² per sample over (C, H, W): independent of the batch, the same in training and at test time.",
     "샘플마다 (C, H, W) 전체에서 μ, σ² 하나를 구합니다. 배치와 무관하고 학습과 테스트에서 똑같이 동작합니다."},
    {"norm.d.instance",
     "One μ, σ² per sample and channel over (H, W): removes each feature map's own contrast (style transfer).",
     "샘플과 채널마다 (H, W)에서 μ, σ² 하나를 구합니다. 특성 맵마다 고유한 대비를 없앱니다(스타일 변환)."},
    {"norm.d.group",
     "One μ, σ² per sample and group of C/G channels over (C/G, H, W): G = 1 is LayerNorm, G = C is InstanceNorm.",
     "샘플마다 C/G개 채널 묶음의 (C/G, H, W)에서 μ, σ² 하나를 구합니다. G = 1이면 LayerNorm, G = C이면 InstanceNorm입니다."},
    {"norm.d.lrn",
     "AlexNet's LRN divides each value by (k + α/n·Σ x²)^β over n = 5 neighbouring channels at the same pixel: no mean is removed.",
     "AlexNet의 LRN은 같은 픽셀에서 이웃한 n = 5개 채널의 (k + α/n·Σ x²)^β로 각 값을 나눕니다. 평균은 빼지 않습니다."},
    {"norm.d.lcn",
     "Jarrett et al. 2009: subtract a Gaussian-weighted local mean over a 9×9 window and all channels, then divide by the local standard deviation.",
     "Jarrett 외 2009: 9×9 창과 모든 채널에 대한 가우시안 가중 지역 평균을 빼고, 지역 표준편차로 나눕니다."},
    {"norm.d.cibn",
     "BatchNorm whose statistics pool the current batch and the 3 before it (ghost blocks), compensated for the weight change: like a 4× larger batch.",
     "현재 배치와 앞선 3개 배치(흐린 블록)의 통계를 가중치 변화를 보정해 함께 쓰는 BatchNorm입니다. 배치가 4배 큰 것과 비슷합니다."},
    {"norm.groups_help",
     "The number of groups must divide the 8 channels: 1, 2, 4 or 8. G = 1 averages all channels of a sample (LayerNorm), G = 8 each channel alone (InstanceNorm).",
     "그룹 수는 채널 수 8의 약수(1, 2, 4, 8)여야 합니다. G = 1은 샘플의 모든 채널을 평균(LayerNorm), G = 8은 채널 하나씩 평균(InstanceNorm)합니다."},
    {"norm.data", "Activations", "활성값"},
    {"norm.data_real", "Fashion-MNIST through conv 1", "Fashion-MNIST → 첫 번째 conv"},
    {"norm.data_synth", "Synthetic batch", "합성 배치"},
    {"norm.data_missing",
     "The Fashion-MNIST test set is not in this build (/data/fashion-mnist): showing the synthetic batch.",
     "이 빌드에는 Fashion-MNIST 테스트 세트(/data/fashion-mnist)가 없어 합성 배치를 보여 줍니다."},
    {"norm.data_trained", "Test images through tiny-fashion's trained first Conv2d (8 channels, 28×28).",
     "테스트 이미지를 학습된 tiny-fashion의 첫 Conv2d(8채널, 28×28)에 통과시킨 값입니다."},
    {"norm.data_untrained", "Test images through a randomly initialised Conv2d (tiny-fashion weights not found).",
     "테스트 이미지를 무작위로 초기화한 Conv2d에 통과시킨 값입니다(tiny-fashion 가중치 없음)."},
    {"norm.channel_params", "Channel %d: its distribution (covariate shift)", "채널 %d의 분포(공변량 이동)"},
    {"norm.shift", "Shift", "이동"},
    {"norm.scale", "Scale", "배율"},
    {"norm.selection", "Selected element", "선택한 원소"},
    {"norm.selection_help", "Or click a cell of the block: the front face sets channel and rows, the top face sample and channel, the side face sample and rows.",
     "블록의 칸을 클릭해도 됩니다. 앞면은 채널과 행, 윗면은 샘플과 채널, 옆면은 샘플과 행을 고릅니다."},
    {"norm.sample", "Sample n", "샘플 n"},
    {"norm.channel", "Channel c", "채널 c"},
    {"norm.rows", "Rows (H·W bin)", "행 (H·W 구간)"},
    {"norm.block_help",
     "The batch as the Group Normalization paper draws it: N samples into the depth, C channels across, the 28×28 pixels of a map flattened downwards (7 bins of 4 rows). Blue cubes share one mean and variance.",
     "Group Normalization 논문의 그림처럼 배치를 그렸습니다. 깊이 방향은 N개 샘플, 가로는 C개 채널, 세로는 28×28 픽셀을 펼친 것(4행씩 7구간)입니다. 파란 칸들이 하나의 평균과 분산을 공유합니다."},
    {"norm.axis_n", "N (samples)", "N (샘플)"},
    {"norm.axis_c", "C (channels)", "C (채널)"},
    {"norm.legend_group", "shares μ, σ² with the selection", "선택한 원소와 μ, σ² 공유"},
    {"norm.legend_selected", "selected element", "선택한 원소"},
    {"norm.legend_ghost", "past iterations t−1 … t−3", "이전 반복 t−1 … t−3"},
    {"norm.group_title", "Its group (sample %d, channel %d, rows bin %d)", "그 그룹 (샘플 %d, 채널 %d, 행 구간 %d)"},
    {"norm.stats_help",
     "μ and σ² are read from the engine layer after its forward pass (mean(), var()); σ² is the biased variance, as in PyTorch.",
     "μ와 σ²는 엔진 레이어의 순전파 뒤 mean(), var()에서 읽은 값입니다. σ²는 PyTorch처럼 편향 분산입니다."},
    {"norm.loading", "Loading the activations…", "활성값을 불러오는 중…"},
    {"norm.formula", "over %d values: x̂ = (x %s) / √(%s + ε),  y = %s·x̂ %s",
     "%d개 값에 대해: x̂ = (x %s) / √(%s + ε),  y = %s·x̂ %s"},
    {"norm.lrn_numbers", "over %d channels: scale = k + α/n·Σ x² = %s;  x = %s → y = x / scale^β = %s",
     "%d개 채널에 대해: scale = k + α/n·Σ x² = %s;  x = %s → y = x / scale^β = %s"},
    {"norm.lcn_numbers", "local mean m = %s, local σ = %s, divisor d = max(floor, σ) = %s;  y = (x − m) / d",
     "지역 평균 m = %s, 지역 σ = %s, 나눗수 d = max(floor, σ) = %s;  y = (x − m) / d"},
    {"norm.cibn_means", "channel mean per iteration t−3 … t:", "반복별 채널 평균 t−3 … t:"},
    {"norm.before", "Before: x of the group (red: μ)", "정규화 전: 그룹의 x (빨강: μ)"},
    {"norm.after", "After: y = γ·x̂ + β (red: β)", "정규화 후: y = γ·x̂ + β (빨강: β)"},
    {"norm.gamma", "γ (scale)", "γ (배율)"},
    {"norm.beta", "β (shift)", "β (이동)"},
    {"norm.gamma_help",
     "γ and β are learned per channel: after normalising, the network can still pick any mean and spread, even undo the normalisation.",
     "γ와 β는 채널마다 학습됩니다. 정규화한 뒤에도 신경망은 원하는 평균과 퍼짐을 고를 수 있고, 정규화를 되돌릴 수도 있습니다."},
    {"norm.restore", "γ = σ, β = μ", "γ = σ, β = μ"},
    {"norm.identity", "γ = 1, β = 0", "γ = 1, β = 0"},
    {"norm.max_diff", "max |y − x| over the group: %s (0 when γ = σ and β = μ: the layer gives back its input)",
     "그룹 전체의 max |y − x|: %s (γ = σ, β = μ이면 0: 레이어가 입력을 그대로 돌려줍니다)"},
    {"norm.bs.title", "Batch size: how noisy is the batch estimate?", "배치 크기: 배치 추정값은 얼마나 흔들릴까?"},
    {"norm.bs.help",
     "One fixed image is put into 64 random batches of B images from the pool of 256 and normalised by each engine layer. The gap is the RMS difference between the mean used in training and the one used at test time: the population's (running) for BN and CIBN, the image's own for GN.",
     "고정된 이미지 하나를 256개 풀에서 뽑은 B개짜리 무작위 배치 64개에 넣고 각 엔진 레이어로 정규화합니다. 차이는 학습 때 쓴 평균과 테스트 때 쓸 평균의 RMS 차이입니다. BN과 CIBN은 모집단(이동 평균), GN은 이미지 자신의 평균을 테스트 때 씁니다."},
    {"norm.bs.batch", "Batch size B", "배치 크기 B"},
    {"norm.bs.computing", "computing", "계산 중"},
    {"norm.bs.done", "%d batches per size", "크기마다 배치 %d개"},
    {"norm.bs.dist", "Channel mean used for one image in training (top BN, bottom CIBN)",
     "학습 때 한 이미지에 쓰인 채널 평균 (위 BN, 아래 CIBN)"},
    {"norm.bs.curve", "Train–test gap (RMS) vs batch size", "배치 크기에 따른 학습–테스트 차이 (RMS)"},
    {"norm.bs.population", "population mean", "모집단 평균"},
    {"norm.bs.numbers", "B = %d, channel %d: population μ = %s;  train–test gap (RMS) BN %s, CIBN %s, GN %s",
     "B = %d, 채널 %d: 모집단 μ = %s;  학습–테스트 차이(RMS) BN %s, CIBN %s, GN %s"},
    {"norm.bs.why",
     "BatchNorm's μ is a sample mean of B images: its error shrinks like 1/√B, so at batch 1–4 each image is normalised by a noisy, batch-dependent number and the running averages used at test time disagree with training. GroupNorm looks at one image only (spread 0); Cross-iteration BN pools 4 batches, so it behaves like batch 4B.",
     "BatchNorm의 μ는 이미지 B개의 표본 평균이라 오차가 1/√B처럼 줄어듭니다. 배치가 1–4이면 각 이미지가 흔들리는, 배치에 따라 달라지는 값으로 정규화되고, 테스트 때 쓰는 이동 평균도 학습 때와 어긋납니다. GroupNorm은 이미지 하나만 보므로 흔들림이 0이고, Cross-Iteration BN은 배치 4개를 모아 배치 4B처럼 동작합니다."},
    {"norm.ex.title", "Measured: test accuracy after %d epochs of Fashion-MNIST training",
     "실측: Fashion-MNIST로 %d 에포크 학습한 뒤의 테스트 정확도"},
    {"norm.ex.help",
     "tools/norm_batch_experiment.sh trains the tiny network with a 64-unit hidden layer (a 7×7 convolution to 64×1×1) under each normalization with layerlab train: SGD with momentum, lr = 0.05 × batch / 32, three seeds, tested in eval mode on the 10,000 test images. Hover a cell for the seeds' range.",
     "tools/norm_batch_experiment.sh가 layerlab train으로 은닉층 64개(64×1×1을 만드는 7×7 합성곱)를 둔 tiny 네트워크를 정규화마다 학습합니다: 모멘텀 SGD, lr = 0.05 × 배치 / 32, 시드 3개, 테스트 이미지 10,000장에서 평가 모드로 측정합니다. 칸에 마우스를 올리면 시드별 범위가 보입니다."},
    {"norm.ex.batch", "batch %d", "배치 %d"},
    {"norm.ex.range", "%d seeds: %.1f%% – %.1f%%", "시드 %d개: %.1f%% – %.1f%%"},
    {"norm.ex.why",
     "The hidden layer's BatchNorm sees one value per image: at batch 2 it turns every channel into −1 and +1 whatever the images are, and the running averages used in eval no longer match training. GroupNorm never looks across images; CrossIterationBN pools 8 iterations (16 values at batch 2) and keeps most of the accuracy.",
     "은닉층의 BatchNorm은 이미지마다 값 하나만 봅니다. 배치가 2이면 이미지가 무엇이든 모든 채널을 −1과 +1로 바꾸고, 평가 때 쓰는 이동 평균은 학습 때와 맞지 않게 됩니다. GroupNorm은 이미지끼리 섞지 않고, CrossIterationBN은 반복 8회를 모아(배치 2에서 값 16개) 정확도를 대부분 지킵니다."},
    {"norm.te.title", "BatchNorm: train versus eval", "BatchNorm: 학습 모드와 평가 모드"},
    {"norm.te.help",
     "Train mode normalises with the batch's μ_B, σ²_B and updates running = 0.9·running + 0.1·batch (σ² unbiased). Eval mode uses the running values.",
     "학습 모드는 배치의 μ_B, σ²_B로 정규화하고 running = 0.9·running + 0.1·batch로 갱신합니다(σ²는 불편 추정). 평가 모드는 running 값을 씁니다."},
    {"norm.te.play", "Train", "학습"},
    {"norm.te.pause", "Pause", "일시 정지"},
    {"norm.te.step10", "+10 iterations", "+10회 반복"},
    {"norm.te.reset", "Reset", "초기화"},
    {"norm.te.iterations", "%d iterations, batch %d", "반복 %d회, 배치 %d"},
    {"norm.te.plot", "Channel mean: batch (dots) and running (line)", "채널 평균: 배치(점)와 이동 평균(선)"},
    {"norm.te.batch_mean", "batch μ_B", "배치 μ_B"},
    {"norm.te.running_mean", "running mean", "이동 평균"},
    {"norm.te.same_input", "The last batch, through both modes (sample 0, centre pixel):", "마지막 배치를 두 모드로 (샘플 0, 가운데 픽셀):"},
    {"norm.te.train_line", "train: μ = %s, σ² = %s → y = %s", "학습: μ = %s, σ² = %s → y = %s"},
    {"norm.te.eval_line", "eval:  μ = %s, σ² = %s → y = %s", "평가: μ = %s, σ² = %s → y = %s"},
    {"norm.te.diff", "x = %s; max |y_train − y_eval| over the batch = %s", "x = %s; 배치 전체의 max |y_학습 − y_평가| = %s"},
    {"norm.te.why",
     "Same input, different outputs: forgetting model.eval() at test time keeps using batch statistics, so a prediction changes with the other images in the batch (and a batch of one normalises an image by itself).",
     "입력이 같아도 출력이 다릅니다. 테스트 때 model.eval()을 빠뜨리면 계속 배치 통계를 쓰므로, 예측이 배치 안의 다른 이미지에 따라 바뀝니다(배치가 1이면 이미지를 자기 자신으로 정규화합니다)."},
    {"norm.fs.title", "Feature scaling: the inputs before the model", "특성 스케일링: 모델에 넣기 전의 입력"},
    {"norm.fs.help",
     "The line fit f2 ≈ w·f1 + b has a quadratic loss in (w, b); its contours are ellipses whose axes are set by the Hessian's eigenvalues λ. Gradient descent uses its best fixed step 1/λ_max and crawls along the long axis when κ = λ_max/λ_min is large.",
     "직선 맞춤 f2 ≈ w·f1 + b의 손실은 (w, b)에 대한 이차식이고, 등고선은 헤세 행렬의 고윳값 λ가 축을 정하는 타원입니다. 경사 하강법은 가장 좋은 고정 보폭 1/λ_max를 쓰지만 κ = λ_max/λ_min이 크면 긴 축을 따라 느리게 나아갑니다."},
    {"norm.fs.data_real",
     "Two features of 200 Fashion-MNIST images: f1 = top-half brightness in pixel units (0–255), f2 = bottom-half brightness as a fraction (0–1).",
     "Fashion-MNIST 이미지 200개의 두 특성: f1 = 위쪽 절반 밝기(픽셀 단위 0–255), f2 = 아래쪽 절반 밝기(비율 0–1)."},
    {"norm.fs.data_synthetic", "A fixed synthetic set of 200 points: f1 in pixel units (0–255), f2 a fraction (0–1).",
     "고정된 합성 데이터 200개: f1은 픽셀 단위(0–255), f2는 비율(0–1)입니다."},
    {"norm.fs.raw", "Raw", "원본"},
    {"norm.fs.minmax", "Min-max: (x − min)/(max − min)", "Min-max: (x − min)/(max − min)"},
    {"norm.fs.zscore", "Z-score: (x − mean)/std", "Z-score: (x − mean)/std"},
    {"norm.fs.numbers", "κ = %s; after %d steps loss − min = %s", "κ = %s; %d단계 뒤 손실 − 최솟값 = %s"},
    {"norm.fs.why",
     "Raw features on very different scales make the loss a narrow valley (huge κ): one learning rate is too big for one weight and too small for the other. Scaling the features makes the contours round and gradient descent goes straight to the minimum (green).",
     "특성의 크기가 크게 다르면 손실이 좁은 골짜기가 됩니다(κ가 매우 큼). 학습률 하나가 한 가중치에는 너무 크고 다른 가중치에는 너무 작습니다. 특성을 스케일링하면 등고선이 둥글어지고 경사 하강법이 최솟값(초록)으로 곧장 갑니다."},
};

const std::unordered_map<std::string_view, const Entry*>& index() {
    // Built once on first use; read-only afterwards.
    static const std::unordered_map<std::string_view, const Entry*> map = [] {
        std::unordered_map<std::string_view, const Entry*> m;
        for (const Entry& e : kStrings) m.emplace(e.key, &e);
        return m;
    }();
    return map;
}

}  // namespace

const char* tr(Lang lang, const char* key) {
    const auto& m = index();
    const auto it = m.find(key);
    if (it == m.end()) return key;
    return lang == Lang::Ko ? it->second->ko : it->second->en;
}

bool has_key(const char* key) { return index().count(key) != 0; }

const char* lang_code(Lang lang) { return lang == Lang::Ko ? "ko" : "en"; }

bool parse_lang(const std::string& code, Lang& out) {
    if (code == "en") { out = Lang::En; return true; }
    if (code == "ko") { out = Lang::Ko; return true; }
    return false;
}

std::string all_ui_text() {
    std::string s;
    for (const Entry& e : kStrings) {
        s += e.en;
        s += e.ko;
    }
    s += "한국어";  // the language switch, drawn in both languages
    return s;
}

Label label(Lang lang, const char* key) {
    Label l;
    std::snprintf(l.buf, sizeof l.buf, "%s###%s", tr(lang, key), key);
    return l;
}

}  // namespace ll::app
