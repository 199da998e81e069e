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
    {"train.linked_fmt",
     "This link holds %d run(s) that this page has not trained (or that stopped when the page closed). "
     "Train them to see the experiment the link describes.",
     "이 링크에는 이 페이지에서 아직 학습하지 않은(또는 페이지가 닫혀 멈춘) 실행 %d개가 들어 있습니다. 학습시키면 "
     "링크가 가리키는 실험을 볼 수 있습니다."},
    {"train.linked_start", "Train the link's runs", "링크의 실행 학습하기"},
    {"train.linked_sweep_fmt",
     "This link holds a bias-and-variance sweep over the %s (%s) that this page has not run to its end. "
     "Run it to draw the link's train and validation errors from real runs here.",
     "이 링크에는 이 페이지에서 끝까지 실행하지 않은 편향-분산 스윕(%s: %s)이 들어 있습니다. 실행하면 링크가 "
     "가리키는 학습 오차와 검증 오차를 이곳의 실제 실행으로 그립니다."},
    {"train.linked_sweep_start", "Run the link's sweep", "링크의 스윕 실행하기"},
    {"train.linked_sweep_busy", "A sweep is running; the link's sweep can start when it ends or is cancelled.",
     "스윕이 실행 중입니다. 끝나거나 취소되면 링크의 스윕을 시작할 수 있습니다."},
    {"train.hist_title", "Weights over the epochs", "에폭에 따른 가중치"},
    {"train.hist_help",
     "Each strip is one layer's weight histogram after each epoch (left: before training), weight values up the "
     "side on the widest range of all epochs, darker for more weights; the red line is zero. L1 gathers weights "
     "at exactly zero; weight decay shrinks the whole band.",
     "띠 하나가 층 하나의 에폭마다의 가중치 히스토그램입니다(왼쪽: 학습 전). 세로축은 모든 에폭 중 가장 넓은 범위의 "
     "가중치 값이고, 가중치가 많을수록 진합니다. 빨간 선이 0입니다. L1은 가중치를 정확히 0에 모으고, 가중치 감쇠는 띠 "
     "전체를 좁힙니다."},
    {"train.hist_caption_fmt", "layer %d %s: weights within +/-%.3g; exact zeros %.0f before, %.0f now",
     "%d번 층 %s: 가중치 범위 +/-%.3g, 정확히 0인 가중치 처음 %.0f개, 지금 %.0f개"},
    {"train.hist_tip_fmt", "epoch %d: weights from %.4g to %.4g: %.0f (exact zeros %.0f)",
     "에폭 %d: %.4g ~ %.4g인 가중치 %.0f개 (정확히 0: %.0f개)"},
    {"train.batch", "Batch size", "배치 크기"},
    {"train.threads", "Threads", "스레드"},
    {"train.threads_auto_fmt", "Auto (%d)", "자동 (%d)"},
    {"train.threads_auto", "Auto", "자동"},
    {"train.threads_help",
     "Engine threads per run. Two let a run's layers use a second processor core; the page needs cross-origin "
     "isolation for that (the COOP/COEP headers), and gets one thread without it. The results are the same to "
     "the bit either way: only the speed changes. Auto shares the processor's cores out among the runs "
     "training, so on two cores a run started beside another one takes one thread. While the runs use every "
     "core, the lab redraws their progress once a second instead of four times, to leave the cores to them "
     "(moving the mouse redraws at once).",
     "실행 하나가 쓰는 엔진 스레드 수입니다. 2이면 실행의 층 계산이 프로세서 코어 하나를 더 씁니다. 그러려면 페이지가 "
     "교차 출처 격리(COOP/COEP 헤더) 상태여야 하며, 아니면 스레드 하나로 학습합니다. 어느 쪽이든 결과는 비트 단위로 "
     "같고 속도만 달라집니다. 자동은 프로세서 코어를 학습 중인 실행들에 나누어 주므로, 코어가 둘이면 다른 실행 옆에서 "
     "시작한 실행은 스레드 하나를 씁니다. 실행들이 모든 코어를 쓰는 동안에는 코어를 실행에 남겨 두도록 진행 상황을 1초에 네 "
     "번이 아니라 한 번 다시 그립니다(마우스를 움직이면 바로 다시 그립니다)."},
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
    {"train.model_custom", "the experiment's own network", "실험 전용 네트워크"},
    {"train.model_reset", "Choose another", "다른 것 고르기"},
    {"train.experiments", "Ready-made experiments", "준비된 실험"},
    {"train.experiments_help",
     "Each one starts two to four runs that differ in one setting, to test a claim of the study notes on real "
     "data. The runs that have ended make room for them.",
     "각 실험은 설정 하나만 다른 실행을 두세 개 시작해, 공부 노트의 주장을 실제 데이터로 확인합니다. 끝난 실행은 "
     "자리를 내줍니다."},
    {"train.exp_bn_lr", "BatchNorm at a high learning rate", "높은 학습률에서의 BatchNorm"},
    {"train.look_bn_lr",
     "The notes say BatchNorm allows higher learning rates. Here the standard network with and without it "
     "trains with plain SGD at lr 0.05 and 0.5 (four runs; measured in this page: 85.7% against 74.9% at 0.05, "
     "82.2% against 85.8% at 0.5). On a network this small, what BatchNorm buys is faster progress at the low "
     "rate; at the high rate the plain network catches up and passes it. The claim comes from much deeper "
     "networks, where activations grow from layer to layer until a large step breaks them: raise the rate "
     "with Duplicate to see where each one falls apart.",
     "노트는 BatchNorm이 더 높은 학습률을 허용한다고 말합니다. 여기서는 standard 네트워크를 BatchNorm이 있을 때와 없을 때 "
     "일반 SGD 학습률 0.05와 0.5로 학습합니다(실행 네 개, 이 페이지에서 측정: 0.05에서 85.7% 대 74.9%, 0.5에서 82.2% 대 "
     "85.8%). 이만큼 작은 네트워크에서 BatchNorm이 주는 것은 낮은 학습률에서의 빠른 진전이고, 높은 학습률에서는 정규화 "
     "없는 네트워크가 따라잡아 앞섭니다. 이 주장은 활성값이 레이어를 지날수록 커져 큰 보폭에 무너지는 훨씬 깊은 "
     "네트워크에서 나왔습니다. 복제로 학습률을 올려 각각이 어디서 무너지는지 보세요."},
    {"train.exp_batch", "Batch size 2, 8 and 32 with BatchNorm", "BatchNorm과 배치 크기 2, 8, 32"},
    {"train.look_batch",
     "The same 2,000 images for one epoch at batch 2, 8 and 32, the same learning rate. A small batch takes many "
     "more steps in an epoch (1,000 at batch 2, 63 at batch 32), each from a noisier gradient: the loss per step "
     "is jagged, and in one epoch the small batches get further (here batch 2 ends best). The larger batch "
     "needs more epochs or a larger rate to catch up. BatchNorm's own trouble at batch 2 (its statistics from "
     "two images) shows in the Normalization lab's batch-size experiment.",
     "같은 2,000장을 같은 학습률로 배치 2, 8, 32에서 한 에폭 학습합니다. 작은 배치는 한 에폭에 훨씬 많은 단계를 "
     "밟고(배치 2는 1,000단계, 배치 32는 63단계) 각 단계의 기울기는 더 시끄럽습니다. 단계별 손실이 들쭉날쭉하고, 한 "
     "에폭 안에서는 작은 배치가 더 멀리 갑니다(여기서는 배치 2가 가장 좋습니다). 큰 배치가 따라잡으려면 에폭이나 학습률이 "
     "더 필요합니다. 배치 2에서 BatchNorm이 겪는 문제(이미지 두 장으로 구한 통계)는 정규화 실습의 배치 크기 실험에서 "
     "볼 수 있습니다."},
    {"train.exp_dropout", "Dropout against overfitting", "과적합을 막는 드롭아웃"},
    {"train.look_dropout",
     "Only 500 training images for 15 epochs. The plain network learns them almost by heart: its training loss "
     "keeps falling while the validation loss stops improving. With Dropout(0.5) before the classifier the "
     "training loss stays higher, so the gap between the solid and the dashed curves is smaller. Whether the "
     "validation accuracy gains depends on the run: compare the dashed curves, not only the last number.",
     "학습 이미지 500장으로 15에폭을 돌립니다. 기본 네트워크는 이미지를 거의 외워 학습 손실은 계속 내려가지만 검증 손실은 "
     "더 나아지지 않습니다. 분류기 앞에 Dropout(0.5)을 넣으면 학습 손실이 더 높게 머물러 실선과 점선의 간격이 "
     "좁아집니다. 검증 정확도가 좋아지는지는 실행마다 다르니 마지막 숫자만이 아니라 점선을 비교하세요."},
    {"train.exp_l1l2", "L1 against L2 (sparsity)", "L1과 L2(희소성)"},
    {"train.look_l1l2",
     "No penalty, L1 (5e-4) and decoupled weight decay (0.5, AdamW). Look at the layer table at the bottom: L1 "
     "pushes every weight towards zero by the same amount each step, so the share of weights near zero grows; "
     "weight decay shrinks each weight in proportion to its size, so the weights get smaller but rarely reach zero.",
     "페널티 없음, L1(5e-4), 분리형 가중치 감쇠(0.5, AdamW)를 비교합니다. 아래 레이어 표를 보세요. L1은 매 단계 모든 "
     "가중치를 같은 양만큼 0 쪽으로 밀어서 0 근처 가중치 비율이 늘어납니다. 가중치 감쇠는 가중치를 크기에 비례해 "
     "줄이므로 작아지긴 해도 0에 닿는 일은 드뭅니다."},
    {"train.exp_early", "Early stopping", "조기 종료"},
    {"train.look_early",
     "500 training images, 2,000 held out, 30 epochs, once without and once with patience 3. The green line marks "
     "the epoch of the lowest validation loss; the run with patience stops three epochs after it and gives back "
     "that epoch's weights. Early stopping watches the loss: here the longer run's validation loss turns up "
     "while its accuracy still creeps up, so a stop on the loss is not always the best for accuracy.",
     "학습 500장, 검증 2,000장으로 30에폭을 인내 없이 한 번, 인내 3으로 한 번 돌립니다. 초록 선은 검증 손실이 가장 낮았던 "
     "에폭입니다. 인내가 있는 실행은 그 세 에폭 뒤에 멈추고 그 에폭의 가중치를 돌려줍니다. 조기 종료는 손실을 봅니다. "
     "여기서는 긴 실행의 검증 손실이 올라가는데도 정확도는 조금씩 오르므로, 손실 기준의 종료가 정확도에 늘 가장 좋은 "
     "것은 아닙니다."},
    {"train.exp_optimizers", "SGD against Adam and AdamW", "SGD와 Adam, AdamW"},
    {"train.look_optimizers",
     "The same network and data with SGD (momentum 0.9), Adam and AdamW. Adam adapts each weight's step to "
     "its gradient history, so it usually falls faster at first; AdamW is Adam with its weight decay kept "
     "out of the adaptive step. Compare the curves and the test accuracy at the end.",
     "같은 네트워크와 데이터로 SGD(모멘텀 0.9), Adam, AdamW를 비교합니다. Adam은 가중치마다 기울기 이력에 맞춰 "
     "보폭을 조절하므로 처음에 보통 더 빨리 내려갑니다. AdamW는 가중치 감쇠를 적응형 보폭에서 떼어 낸 Adam입니다. "
     "곡선과 마지막 테스트 정확도를 비교해 보세요."},
    {"train.exp_init", "He, Xavier or the default in a deep sigmoid network", "깊은 시그모이드 네트워크의 He, Xavier, 기본 초기화"},
    {"train.look_init",
     "Five sigmoid layers of 128 units, Adam at lr 0.001 for two epochs. The initialisation decides whether the "
     "signal and its gradient survive the layers: Xavier, derived for such layers, and He learn (measured "
     "natively: about 63% and 59% after two epochs), while PyTorch's default for Linear layers, meant for ReLU "
     "networks, leaves this one near a guess (21%). The layer table shows the output spread layer by layer.",
     "128유닛 시그모이드 레이어 다섯 개를 학습률 0.001의 Adam으로 두 에폭 학습합니다. 초기화가 신호와 기울기가 레이어를 "
     "통과해 살아남을지를 정합니다. 이런 레이어를 위해 유도된 Xavier와 He는 학습하지만(네이티브 측정: 두 에폭 뒤 약 63%와 "
     "59%), ReLU 네트워크를 염두에 둔 PyTorch의 Linear 기본 초기화는 이 네트워크를 찍기 수준(21%)에 머물게 합니다. "
     "레이어 표에서 레이어별 출력 분포를 볼 수 있습니다."},
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
    {"train.threads_one", "1 thread", "스레드 1개"},
    {"train.threads_fmt", "%d threads", "스레드 %d개"},
    {"train.val_fmt", "best validation %.1f%%", "최고 검증 %.1f%%"},
    {"train.test_fmt", "test %.1f%%", "테스트 %.1f%%"},
    {"train.interrupted_fmt",
     "The page closed while this run trained: its %d finished epochs (of %d) and the weights at the end of the last one are kept. To go on from them, open the trained network in the Network lab and train the current network with \"Continue from its weights\" (the optimizer starts afresh).",
     "이 실행이 학습하는 동안 페이지가 닫혔습니다. 끝난 에포크 %d개(전체 %d개)와 마지막 에포크가 끝났을 때의 가중치는 남아 있습니다. 이어서 학습하려면 학습된 네트워크를 네트워크 실습에서 열고, 현재 네트워크를 \"현재 가중치에서 이어서\"로 학습하세요(옵티마이저는 처음부터 다시 시작합니다)."},
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
    {"train.download", "Download the weights", "가중치 내려받기"},
    {"train.download_help",
     "The trained weights (safetensors, keys as torch's nn.Sequential state_dict) and the model JSON: "
     "`layerlab export-pytorch MODEL.json --weights W` turns them into a PyTorch script that loads them.",
     "학습된 가중치(safetensors, 키는 torch nn.Sequential의 state_dict와 같음)와 모델 JSON을 내려받습니다. "
     "`layerlab export-pytorch MODEL.json --weights W`로 이를 불러오는 PyTorch 스크립트를 만들 수 있습니다."},
    {"train.export_py", "Export PyTorch script", "PyTorch 스크립트 내보내기"},
    {"train.export_py_help",
     "A Python script that trains this run again in PyTorch, with the same initial weights (the .init.safetensors "
     "file saved beside it), data split, batches, optimizer, schedule, loss and early stopping. Run it with "
     "`python3 layerlab-run-N.py`, or on several processes with `torchrun --nproc_per_node=N layerlab-run-N.py` "
     "(DistributedDataParallel).",
     "이 실행을 PyTorch에서 다시 학습하는 파이썬 스크립트입니다. 같은 초기 가중치(옆에 저장되는 .init.safetensors "
     "파일), 데이터 분할, 배치, 옵티마이저, 스케줄, 손실, 조기 종료를 씁니다. `python3 layerlab-run-N.py`로 "
     "실행하거나, 여러 프로세스에서 `torchrun --nproc_per_node=N layerlab-run-N.py`(DistributedDataParallel)로 "
     "실행하세요."},
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
    {"sweep.title", "Bias and variance", "편향과 분산"},
    {"sweep.help",
     "Trains one run per value, one after another, with the settings on the left for everything else, and plots "
     "each run's final error (1 - accuracy): train error from the last epoch's training batches, validation and "
     "test error evaluated after training.",
     "값마다 실행 하나를 차례로 학습합니다. 나머지 설정은 왼쪽 설정을 따르며, 각 실행의 마지막 오차(1 - 정확도)를 "
     "그립니다. 학습 오차는 마지막 에폭의 학습 배치에서, 검증·테스트 오차는 학습이 끝난 뒤 평가한 값입니다."},
    {"sweep.kind_train_size", "Training-set size", "학습 데이터 크기"},
    {"sweep.kind_width", "Model width", "모델 너비"},
    {"sweep.train_size", "training images", "학습 이미지 수"},
    {"sweep.width", "width multiplier", "너비 배수"},
    {"sweep.values", "Values", "값"},
    {"sweep.width_base", "(x1: 8 and 16 channels)", "(x1: 채널 8개와 16개)"},
    {"sweep.run", "Run sweep", "스윕 실행"},
    {"sweep.cancel", "Cancel sweep", "스윕 취소"},
    {"sweep.progress", "Progress", "진행"},
    {"sweep.train_error", "train error", "학습 오차"},
    {"sweep.val_error", "validation error", "검증 오차"},
    {"sweep.test_error", "test error", "테스트 오차"},
    {"sweep.status_waiting", "waiting", "대기"},
    {"sweep.status_running", "training", "학습 중"},
    {"sweep.status_done", "done", "완료"},
    {"sweep.status_failed", "failed", "실패"},
    {"sweep.status_cancelled", "cancelled", "취소됨"},
    {"sweep.waiting_slot", "Four runs are training: the next point starts as soon as one of them ends or is stopped.",
     "학습 중인 실행이 네 개입니다. 그중 하나가 끝나거나 중지되면 다음 점이 바로 시작됩니다."},
    {"sweep.legend", "Error = 1 - accuracy. Dots: measured points; dashed: test error.",
     "오차 = 1 - 정확도. 점: 측정한 값, 점선: 테스트 오차."},
    {"sweep.look_train_size",
     "What to look for: the gap between validation and train error is the variance. Measured here (tiny, two "
     "epochs, Adam at lr 0.005, 1,000 held out): 100 images gave train error 0.47 and validation error 0.61, a "
     "gap of 0.14; 1,600 images gave 0.16 and 0.20, a gap of 0.04. More data lowers both and closes the gap. "
     "Train error is counted on the training batches while the network learns, so after a few epochs it stays "
     "well above 0.",
     "볼 점: 검증 오차와 학습 오차의 차이가 분산입니다. 여기서 측정한 값(tiny, 2 에폭, Adam 학습률 0.005, 검증용 "
     "1,000장): 이미지 100장은 학습 오차 0.47, 검증 오차 0.61로 차이가 0.14였고, 1,600장은 0.16과 0.20으로 차이가 "
     "0.04였습니다. 데이터가 많을수록 두 오차가 모두 내려가고 차이가 줄어듭니다. 학습 오차는 네트워크가 배우는 "
     "동안 학습 배치에서 센 값이라 몇 에폭 뒤에도 0보다 꽤 높습니다."},
    {"sweep.look_width",
     "What to look for: a network too narrow to fit even its training images has both errors high and close "
     "together; that is bias. Measured here (1,000 images, one epoch): x0.25 (2 and 4 channels) gave train error "
     "0.81 and validation error 0.78; x2 (16 and 32 channels) lowered both, to 0.45 and 0.30. Train error is "
     "counted while the network learns during the epoch, so after one epoch it can sit above validation error.",
     "볼 점: 학습 이미지조차 맞히지 못할 만큼 좁은 네트워크는 두 오차가 모두 높고 서로 비슷합니다. 이것이 "
     "편향입니다. 여기서 측정한 값(이미지 1,000장, 1 에폭): x0.25(채널 2개와 4개)는 학습 오차 0.81, 검증 오차 "
     "0.78이었고, x2(채널 16개와 32개)는 둘 다 0.45와 0.30으로 내려갔습니다. 학습 오차는 에폭 동안 배우면서 센 "
     "값이라 1 에폭 뒤에는 검증 오차보다 높을 수 있습니다."},
};

}  // namespace

Table training() { return {kRows, std::size(kRows)}; }

}  // namespace ll::app::strings
