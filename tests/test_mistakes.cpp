// find_misclassified (engine/mistakes.h): a hand-set classifier whose answers are known, so the first
// miss, the wrap-around, the search cap and the shape conversion can be checked exactly; and on a
// random network, that chaining searches visits exactly the samples a per-image forward gets wrong.
#include "engine/mistakes.h"
#include "engine/reference_models.h"
#include "engine/trainer.h"
#include "tests/test_util.h"

namespace {

// Input (1, 1, 2) -> Flatten -> Linear(2, 2) with the identity: the class is the larger pixel.
void make_argmax_model(ll::Model& m) {
    lltest::build(R"({"input_shape": [1, 1, 2], "layers": [{"type": "Flatten"}, {"type": "Linear", "out_features": 2}]})", m);
    for (const ll::ParamRef& p : m.params()) {
        p.value->zero();
        if (p.name == "1.weight") {
            (*p.value)[0] = 1.0f;  // (out, in) row-major: w[0][0], w[1][1]
            (*p.value)[3] = 1.0f;
        }
    }
}

// Samples (N, 1, h, w) whose larger half is the left one for class 0, the right one for class 1;
// wrong[i] flips the label so the model misclassifies sample i.
ll::Dataset make_data(const std::vector<bool>& wrong, int h = 1, int w = 2) {
    ll::Dataset ds;
    const int N = int(wrong.size());
    ds.images.resize({N, 1, h, w});
    for (int i = 0; i < N; ++i) {
        const int cls = i % 2;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                ds.images[size_t(i) * size_t(h * w) + size_t(y * w + x)] = (x < w / 2) == (cls == 0) ? 0.9f : 0.1f;
        ds.labels.push_back(wrong[size_t(i)] ? 1 - cls : cls);
    }
    return ds;
}

}  // namespace

TEST_CASE("find_misclassified: first miss from the start, batch by batch") {
    ll::Model m;
    make_argmax_model(m);
    const ll::Dataset ds = make_data({false, false, false, true, false, true, false, false});
    ll::MissSearch r;
    REQUIRE(ll::find_misclassified(m, ds, 0, 100, 2, r).is_ok());
    CHECK(r.index == 3);
    CHECK(r.predicted == 1);  // sample 3 shows class 1, labelled 0
    CHECK(r.searched == 4);
    REQUIRE(ll::find_misclassified(m, ds, 4, 100, 3, r).is_ok());
    CHECK(r.index == 5);
    CHECK(r.searched == 2);
    // From 6 it wraps past the end back to 3.
    REQUIRE(ll::find_misclassified(m, ds, 6, 100, 4, r).is_ok());
    CHECK(r.index == 3);
    CHECK(r.searched == 6);
}

TEST_CASE("find_misclassified: the cap and a range without misses") {
    ll::Model m;
    make_argmax_model(m);
    const ll::Dataset ds = make_data({false, false, false, true, false, false});
    ll::MissSearch r;
    REQUIRE(ll::find_misclassified(m, ds, 0, 3, 2, r).is_ok());
    CHECK(r.index == -1);
    CHECK(r.searched == 3);  // stopped at the cap, before sample 3
    REQUIRE(ll::find_misclassified(m, make_data({false, false, false}), 1, 100, 2, r).is_ok());
    CHECK(r.index == -1);
    CHECK(r.searched == 3);  // never more than the dataset holds, even when wrapping
}

TEST_CASE("find_misclassified: samples are converted to the model's input shape") {
    ll::Model m;
    make_argmax_model(m);  // 1 x 1 x 2; the data is 1 x 4 x 6, area-averaged down
    const ll::Dataset ds = make_data({false, false, true, false}, 4, 6);
    ll::MissSearch r;
    REQUIRE(ll::find_misclassified(m, ds, 0, 10, 8, r).is_ok());
    CHECK(r.index == 2);
    CHECK(r.predicted == 0);
}

TEST_CASE("find_misclassified: errors name what does not fit") {
    ll::Model m;
    make_argmax_model(m);
    ll::MissSearch r;
    CHECK_FALSE(ll::find_misclassified(m, ll::Dataset(), 0, 10, 4, r).is_ok());
    ll::Dataset ds = make_data({false, false});
    ds.labels[1] = 5;  // the model has 2 classes
    const ll::Status st = ll::find_misclassified(m, ds, 0, 10, 4, r);
    CHECK_FALSE(st.is_ok());
    CHECK(st.message().find("label 5") != std::string::npos);
    ll::Model features;
    lltest::build(R"({"input_shape": [1, 1, 2], "layers": [{"type": "ReLU"}]})", features);
    CHECK_FALSE(ll::find_misclassified(features, make_data({false}), 0, 10, 4, r).is_ok());
}

TEST_CASE("find_misclassified: chained searches visit exactly the misses of a per-image forward") {
    ll::Model m;
    lltest::build(ll::reference_model_json("tiny"), m);
    ll::Rng rng(11);
    m.init(rng);
    ll::Dataset ds;
    const int N = 40;
    ds.images = lltest::randn({N, 1, 28, 28}, rng);
    for (int i = 0; i < N; ++i) ds.labels.push_back(i % 10);
    std::vector<int> expect;
    ll::Tensor one;
    for (int i = 0; i < N; ++i) {
        one.resize({1, 1, 28, 28});
        for (size_t k = 0; k < 784; ++k) one[k] = ds.images[size_t(i) * 784 + k];
        const ll::Tensor& out = m.forward(one, ll::Mode::Eval);
        if (ll::argmax_row(out.data(), 10) != ds.labels[size_t(i)]) expect.push_back(i);
    }
    REQUIRE(!expect.empty());
    std::vector<int> got;
    int start = 0;
    for (;;) {
        ll::MissSearch r;
        REQUIRE(ll::find_misclassified(m, ds, start, N - start, 16, r).is_ok());
        if (r.index < 0) break;
        got.push_back(r.index);
        start = r.index + 1;
        if (start >= N) break;
    }
    CHECK(got == expect);
}
