// UI strings of the Optimizers lab: one row per key, English then Korean (see strings.h).
#include "app/strings/strings.h"

#include <iterator>

namespace ll::app::strings {

namespace {

const Entry kRows[] = {
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
};

}  // namespace

Table optimizers() { return {kRows, std::size(kRows)}; }

}  // namespace ll::app::strings
