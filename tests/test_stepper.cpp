// The Network lab's stepper: the order of its steps, that a full iteration equals one training step,
// and that stepping back restores exactly the state it had.
#include "engine/reference_models.h"
#include "engine/stepper.h"
#include "engine/trainer.h"
#include "tests/test_util.h"

namespace {

void make_tiny(ll::Model& m, uint64_t seed) {
    lltest::build(ll::reference_model_json("tiny"), m);
    ll::Rng rng(seed);
    m.init(rng);
}

ll::OptimConfig sgd_momentum() {
    ll::OptimConfig c;
    c.name = "sgd";
    c.lr = 0.1f;
    c.momentum = 0.9f;
    return c;
}

std::vector<ll::Tensor> snapshot(ll::Model& m) {
    std::vector<ll::Tensor> out;
    for (const ll::ParamRef& p : m.params()) out.push_back(*p.value);
    for (const ll::BufferRef& b : m.buffers())
        if (b.value) out.push_back(*b.value);
    return out;
}

}  // namespace

TEST_CASE("Stepper: forward, loss, backward, update in order") {
    ll::Model m;
    make_tiny(m, 3);
    ll::Rng rng(4);
    ll::Tensor x = lltest::randn({1, 1, 28, 28}, rng);
    ll::Stepper s;
    REQUIRE(s.reset(&m, x, 3, sgd_momentum(), ll::Mode::Eval).is_ok());
    // 10 layers forward, the loss, 10 backward, and an update for each of the 5 layers with parameters.
    CHECK(s.steps_per_iteration() == 10 + 1 + 10 + 5);
    CHECK(s.position().phase == ll::Phase::Forward);
    s.step(10);
    CHECK(s.position().phase == ll::Phase::Loss);
    s.step(1);
    CHECK(s.position().phase == ll::Phase::Backward);
    CHECK(s.position().layer == 9);
    s.step(10);
    CHECK(s.position().phase == ll::Phase::Update);
    CHECK(s.position().layer == 0);
    CHECK(s.update_applied());
    s.step(5);
    CHECK(s.position().iteration == 1);
    CHECK(s.position().phase == ll::Phase::Forward);
    CHECK(std::string(ll::phase_name(ll::Phase::Backward)) == "backward");
}

TEST_CASE("Stepper: one iteration equals one training step; going back restores the state") {
    ll::Model a, b;
    make_tiny(a, 5);
    make_tiny(b, 5);
    ll::Rng rng(6);
    ll::Tensor x = lltest::randn({1, 1, 28, 28}, rng);
    const std::vector<ll::Tensor> start = snapshot(a);

    ll::Stepper s;
    REQUIRE(s.reset(&a, x, 7, sgd_momentum(), ll::Mode::Eval).is_ok());
    const float first_loss = s.loss();
    s.step(2 * s.steps_per_iteration());  // two whole iterations

    std::unique_ptr<ll::Optimizer> opt = ll::make_optimizer(sgd_momentum());
    ll::StepScratch scratch;
    std::vector<int64_t> y{7};
    ll::Targets t;
    t.classes = y.data();
    const float loss0 = ll::train_step(b, *opt, x, t, ll::LossKind::CrossEntropy, 0.0f, scratch, ll::Mode::Eval).loss;
    ll::train_step(b, *opt, x, t, ll::LossKind::CrossEntropy, 0.0f, scratch, ll::Mode::Eval);
    CHECK(first_loss == doctest::Approx(loss0));
    const std::vector<ll::Tensor> sa = snapshot(a), sb = snapshot(b);
    for (size_t i = 0; i < sa.size(); ++i) CHECK(lltest::closeness(sa[i], sb[i]) <= 1.0);
    CHECK(s.loss() < first_loss);  // the updates lowered this image's loss

    s.go_to(0);
    const std::vector<ll::Tensor> back = snapshot(a);
    for (size_t i = 0; i < back.size(); ++i) CHECK(back[i].values() == start[i].values());  // bit for bit
    CHECK(s.loss() == first_loss);
}

TEST_CASE("Stepper: a feature extractor has forward steps only; bad targets are refused") {
    ll::Model m;
    lltest::build(R"({"input_shape": [1, 8, 8], "layers": [{"type": "Conv2d", "out_channels": 2, "kernel_size": 3}, {"type": "ReLU"}]})", m);
    ll::Rng rng(1);
    m.init(rng);
    ll::Tensor x = lltest::randn({1, 1, 8, 8}, rng);
    ll::Stepper s;
    REQUIRE(s.reset(&m, x, 0, sgd_momentum(), ll::Mode::Eval).is_ok());
    CHECK_FALSE(s.trainable());
    CHECK(s.steps_per_iteration() == 2);
    s.step(3);
    CHECK(s.position().iteration == 1);
    CHECK(s.position().layer == 1);

    ll::Model t;
    make_tiny(t, 2);
    ll::Tensor x28 = lltest::randn({1, 1, 28, 28}, rng);
    ll::Status st = s.reset(&t, x28, 12, sgd_momentum(), ll::Mode::Eval);
    CHECK_FALSE(st.is_ok());
    CHECK(st.message().find("12") != std::string::npos);
}
