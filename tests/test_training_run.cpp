// TrainingRun (engine/training_run.h) on a small synthetic problem: reproducibility to the bit (also when
// advanced in slices), the split it uses, early stopping and restore_best against a shorter run, divergence,
// the final test report and the per-layer statistics, and the inputs it refuses.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <set>

#include "engine/training_run.h"
#include "engine/training_service.h"
#include "tests/test_util.h"

namespace {

constexpr const char* kModel = R"({"input_shape": [1, 6, 6], "layers": [
    {"type": "Conv2d", "out_channels": 3, "kernel_size": 3, "padding": 1}, {"type": "BatchNorm2d"}, {"type": "ReLU"},
    {"type": "MaxPool2d", "kernel_size": 2}, {"type": "Flatten"}, {"type": "Linear", "out_features": 3}]})";

// Class c lights up column band c (with noise); random_labels makes the labels unlearnable, so a model
// overfits and its validation loss turns back up (early stopping has something to stop).
ll::Dataset make_data(int n, uint64_t seed, bool random_labels = false) {
    ll::Rng rng(seed);
    ll::Dataset ds;
    ds.images.resize({n, 1, 6, 6});
    for (int i = 0; i < n; ++i) {
        const int c = i % 3;
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 6; ++x)
                ds.images[size_t(i * 36 + y * 6 + x)] = (x / 2 == c ? 0.7f : 0.1f) + 0.3f * rng.uniform();
        ds.labels.push_back(random_labels ? int64_t(rng.below(3)) : c);
    }
    return ds;
}

ll::RunConfig small_config() {
    ll::RunConfig c;
    c.epochs = 3;
    c.batch_size = 16;
    c.optim.lr = 0.01f;
    c.seed = 7;
    return c;
}

struct Fixture {
    ll::Model model;
    ll::Dataset train = make_data(150, 1), test = make_data(60, 2);
    ll::TrainingRun run;
    Fixture() { lltest::build(kModel, model); }
    ll::RunState run_to_end(const ll::RunConfig& c, int slice = 1000) {
        const ll::Status st = run.start(model, train, test, c);
        REQUIRE_MESSAGE(st.is_ok(), st.message());
        ll::RunState s = ll::RunState::Running;
        for (int guard = 0; guard < 100000 && !run.ended(); ++guard) s = run.advance(slice);
        return s;
    }
};

std::vector<float> flat_state(ll::Model& m) {
    std::vector<float> v;
    for (const ll::ParamRef& p : m.params()) v.insert(v.end(), p.value->values().begin(), p.value->values().begin() + long(p.value->numel()));
    for (const ll::BufferRef& b : m.buffers()) {
        if (b.value) v.insert(v.end(), b.value->values().begin(), b.value->values().begin() + long(b.value->numel()));
        if (b.count) v.push_back(float(*b.count));
    }
    return v;
}

using lltest::same_bits;

}  // namespace

TEST_CASE("TrainingRun: the same seed gives the same history to the bit, in any slicing") {
    Fixture a, b, c;
    ll::RunConfig cfg = small_config();
    cfg.val_size = 30;
    CHECK(a.run_to_end(cfg, 1000) == ll::RunState::Finished);
    CHECK(b.run_to_end(cfg, 1) == ll::RunState::Finished);  // one step per call, as a page frame might
    const ll::RunHistory& ha = a.run.history();
    const ll::RunHistory& hb = b.run.history();
    REQUIRE(ha.step_loss.size() == 3 * 8);  // ceil(120 / 16) steps per epoch
    CHECK(same_bits(ha.step_loss, hb.step_loss));
    REQUIRE(ha.epochs.size() == 3);
    for (size_t e = 0; e < 3; ++e) {
        CHECK(ha.epochs[e].epoch == int(e) + 1);
        CHECK(ha.epochs[e].train_loss == hb.epochs[e].train_loss);
        CHECK(ha.epochs[e].val_loss == hb.epochs[e].val_loss);
        CHECK(ha.epochs[e].val_acc == hb.epochs[e].val_acc);
    }
    CHECK(ha.test.loss == hb.test.loss);
    CHECK(ha.test.confusion == hb.test.confusion);
    CHECK(same_bits(flat_state(a.model), flat_state(b.model)));
    CHECK(a.run.images_processed() == 3 * 120);

    cfg.seed = 8;
    c.run_to_end(cfg);
    CHECK_FALSE(same_bits(ha.step_loss, c.run.history().step_loss));

    // The loss goes down on this learnable problem.
    CHECK(ha.epochs[2].train_loss < ha.epochs[0].train_loss);
    CHECK(ha.test.accuracy > 0.6);
}

TEST_CASE("TrainingRun: an epoch's evaluation gets a call of its own") {
    Fixture f;
    ll::RunConfig cfg = small_config();
    cfg.val_size = 30;
    REQUIRE(f.run.start(f.model, f.train, f.test, cfg).is_ok());
    CHECK(f.run.advance(8) == ll::RunState::Running);  // exactly the epoch's 8 steps
    CHECK(f.run.progress().step == 8);
    CHECK(f.run.history().epochs.empty());
    CHECK(f.run.advance(5) == ll::RunState::EpochDone);  // evaluation, no step
    CHECK(f.run.progress().step == 8);
    CHECK(f.run.history().epochs.size() == 1);
    CHECK(f.run.advance(100) == ll::RunState::EpochDone);  // a large slice stops at the next epoch's end
    CHECK(f.run.progress().step == 16);
}

