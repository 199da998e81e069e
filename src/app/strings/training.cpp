// UI strings of the Training lab: one row per key, English then Korean (see strings.h).
#include "app/strings/strings.h"

#include <iterator>

namespace ll::app::strings {

namespace {

const Entry kRows[] = {
    {"train.title", "Training", "학습"},
    {"train.subtitle",
     "Train a network on real images right here, up to four runs side by side. Each run trains in a "
     "background worker of its own, so the page never waits for it.",
     "실제 이미지로 네트워크를 이 페이지에서 바로 학습시킵니다. 최대 네 번의 실행을 나란히 비교합니다. 실행마다 "
     "별도의 백그라운드 작업자에서 학습하므로 페이지가 멈추지 않습니다."},
    {"train.network", "Network", "네트워크"},
    {"train.init", "Weights", "가중치"},
    {"train.init_default", "PyTorch's default init", "PyTorch 기본 초기화"},
    {"train.init_he", "He (Kaiming) init", "He(Kaiming) 초기화"},
    {"train.init_xavier", "Xavier (Glorot) init", "Xavier(Glorot) 초기화"},
    {"train.init_continue", "Continue from its weights", "현재 가중치에서 이어서"},
    {"train.data", "Data", "데이터"},
    {"train.data_fashion-mnist", "Fashion-MNIST", "Fashion-MNIST"},
    {"train.data_mnist", "MNIST digits", "MNIST 숫자"},
    {"train.train_size", "Training images", "학습 이미지"},
    {"train.val_size", "Held out", "검증용"},
    {"train.all", "all", "전부"},
    {"train.none", "none", "없음"},
    {"train.epochs", "Epochs", "에폭"},
    {"train.batch", "Batch size", "배치 크기"},
    {"train.optimizer", "Optimizer", "옵티마이저"},
    {"train.opt_sgd", "SGD (momentum, Nesterov)", "SGD(모멘텀, 네스테로프)"},
    {"train.opt_adagrad", "Adagrad", "Adagrad"},
    {"train.opt_rmsprop", "RMSprop", "RMSprop"},
    {"train.opt_adam", "Adam", "Adam"},
    {"train.opt_adamw", "AdamW", "AdamW"},
    {"train.lr", "Learning rate", "학습률"},
    {"train.momentum", "Momentum", "모멘텀"},
    {"train.nesterov", "Nesterov", "네스테로프"},
    {"train.weight_decay", "Weight decay (L2)", "가중치 감쇠(L2)"},
    {"train.l1", "L1", "L1"},
    {"train.schedule", "Schedule", "스케줄"},
    {"train.schedule_constant", "constant", "고정"},
    {"train.schedule_step", "step decay", "계단식 감소"},
    {"train.schedule_cosine", "cosine", "코사인"},
    {"train.warmup", "Warm-up steps", "워밍업 단계"},
    {"train.seed", "Seed", "시드"},
    {"train.patience", "Patience", "인내 에폭"},
    {"train.patience_help",
     "Early stopping: the run stops after this many epochs without a lower validation loss (0: off). "
     "It needs held-out images.",
     "조기 종료: 검증 손실이 이 에폭 수만큼 낮아지지 않으면 실행을 멈춥니다(0: 끔). 검증용 이미지가 필요합니다."},
    {"train.restore_best", "Restore the best weights", "가장 좋은 가중치로 되돌리기"},
    {"train.start", "Start a run", "실행 시작"},
    {"train.duplicate_hint",
     "To compare fairly, press Duplicate on a run: its settings, seed included, come back here; change one "
     "thing and start. The runs then differ in that one setting only.",
     "공정하게 비교하려면 실행의 복제 버튼을 누르세요. 시드를 포함한 설정이 이곳으로 돌아옵니다. 하나만 바꾸고 "
     "시작하면 두 실행은 그 설정 하나만 다릅니다."},
    {"train.runs", "Runs", "실행"},
    {"train.runs_help",
     "Each row names what differs between the runs. Same seed, same data and same settings give the same "
     "numbers as `layerlab train` with those flags.",
     "각 줄에는 실행끼리 다른 설정이 표시됩니다. 같은 시드, 같은 데이터, 같은 설정이면 같은 플래그의 "
     "`layerlab train`과 같은 숫자가 나옵니다."},
    {"train.no_runs", "No runs yet: choose the settings on the left and press Start.",
     "아직 실행이 없습니다. 왼쪽에서 설정을 고르고 시작을 누르세요."},
    {"train.status_loading", "fetching the data", "데이터를 받는 중"},
    {"train.status_running", "training", "학습 중"},
    {"train.status_paused", "paused", "일시 정지"},
    {"train.status_done", "done", "완료"},
    {"train.status_stopped", "stopped", "중지됨"},
    {"train.status_failed", "failed", "실패"},
    {"train.loading_fmt", "%.1f MB", "%.1f MB"},
    {"train.epoch_fmt", "epoch %d of %d", "에폭 %d / %d"},
    {"train.speed_fmt", "%s images/s, %s left", "초당 %s장, %s 남음"},
    {"train.val_fmt", "best validation %.1f%%", "최고 검증 %.1f%%"},
    {"train.test_fmt", "test %.1f%%", "테스트 %.1f%%"},
    {"train.pause", "Pause", "일시 정지"},
    {"train.resume", "Resume", "계속"},
    {"train.stop", "Stop", "중지"},
    {"train.duplicate", "Duplicate", "복제"},
    {"train.duplicate_help", "Put this run's settings, seed included, into the controls on the left.",
     "이 실행의 설정(시드 포함)을 왼쪽 설정에 넣습니다."},
    {"train.remove", "Remove", "삭제"},
    {"train.loss_steps", "Loss per step (smoothed)", "단계별 손실(평활)"},
    {"train.loss_steps_help",
     "Every mini-batch's loss before its update, smoothed over about 20 steps. Small batches make it jumpy.",
     "각 미니배치의 업데이트 전 손실을 약 20단계에 걸쳐 평활한 값입니다. 배치가 작을수록 들쭉날쭉합니다."},
    {"train.log_scale", "log scale", "로그 눈금"},
    {"train.step", "step", "단계"},
    {"train.epoch", "epoch", "에폭"},
    {"train.loss_epochs", "Loss per epoch", "에폭별 손실"},
    {"train.acc_epochs", "Accuracy per epoch", "에폭별 정확도"},
    {"train.train", "train", "학습"},
    {"train.val", "validation", "검증"},
    {"train.charts_legend",
     "Solid: the training images (during the epoch); dashed: the held-out images (after it). Validation loss "
     "turning up while training loss keeps falling is overfitting; the green line marks the best epoch.",
     "실선: 학습 이미지(에폭 동안), 점선: 검증용 이미지(에폭 뒤). 학습 손실은 계속 내려가는데 검증 손실이 "
     "올라가면 과적합입니다. 초록 선은 가장 좋은 에폭입니다."},
    {"train.result_fmt", "Run #%d on the test set", "실행 #%d의 테스트 결과"},
    {"train.result_later", "The test set is evaluated when the run ends.", "실행이 끝나면 테스트 세트로 평가합니다."},
    {"train.result_none", "This run ended before the test set was evaluated.", "이 실행은 테스트 평가 전에 끝났습니다."},
    {"train.test_line_fmt", "Test accuracy %.2f%%, loss %.4f", "테스트 정확도 %.2f%%, 손실 %.4f"},
    {"train.best_fmt", "Lowest validation loss at epoch %d.", "검증 손실이 가장 낮았던 에폭: %d."},
    {"train.best_restored_fmt", "The weights are those of epoch %d, the lowest validation loss.",
     "가중치는 검증 손실이 가장 낮았던 에폭 %d의 것입니다."},
    {"train.confusion", "Confusion matrix", "혼동 행렬"},
    {"train.confusion_help",
     "Row: the true class; column: what the network answered. The diagonal counts the right answers; the "
     "number at the end of a row is that class's accuracy.",
     "행은 실제 클래스, 열은 네트워크의 답입니다. 대각선이 맞힌 수이고, 줄 끝의 숫자는 그 클래스의 정확도입니다."},
    {"train.confusion_axes", "rows: true class · columns: predicted", "행: 실제 클래스 · 열: 예측"},
    {"train.misses_fmt", "Test images it gets wrong (first %d)", "틀린 테스트 이미지(처음 %d장)"},
    {"train.misses_help", "Click one to open it in the Network lab with this trained network and step through why.",
     "하나를 누르면 학습된 이 네트워크와 함께 네트워크 실습에서 열어 왜 틀렸는지 단계별로 볼 수 있습니다."},
    {"train.miss_tip_fmt", "test #%d: %s, answered %s", "테스트 #%d: %s, 답: %s"},
    {"train.open_network", "Open the trained network in the Network lab", "학습된 네트워크를 네트워크 실습에서 열기"},
    {"train.layers", "Layers over training", "학습 중 레이어 변화"},
    {"train.layers_help",
     "Each layer's output on the same 64 held-out images after every epoch (eval mode): how its distribution "
     "drifts while the layers before it change, the gradient norm, and the share of weights near zero "
     "(|w| < 0.001; L1 makes it grow) and exactly zero.",
     "매 에폭 뒤 같은 검증 이미지 64장에 대한 각 레이어의 출력(평가 모드)입니다. 앞 레이어가 바뀌는 동안 분포가 "
     "어떻게 움직이는지, 기울기 크기, 0에 가까운 가중치(|w| < 0.001, L1이면 늘어남)와 정확히 0인 가중치의 "
     "비율을 보여 줍니다."},
    {"train.out_std", "Output standard deviation per layer", "레이어별 출력 표준편차"},
    {"train.layer_fmt", "%d %s: mean %.3g, std %.3g", "%d %s: 평균 %.3g, 표준편차 %.3g"},
    {"train.layer_params_fmt", "%d %s: mean %.3g, std %.3g, |grad| %.3g, near 0 %.1f%%, zero %.1f%%",
     "%d %s: 평균 %.3g, 표준편차 %.3g, |기울기| %.3g, 0 근처 %.1f%%, 0 %.1f%%"},
};

}  // namespace

Table training() { return {kRows, std::size(kRows)}; }

}  // namespace ll::app::strings
