// UI strings of the Network lab: one row per key, English then Korean (see strings.h).
#include "app/strings/strings.h"

#include <iterator>

namespace ll::app::strings {

namespace {

const Entry kRows[] = {
    // ---- Network lab ----
    {"net.title", "Network, layer by layer", "네트워크, 한 레이어씩"},
    {"net.subtitle",
     "Step a real network through one training iteration: the forward pass one layer at a time, the loss, "
     "the backward pass, and the optimizer's update.",
     "실제 네트워크로 학습 한 번을 단계별로 실행합니다. 레이어마다 순전파, 손실, 역전파, 옵티마이저의 "
     "업데이트 순서로 진행됩니다."},
    {"net.preset", "Network", "네트워크"},
    {"net.preset_help",
     "tiny-fashion is trained on Fashion-MNIST and tiny-mnist, the same network, on MNIST digits; standard, "
     "lenet5 and tiny-vgg start from PyTorch's random initialisation (fixed seed); edges is a hand-made edge "
     "detector with no classifier.",
     "tiny-fashion은 Fashion-MNIST로, 같은 구조의 tiny-mnist는 MNIST 숫자로 학습된 네트워크입니다. standard, "
     "lenet5, tiny-vgg는 PyTorch의 무작위 초기화(고정 시드)에서 시작하고, edges는 분류기가 없는 손으로 만든 "
     "에지 검출기입니다."},
    {"net.map_size", "Map size", "맵 크기"},
    {"net.missing_title", "Not everything in this view is here", "이 화면의 일부를 열 수 없습니다"},
    {"net.missing_input_fmt",
     "The view asked for the input %s, a picture kept only in the browser where it was uploaded or drawn. "
     "Showing %s instead.",
     "이 화면의 입력 %s 은(는) 올리거나 그린 브라우저에만 저장된 그림입니다. 대신 %s 을(를) 보여 줍니다."},
    {"net.missing_model_fmt", "The edited network in this view could not be rebuilt, so the preset %s is shown. The engine's reason:",
     "이 화면의 편집한 네트워크를 다시 만들 수 없어 프리셋 %s 을(를) 보여 줍니다. 엔진이 알려 준 이유:"},
    {"net.model_too_long_fmt",
     "This link's edited network was too long for an address and stayed in the sender's browser. The preset %s is shown.",
     "이 링크의 편집한 네트워크는 주소에 담기에 너무 길어 보낸 사람의 브라우저에만 남아 있습니다. 프리셋 %s 을(를) 보여 줍니다."},
    {"net.missing_ok", "OK", "확인"},
    {"net.preset_tiny-fashion", "trained on Fashion-MNIST", "Fashion-MNIST로 학습됨"},
    {"net.preset_tiny-mnist", "trained on MNIST digits", "MNIST 숫자로 학습됨"},
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
    {"net.phase_backward_help_cvd",
     "Backward: the gradient of the loss flows back through this layer (orange: raising the value would "
     "raise the loss, purple: lower it).",
     "역전파: 손실의 기울기가 이 레이어를 거쳐 거꾸로 흐릅니다(주황: 값을 키우면 손실이 커짐, 보라: "
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
    // Which network fits the input (network_lab.cpp).
    {"net.kind_mnist", "handwritten digits (MNIST)", "손글씨 숫자(MNIST)"},
    {"net.kind_fashion-mnist", "clothing pictures (Fashion-MNIST)", "옷 사진(Fashion-MNIST)"},
    {"net.switched_fmt", "Switched to %s, trained on %s like this input. %s was trained on %s.",
     "이 입력에 맞춰 %s(으)로 바꿨습니다. %s로 학습된 네트워크입니다. %s은(는) %s로 학습되었습니다."},
    {"net.switch_back_fmt", "Back to %s", "%s(으)로 돌아가기"},
    {"net.not_trained_fmt", "%s was trained on %s, not on %s: its answer for this input means little.",
     "%s은(는) %s로 학습되었고 %s로는 학습되지 않았습니다. 이 입력에 대한 답은 의미가 거의 없습니다."},
    {"net.edited_fmt", "%s (edited)", "%s (편집됨)"},
    {"net.switch_to_fmt", "Load %s", "%s 불러오기"},
    {"net.wrong_example", "An example it gets wrong", "틀리는 예시 고르기"},
    {"net.wrong_example_help",
     "Picks the next test image after this one that the network misclassifies (its eval-mode answer: "
     "BatchNorm uses its running statistics). The training step then has a real mistake to correct: step "
     "through the update to the next forward pass and watch the probabilities move.",
     "지금 이미지 다음부터 네트워크가 틀리게 분류하는 테스트 이미지를 고릅니다(평가 모드의 답: BatchNorm은 "
     "이동 평균 통계를 사용). 학습 단계가 고칠 실제 실수가 생기므로, 업데이트를 지나 다음 순전파까지 진행하며 "
     "확률이 움직이는 것을 보세요."},
    {"net.wrong_found_fmt", "#%d: the network says %s, the label is %s.", "#%d: 네트워크의 답은 %s, 정답은 %s입니다."},
    {"net.wrong_none_fmt", "The network gets all of the next %d test images right.",
     "다음 테스트 이미지 %d개를 네트워크가 모두 맞혔습니다."},
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
    {"net.maps_help_cvd",
     "Every channel of every layer computed so far. Non-negative maps: dark (0) to yellow (max); signed "
     "maps and gradients: purple (negative), white (0), orange (positive). The numbers in brackets are each "
     "layer's range. Hover a pixel to see the region of the input (and of every layer in between) it "
     "depends on; click it to inspect it.",
     "지금까지 계산된 모든 레이어의 모든 채널입니다. 음수가 없는 맵은 어두운색(0)에서 노란색(최댓값)으로, "
     "부호가 있는 맵과 기울기는 보라(음수), 흰색(0), 주황(양수)으로 그립니다. 괄호 안 숫자는 각 레이어의 "
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
    {"net.dropout_identity", "Not dropping: in eval mode (or with p = 0) Dropout is the identity, y = x, for p = %.2f as in training.",
     "지금은 버리지 않습니다. 평가 모드(또는 p = 0)에서 Dropout은 항등 함수 y = x입니다. 학습 때와 같은 p = %.2f라도 그렇습니다."},
    {"net.dropout_why_eval", "Training already scaled the kept values by 1/(1 − p), so each value's expected size is the same in both modes and nothing needs rescaling here.",
     "학습 때 남긴 값에 이미 1/(1 − p)를 곱했으므로 두 모드에서 각 값의 기댓값이 같고, 여기서는 다시 조정할 것이 없습니다."},
    {"net.dropout_train", "Train mode: each value is kept with probability 1 − p = %.2f and multiplied by 1/(1 − p) = %.3f, or set to 0. This pass kept %d of %d (%.1f%%). The mask (light: kept, dark: dropped):",
     "학습 모드: 각 값을 확률 1 − p = %.2f로 남겨 1/(1 − p) = %.3f를 곱하고, 나머지는 0으로 만듭니다. 이번에는 %d / %d개(%.1f%%)를 남겼습니다. 마스크(밝은 칸: 남김, 어두운 칸: 버림):"},
    {"net.dropout_train2d", "Train mode: each channel is kept whole with probability 1 − p = %.2f and multiplied by 1/(1 − p) = %.3f, or zeroed whole. This pass kept %d of %d channels (%.1f%%). The channels (light: kept, dark: dropped):",
     "학습 모드: 채널 전체를 확률 1 − p = %.2f로 남겨 1/(1 − p) = %.3f를 곱하고, 나머지 채널은 통째로 0으로 만듭니다. 이번에는 채널 %d / %d개(%.1f%%)를 남겼습니다. 채널(밝은 칸: 남김, 어두운 칸: 버림):"},
    {"net.dropout_dropped", "dropped", "버림"},
    {"net.dropout_why", "Each training step draws a new mask, so no unit can rely on another being there. Scaling the survivors by 1/(1 − p) keeps the expected output equal to the input, which is why eval mode can pass values unchanged.",
     "학습 단계마다 새 마스크를 뽑으므로 어떤 유닛도 다른 유닛이 있으리라 기대할 수 없습니다. 남은 값에 1/(1 − p)를 곱해 출력의 기댓값을 입력과 같게 유지하므로, 평가 모드에서는 값을 그대로 통과시킬 수 있습니다."},
    {"net.linear_matrix", "y = W x + b, the weight matrix W (%d outputs × %d inputs; click a row):", "y = W x + b, 가중치 행렬 W(출력 %d × 입력 %d, 행을 클릭하세요):"},
    {"net.linear_output", "y[%d] = b[%d] + Σ W[%d, i] · x[i] over the %d inputs i.", "y[%d] = b[%d] + Σ W[%d, i] · x[i], 입력 i %d개에 대한 합입니다."},
    {"net.linear_terms_head", "The largest products, W[o, i] × x[i]:", "가장 큰 곱, W[o, i] × x[i]:"},
    {"net.linear_engine", "the layer's output: %.6e", "레이어의 출력: %.6e"},
    {"net.weights", "Weights", "가중치"},
    {"net.weights_help", "Where the network's weights come from. A preset's trained weights make good predictions; a fresh initialisation is untrained. He (Kaiming normal, std √(2/fan_in)) keeps ReLU outputs at a steady scale layer after layer; Xavier (Glorot uniform) is meant for tanh and sigmoid; PyTorch's default is Kaiming uniform with a = √5. Biases start at zero for He and Xavier.",
     "네트워크의 가중치가 어디서 오는지 고릅니다. 프리셋의 학습된 가중치는 예측을 잘하고, 새로 초기화한 가중치는 학습되지 않은 상태입니다. He(카이밍 정규분포, 표준편차 √(2/fan_in))는 ReLU 출력의 크기를 레이어마다 일정하게 유지하고, Xavier(글로럿 균등분포)는 tanh와 sigmoid를 위한 것입니다. PyTorch의 기본값은 a = √5인 카이밍 균등분포입니다. He와 Xavier는 편향을 0으로 시작합니다."},
    {"net.init", "Initialisation", "초기화"},
    {"net.init_preset", "The preset's weights", "프리셋의 가중치"},
    {"net.init_default", "PyTorch's default (Kaiming uniform)", "PyTorch 기본값(카이밍 균등분포)"},
    {"net.init_he", "He (Kaiming normal), for ReLU", "He(카이밍 정규분포), ReLU용"},
    {"net.init_xavier", "Xavier (Glorot uniform), for tanh and sigmoid", "Xavier(글로럿 균등분포), tanh와 sigmoid용"},
    {"net.init_seed", "seed %d", "시드 %d"},
    {"net.init_note", "Fresh weights: the network is untrained, so its prediction is a guess. Step forward and watch each layer's range in the feature maps; switch the initialisation and compare.",
     "새 가중치라서 네트워크는 학습되지 않았고 예측은 추측일 뿐입니다. 순전파를 진행하며 특성 맵에서 레이어마다 값의 범위를 보고, 초기화를 바꿔 비교해 보세요."},
    {"net.swap_title", "Instead of pooling: a strided convolution", "풀링 대신 스트라이드 합성곱"},
    {"net.swap_output", "output", "출력"},
    {"net.swap_params", "parameters", "파라미터"},
    {"net.swap_macs", "multiply-adds", "곱셈-덧셈"},
    {"net.swap_rf", "receptive field", "수용 영역"},
    {"net.swap_total", "network's parameters", "네트워크 파라미터"},
    {"net.swap_why", "Both shrink the map by the stride. Pooling applies one fixed rule to every window and learns nothing; the convolution learns a weighted window for each pair of channels (an average pool is the special case with every weight 1/k²) and sends gradient to every input of the window, where a max pool sends it only to the winner.",
     "둘 다 스트라이드만큼 맵을 줄입니다. 풀링은 모든 창에 고정된 규칙 하나를 적용하고 아무것도 학습하지 않습니다. 합성곱은 채널 쌍마다 가중치가 있는 창을 학습하고(평균 풀링은 모든 가중치가 1/k²인 특수한 경우입니다), 창의 모든 입력에 기울기를 보냅니다. 최대 풀링은 가장 큰 값에만 기울기를 보냅니다."},
    {"net.swap_apply", "Use the strided convolution", "스트라이드 합성곱으로 바꾸기"},
    {"net.fold_train", "In train mode this BatchNorm uses each batch's own statistics, which change from batch to batch. Switch to eval mode to see it folded into the convolution before it.",
     "학습 모드의 BatchNorm은 배치마다 달라지는 그 배치의 통계를 씁니다. 평가 모드로 바꾸면 앞의 합성곱에 합쳐지는 모습을 볼 수 있습니다."},
    {"net.fold_title", "Folded into the convolution before it:", "앞의 합성곱에 합치기:"},
    {"net.fold_run", "running", "이동 평균"},
    {"net.fold_check", "One convolution with w' and b' replaces layer %d and this BatchNorm: the largest difference from this layer's output is %.2e over %zu values.",
     "w'과 b'을 쓴 합성곱 하나가 레이어 %d의 합성곱과 이 BatchNorm을 대신합니다. 이 레이어의 출력과 가장 큰 차이는 %.2e입니다(값 %zu개 비교)."},
    {"net.fold_why", "At test time the statistics are fixed, so BatchNorm is only a scale and a shift per channel. Deployed networks merge it into the convolution's weights, and it costs nothing.",
     "테스트 때는 통계가 고정되어 BatchNorm은 채널마다 곱하고 더하는 것뿐입니다. 배포할 때는 합성곱의 가중치에 합쳐 두므로 비용이 들지 않습니다."},
    {"net.bias_before_bn", "Layer %d, a BatchNorm in train mode, subtracts each channel's batch mean, so this bias cancels out and its gradient is zero up to rounding (here %.1e). Untick \"bias\" in the layer's editor: conv-BatchNorm blocks are built with bias=False.",
     "레이어 %d의 BatchNorm은 학습 모드에서 채널마다 배치 평균을 빼므로 이 편향은 상쇄되고, 기울기는 반올림 오차 정도의 0입니다(여기서는 %.1e). 레이어 편집기에서 \"bias\"를 끄세요. 합성곱-BatchNorm 블록은 bias=False로 만듭니다."},
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
    // ---- Network lab: weight gradients, update pictures, edit notices (network_grad.cpp) ----
    {"net.grad_title", "Gradient of the loss for each weight", "가중치마다 손실의 기울기"},
    {"net.grad_intro",
     "Backward has reached this layer. A weight's gradient adds up, over every place the weight was used, "
     "the output's gradient there times the input value it multiplied.",
     "역전파가 이 레이어에 도달했습니다. 가중치의 기울기는 그 가중치가 쓰인 모든 곳에서, 출력의 기울기와 "
     "그 가중치가 곱했던 입력 값의 곱을 더한 것입니다."},
    {"net.grad_kernels", "∂L/∂W of output channel %d: %d kernels of %d×%d, one per input channel (click a cell)",
     "출력 채널 %d의 ∂L/∂W: 입력 채널마다 하나씩 %d개의 %d×%d 커널 (칸을 클릭하세요)"},
    {"net.grad_grid", "∂L/∂W[%d, %d]  (×1e%d)", "∂L/∂W[%d, %d]  (×1e%d)"},
    {"net.grad_conv_entry",
     "∂L/∂W[%d, %d, %d, %d] = Σ over the %d×%d output positions (y, x) of ∂L/∂Y[%d, y, x] · X[%d, %s, %s]",
     "∂L/∂W[%d, %d, %d, %d] = %d×%d개의 출력 위치 (y, x)에 대한 ∂L/∂Y[%d, y, x] · X[%d, %s, %s]의 합"},
    {"net.grad_terms_head", "The largest terms, at (y, x):  ∂L/∂Y × X = product",
     "가장 큰 항들, 위치 (y, x):  ∂L/∂Y × X = 곱"},
    {"net.grad_rest", "… the other %d terms add %+.6e", "… 나머지 %d개 항의 합 %+.6e"},
    {"net.grad_engine", "engine's gradient: %+.6e", "엔진의 기울기: %+.6e"},
    {"net.grad_conv_bias", "∂L/∂b[%d] = Σ ∂L/∂Y[%d, y, x] over the %d×%d positions = %+.6e",
     "∂L/∂b[%d] = ∂L/∂Y[%d, y, x]의 %d×%d개 위치에 대한 합 = %+.6e"},
    {"net.grad_linear", "∂L/∂W = ∂L/∂y · xᵀ, %d × %d (click an entry)", "∂L/∂W = ∂L/∂y · xᵀ, %d × %d (항목을 클릭하세요)"},
    {"net.grad_linear_entry", "∂L/∂W[%d, %d] = ∂L/∂y[%d] · x[%d] (one image: one product)",
     "∂L/∂W[%d, %d] = ∂L/∂y[%d] · x[%d] (이미지 한 장: 곱 하나)"},
    {"net.grad_linear_bias", "∂L/∂b[%d] = ∂L/∂y[%d] = %+.6e", "∂L/∂b[%d] = ∂L/∂y[%d] = %+.6e"},
    {"net.update_entry", "W[%d, %d]: before %+.5f, after %+.5f\nΔ = after − before = %+.3e\n∂L/∂W = %+.3e",
     "W[%d, %d]: 이전 %+.5f, 이후 %+.5f\nΔ = 이후 − 이전 = %+.3e\n∂L/∂W = %+.3e"},
    {"net.reinit_fmt", "Weights re-initialised, their shapes changed: layer %s. The other layers kept theirs.",
     "모양이 바뀌어 가중치를 다시 초기화했습니다: 레이어 %s. 나머지 레이어는 가중치를 유지합니다."},
    {"net.added_fmt", "New layers start from a fresh initialisation: layer %s.",
     "새 레이어는 새로 초기화한 가중치로 시작합니다: 레이어 %s."},
    {"net.rgb_colour", "colour picture", "컬러 이미지"},
    {"net.rgb_channels", "its channels: red, green, blue", "채널: 빨강, 초록, 파랑"},
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
};

}  // namespace

Table network() { return {kRows, std::size(kRows)}; }

}  // namespace ll::app::strings