TEST_CASE("TrainingRun: the split is make_split's and training touches only its images") {
    Fixture f;
    ll::RunConfig cfg = small_config();
    cfg.val_size = 40;
    cfg.train_size = 50;
    f.run_to_end(cfg);
    ll::DataSplit want;
    REQUIRE(ll::make_split(150, 50, 40, cfg.seed, want).is_ok());
    CHECK(f.run.split().train == want.train);
    CHECK(f.run.split().val == want.val);
    CHECK(f.run.images_processed() == 3 * 50);
    std::vector<int> both;
    std::set_intersection(want.train.begin(), want.train.end(), want.val.begin(), want.val.end(), std::back_inserter(both));
    CHECK(both.empty());
    CHECK(f.run.history().epochs[0].has_val);
    CHECK(f.run.history().best_epoch >= 1);
}

TEST_CASE("TrainingRun: early stopping at best + patience; restore_best gives the best epoch's weights exactly") {
    Fixture f;
    f.train = make_data(60, 3, true);
    ll::RunConfig cfg = small_config();
    cfg.epochs = 40;
    cfg.schedule = ll::Schedule::Kind::Constant;  // so a shorter run follows the same path
    cfg.optim.lr = 0.03f;
    cfg.val_size = 30;
    cfg.patience = 3;
    cfg.restore_best = true;
    REQUIRE(f.run_to_end(cfg) == ll::RunState::StoppedEarly);
    const ll::RunHistory& h = f.run.history();
    const int best = h.best_epoch;
    REQUIRE(best >= 1);
    CHECK(int(h.epochs.size()) == best + cfg.patience);
    for (const ll::EpochRecord& r : h.epochs) CHECK(r.val_loss >= h.epochs[size_t(best - 1)].val_loss);
    CHECK(h.restored_best);
    CHECK(h.has_test);
    CHECK(f.run.message().find("stopped early after epoch " + std::to_string(best + cfg.patience)) != std::string::npos);

    Fixture g;
    g.train = f.train;
    ll::RunConfig shorter = cfg;
    shorter.epochs = best;
    shorter.patience = 0;
    shorter.restore_best = false;
    REQUIRE(g.run_to_end(shorter) == ll::RunState::Finished);
    CHECK(same_bits(flat_state(f.model), flat_state(g.model)));
    CHECK(f.run.history().test.loss == g.run.history().test.loss);
}

TEST_CASE("TrainingRun: divergence names the step, the epoch and the first layer; history kept") {
    Fixture f;
    ll::RunConfig cfg = small_config();
    cfg.optim.name = "sgd";
    cfg.optim.lr = 1e30f;
    cfg.schedule = ll::Schedule::Kind::Constant;
    const ll::RunState s = f.run_to_end(cfg, 3);
    REQUIRE(s == ll::RunState::Diverged);
    const std::string& msg = f.run.message();
    const long steps = long(f.run.history().step_loss.size());
    CHECK(steps >= 1);
    CHECK(f.run.progress().step == steps);
    CHECK_MESSAGE(msg.find("diverged at step " + std::to_string(steps) + " (epoch 1): layer ") == 0, msg);
    CHECK_MESSAGE((msg.find("(Conv2d)") != std::string::npos || msg.find("(Linear)") != std::string::npos ||
                   msg.find("(BatchNorm2d)") != std::string::npos), msg);
    CHECK(f.run.history().layer_stats.size() == 1);  // the initial statistics stay
    CHECK_FALSE(f.run.history().has_test);
    CHECK(f.run.advance(10) == ll::RunState::Diverged);  // an ended run stays ended
    CHECK(long(f.run.history().step_loss.size()) == steps);
}

TEST_CASE("TrainingRun: the test report's confusion sums to the test size, its trace to the hits") {
    Fixture f;
    f.run_to_end(small_config());
    const ll::EvalReport& t = f.run.history().test;
    REQUIRE(t.classes == 3);
    CHECK(std::accumulate(t.confusion.begin(), t.confusion.end(), int64_t(0)) == 60);
    int64_t trace = 0;
    for (int c = 0; c < 3; ++c) trace += t.confusion[size_t(c * 3 + c)];
    // Recount the hits with a plain eval-mode pass over the test set.
    const ll::Tensor& out = f.model.forward(f.test.images, ll::Mode::Eval);
    int hits = 0;
    std::vector<int> missed;
    for (int n = 0; n < 60; ++n) {
        const bool hit = ll::argmax_row(out.data() + n * 3, 3) == f.test.labels[size_t(n)];
        hits += hit;
        if (!hit) missed.push_back(n);
    }
    CHECK(trace == hits);
    CHECK(t.accuracy == doctest::Approx(hits / 60.0));
    REQUIRE(t.misses.size() == missed.size());
    for (size_t k = 0; k < missed.size(); ++k) CHECK(t.misses[k].index == missed[k]);
}

