// One finite-difference gradcheck per layer type, as a table: the analytic gradients of the input and
// of every parameter against central differences (engine/gradcheck.h), in train mode. A layer type the
// model JSON knows but this table lacks fails the last case, so a new layer is one new row here.
// The per-family files check the same layers in more configurations; this is the floor every type meets.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "engine/gradcheck.h"
#include "engine/layers/norm_local_contrast_cross_iteration.h"
#include "tests/test_util.h"

namespace {

struct Row {
    const char* in_shape;  // per sample
    const char* layer;     // its JSON
    int batch;
    bool spaced;           // distinct inputs well away from kinks and ties (ReLU at 0, max pooling)
};

// CrossIterationBatchNorm2d keeps a history of iterations: frozen, the gradcheck's many forward passes
// are all the same iteration, as for the other layers.
void freeze_history(ll::Layer& layer) {
    if (auto* cb = dynamic_cast<ll::CrossIterationBatchNorm2d*>(&layer)) cb->set_frozen(true);
}

const Row kRows[] = {
    {"[3, 6, 5]", R"({"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1, "stride": [1, 2]})", 2, false},
    {"[2, 4, 3]", R"({"type": "ConvTranspose2d", "out_channels": 3, "kernel_size": 3, "stride": 2, "output_padding": 1})", 2, false},
    {"[2, 6, 6]", R"({"type": "MaxPool2d", "kernel_size": 2})", 2, true},
    {"[2, 7, 5]", R"({"type": "AvgPool2d", "kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": true})", 2, false},
    {"[2, 6, 6]", R"({"type": "LPPool2d", "norm_type": 2, "kernel_size": 2})", 2, false},
    {"[2, 5, 7]", R"({"type": "AdaptiveAvgPool2d", "output_size": [3, 2]})", 2, false},
    {"[3, 4, 4]", R"({"type": "BatchNorm2d"})", 3, false},
    {"[5]", R"({"type": "BatchNorm1d"})", 4, false},
    {"[3, 4, 5]", R"({"type": "LayerNorm"})", 2, false},
    {"[3, 4, 5]", R"({"type": "InstanceNorm2d", "affine": true})", 2, false},
    {"[4, 3, 3]", R"({"type": "GroupNorm", "num_groups": 2})", 2, false},
    {"[5, 3, 3]", R"({"type": "LocalResponseNorm", "size": 3})", 2, false},
    {"[2, 6, 5]", R"({"type": "LocalContrastNorm", "size": 3})", 2, false},
    {"[3, 4, 4]", R"({"type": "CrossIterationBatchNorm2d", "window": 2})", 3, false},
    {"[2, 3, 4]", R"({"type": "ReLU"})", 2, true},
    {"[2, 3, 4]", R"({"type": "LeakyReLU", "negative_slope": 0.1})", 2, true},
    {"[2, 3, 4]", R"({"type": "Sigmoid"})", 2, false},
    {"[2, 3, 4]", R"({"type": "Tanh"})", 2, false},
    {"[2, 3, 4]", R"({"type": "GELU"})", 2, false},
    {"[7]", R"({"type": "Softmax"})", 3, false},
    {"[6]", R"({"type": "Linear", "out_features": 4})", 3, false},
    {"[2, 3, 3]", R"({"type": "Flatten"})", 2, false},
    {"[3, 4]", R"({"type": "Dropout", "p": 0.4})", 3, false},
    {"[3, 4, 4]", R"({"type": "Dropout2d", "p": 0.4})", 3, false},
};

std::string type_of(const Row& row) { return lltest::json(row.layer).find("type")->as_string(); }

// Values (k - n/2 + 0.5) * 0.05 in shuffled order: 0.05 apart and at least 0.025 from 0, both more than
// the gradcheck's step of 0.01 either side.
ll::Tensor spaced(const ll::Shape& s, ll::Rng& rng) {
    ll::Tensor t(s);
    const size_t n = t.numel();
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.next_u32() % i]);
    for (size_t i = 0; i < n; ++i) t[i] = (float(order[i]) - float(n) / 2 + 0.5f) * 0.05f;
    return t;
}

}  // namespace

TEST_CASE("gradcheck: every layer type, input and parameters, against finite differences") {
    for (const Row& row : kRows) {
        INFO(std::string(row.layer));
        ll::Model m;
        lltest::build(lltest::model_text(row.in_shape, row.layer), m);
        ll::Rng rng(17);
        m.init(rng);
        const ll::Shape shape = ll::batch_shape(row.batch, m.input_shape());
        const ll::Tensor x = row.spaced ? spaced(shape, rng) : lltest::randn(shape, rng);
        freeze_history(m.layer(0));
        const ll::GradcheckResult r = ll::gradcheck(m.layer(0), x, rng);
        CHECK_MESSAGE(r.ok, r.worst);
        CHECK(r.checked >= int(x.numel() < 160 ? x.numel() : 160));
    }
}

TEST_CASE("gradcheck: the table has one row for each layer type the model JSON knows") {
    // The refusal of an unknown type lists every known one: "... (known: Conv2d, ConvTranspose2d, ...)".
    const std::string e = lltest::build_error("[1]", R"({"type": "NoSuchLayer"})");
    const size_t at = e.find("(known: ");
    REQUIRE(at != std::string::npos);
    std::set<std::string> known, rows;
    std::string list = e.substr(at + 8, e.find(')', at) - at - 8) + ",";
    for (size_t b = 0, c; (c = list.find(',', b)) != std::string::npos; b = c + 2) known.insert(list.substr(b, c - b));
    for (const Row& row : kRows) rows.insert(type_of(row));
    CHECK(known.size() == 24);
    CHECK(rows == known);
}
