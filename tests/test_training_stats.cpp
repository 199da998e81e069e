// engine/training_stats.h: the evaluation report on a hand-set classifier whose answers are known
// (confusion, per-class accuracy, misses, the loss equal to evaluate()'s), weight histograms on known
// values, and that the per-layer statistics leave the model's state alone.
#include <numeric>

#include "engine/trainer.h"
#include "engine/training_stats.h"
#include "tests/test_util.h"

namespace {

// (1, 1, 3) -> Flatten -> Linear(3, 3) = identity: the class is the brightest of three pixels.
void make_argmax_model(ll::Model& m) {
    lltest::build(R"({"input_shape": [1, 1, 3], "layers": [{"type": "Flatten"}, {"type": "Linear", "out_features": 3}]})", m);
    for (const ll::ParamRef& p : m.params()) {
        p.value->zero();
        if (p.name == "1.weight")
            for (int k = 0; k < 3; ++k) (*p.value)[size_t(k * 3 + k)] = 1.0f;
    }
}

// shown[i]: the brightest pixel of sample i; label[i]: its label.
ll::Dataset make_data(const std::vector<int>& shown, const std::vector<int>& label) {
    ll::Dataset ds;
    ds.images.resize({int(shown.size()), 1, 1, 3});
    for (size_t i = 0; i < shown.size(); ++i)
        for (int k = 0; k < 3; ++k) ds.images[i * 3 + size_t(k)] = k == shown[i] ? 0.8f : 0.1f;
    ds.labels.assign(label.begin(), label.end());
    return ds;
}

}  // namespace

TEST_CASE("evaluate_report: confusion rows are true classes, misses in order, loss as evaluate()") {
    ll::Model m;
    make_argmax_model(m);
    //                           shown (= predicted)          true label
    const ll::Dataset ds = make_data({0, 1, 2, 2, 1, 0, 2, 1}, {0, 1, 2, 0, 1, 1, 2, 2});
    ll::EvalReport r;
    ll::evaluate_report(m, ds, nullptr, 3, 64, r);
    CHECK(r.count == 8);
    CHECK(r.classes == 3);
    const std::vector<int64_t> want = {1, 0, 1,   // true 0: one right, one taken for 2
                                       1, 2, 0,   // true 1: sample 5 taken for 0
                                       0, 1, 2};  // true 2
    CHECK(r.confusion == want);
    CHECK(std::accumulate(r.confusion.begin(), r.confusion.end(), int64_t(0)) == 8);
    CHECK(r.accuracy == doctest::Approx(5.0 / 8.0));
    CHECK(r.class_accuracy[0] == doctest::Approx(0.5));
    CHECK(r.class_accuracy[2] == doctest::Approx(2.0 / 3.0));
    REQUIRE(r.misses.size() == 3);
    CHECK(r.misses[0].index == 3);
    CHECK(r.misses[0].label == 0);
    CHECK(r.misses[0].predicted == 2);
    CHECK(r.misses[1].index == 5);
    CHECK(r.misses[2].index == 7);
    const ll::EvalResult ev = ll::evaluate(m, ds.images, ds.labels, 3);
    CHECK(r.loss == ev.loss);  // the same batches, the same sums: the same bits

    // A subset, and the misses cap.
    const std::vector<int> idx = {3, 4, 7};
    ll::evaluate_report(m, ds, &idx, 2, 1, r);
    CHECK(r.count == 3);
    CHECK(r.accuracy == doctest::Approx(1.0 / 3.0));
    REQUIRE(r.misses.size() == 1);
    CHECK(r.misses[0].index == 3);
}

TEST_CASE("weight_histogram: symmetric range, exact and near zeros, every value counted once") {
    ll::Tensor w({6}, {-2.0f, 2.0f, 0.0f, 0.0f, 5e-4f, 1.0f});
    ll::LayerStats s;
    ll::weight_histogram(w, s);
    CHECK(s.hist_range == 2.0f);
    CHECK(s.total == 6);
    CHECK(s.zeros == 2);
    CHECK(s.near_zero == 3);
    CHECK(s.hist[0] == 1);                    // -2, the bottom edge
    CHECK(s.hist[ll::kHistBins - 1] == 1);    // +2, the top edge folded in
    CHECK(s.hist[ll::kHistBins / 2] == 3);    // the middle bin holds 0, 0 and 5e-4
    CHECK(std::accumulate(s.hist.begin(), s.hist.end(), int64_t(0)) == 6);
    ll::Tensor zero({3}, 0.0f);
    ll::weight_histogram(zero, s);
    CHECK(s.hist[ll::kHistBins / 2] == 3);
}

TEST_CASE("layer_stats: output moments on the probe, eval mode, running statistics untouched") {
    ll::Model m;
    lltest::build(R"({"input_shape": [2, 4, 4], "layers": [{"type": "Conv2d", "out_channels": 3, "kernel_size": 3},
        {"type": "BatchNorm2d"}, {"type": "ReLU"}, {"type": "Flatten"}, {"type": "Linear", "out_features": 2}]})", m);
    ll::Rng rng(4);
    m.init(rng);
    const ll::Tensor probe = lltest::randn({5, 2, 4, 4}, rng);
    const std::vector<ll::BufferRef> bufs = m.buffers();
    const ll::Tensor mean_before = *bufs[0].value;
    const int64_t count_before = *bufs[2].count;
    ll::EpochLayerStats st;
    ll::layer_stats(m, probe, {2.0, 0, 0, 0, 8.0}, 4, st);
    REQUIRE(st.layers.size() == 5);
    CHECK(bufs[0].value->values() == mean_before.values());
    CHECK(*bufs[2].count == count_before);
    CHECK(st.layers[0].type == "Conv2d");
    CHECK(st.layers[0].has_params);
    CHECK(st.layers[0].total == 3 * 2 * 3 * 3);
    CHECK(st.layers[0].grad_norm == doctest::Approx(0.5));
    CHECK(st.layers[4].grad_norm == doctest::Approx(2.0));
    CHECK_FALSE(st.layers[2].has_params);
    // The ReLU's output moments equal a direct eval-mode pass's.
    const ll::Tensor& y = m.forward(probe, ll::Mode::Eval);
    (void)y;
    const ll::Tensor& relu = m.output(2);
    double sum = 0.0;
    for (size_t k = 0; k < relu.numel(); ++k) sum += relu[k];
    CHECK(st.layers[2].out_mean == doctest::Approx(sum / double(relu.numel())));
    CHECK(st.layers[2].out_std > 0.0);
}