TEST_CASE("TrainingRun: per-layer statistics every epoch; L1 drives weights to zero") {
    auto near_zero_after = [](float l1) {
        Fixture f;
        ll::RunConfig cfg = small_config();
        cfg.optim.name = "sgd";
        cfg.optim.lr = 0.05f;
        cfg.epochs = 6;
        cfg.l1 = l1;
        f.run_to_end(cfg);
        const ll::RunHistory& h = f.run.history();
        REQUIRE(h.layer_stats.size() == 7);  // before training, then after each epoch
        CHECK(h.layer_stats[0].epoch == 0);
        CHECK(h.layer_stats[0].layers[0].grad_norm == 0.0);
        const ll::LayerStats& lin = h.layer_stats.back().layers[5];
        CHECK(lin.type == "Linear");
        CHECK(lin.total == 3 * 27);
        CHECK(lin.grad_norm > 0.0);
        CHECK(std::accumulate(lin.hist.begin(), lin.hist.end(), int64_t(0)) == lin.total);
        CHECK(h.layer_stats.back().layers[2].out_std > 0.0);
        return lin.near_zero + h.layer_stats.back().layers[0].near_zero;
    };
    const int64_t plain = near_zero_after(0.0f), sparse = near_zero_after(0.02f);
    CHECK_MESSAGE(sparse > plain + 5, "near-zero weights: " << plain << " without L1, " << sparse << " with");
}

TEST_CASE("TrainingRun: start refuses empty data, a split with nothing to train, a shape mismatch") {
    Fixture f;
    ll::Dataset empty;
    empty.images.resize({0, 1, 6, 6});
    ll::Status st = f.run.start(f.model, empty, f.test, small_config());
    REQUIRE_FALSE(st.is_ok());
    CHECK(st.message().find("training set has no images") != std::string::npos);
    CHECK(f.run.start(f.model, f.train, empty, small_config()).message().find("test set has no images") != std::string::npos);

    ll::RunConfig cfg = small_config();
    cfg.val_size = 150;
    st = f.run.start(f.model, f.train, f.test, cfg);
    CHECK(st.message().find("leaves none") != std::string::npos);

    cfg = small_config();
    cfg.train_size = 1;  // one image: BatchNorm1d cannot train on it, so no step could ever run
    ll::Model bn1d;
    lltest::build(R"({"input_shape": [1, 6, 6], "layers": [{"type": "Flatten"}, {"type": "Linear", "out_features": 4},
        {"type": "BatchNorm1d"}, {"type": "Linear", "out_features": 3}]})", bn1d);
    st = f.run.start(bn1d, f.train, f.test, cfg);
    CHECK_MESSAGE(st.message().find("a batch of 1 training image(s) cannot train") == 0, st.message());

    ll::Dataset wide = make_data(10, 1);
    wide.images.resize({10, 1, 6, 5});
    st = f.run.start(f.model, wide, f.test, small_config());
    CHECK(st.message().find("input_shape") != std::string::npos);

    ll::Dataset bad_labels = make_data(10, 1);
    bad_labels.labels[4] = 7;
    st = f.run.start(f.model, bad_labels, f.test, small_config());
    CHECK(st.message().find("target[4]") != std::string::npos);
}

TEST_CASE("TrainingRun: init continue keeps the given weights; default re-draws them from the seed") {
    Fixture f;
    ll::Rng rng(123);
    f.model.init(rng);
    const std::vector<float> given = flat_state(f.model);
    ll::RunConfig cfg = small_config();
    cfg.init = "continue";
    REQUIRE(f.run.start(f.model, f.train, f.test, cfg).is_ok());
    CHECK(same_bits(flat_state(f.model), given));
    cfg.init = "default";
    REQUIRE(f.run.start(f.model, f.train, f.test, cfg).is_ok());
    ll::Model fresh;
    lltest::build(kModel, fresh);
    ll::Rng seeded(cfg.seed);
    fresh.init(seeded);
    CHECK(same_bits(flat_state(f.model), flat_state(fresh)));
}

TEST_CASE("TrainingService::request_threads: the request's thread count, 1 when absent or not a count") {
    CHECK(ll::TrainingService::request_threads(R"({"data": "mnist", "threads": 2})") == 2);
    CHECK(ll::TrainingService::request_threads(R"({"data": "mnist", "threads": 1})") == 1);
    CHECK(ll::TrainingService::request_threads(R"({"data": "mnist"})") == 1);
    CHECK(ll::TrainingService::request_threads(R"({"threads": 0})") == 1);
    CHECK(ll::TrainingService::request_threads(R"({"threads": -3})") == 1);
    CHECK(ll::TrainingService::request_threads(R"({"threads": 1.5})") == 1);
    CHECK(ll::TrainingService::request_threads(R"({"threads": "2"})") == 1);
    CHECK(ll::TrainingService::request_threads("not json") == 1);
}
