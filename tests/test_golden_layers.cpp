// Golden vectors: every layer type of the model JSON against PyTorch 1.13, forward, backward and buffers.
//
// tools/make_golden_layers.py writes tests/golden/layers/cases.json and one safetensors file per case:
// the state_dict before the passes, the inputs ("input.pass{j}" for the first passes, "input" for the
// last), "grad_output", and the expectations "expect.output", "expect.{i}.output", "expect.input.grad",
// "expect.{i}.{param}.grad" and "expect.{i}.{buffer}". Each case builds the model from its JSON, loads
// the state, runs `passes` forwards in its mode and one backward, and compares every expectation with
// |got - want| <= 1e-5 + 1e-4 * |want|. A failure names the case, the tensor and its worst element.
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/io.h"
#include "engine/safetensors.h"
#include "tests/test_util.h"

namespace {

struct GoldenCase {
    std::string name, file, mode;
    ll::Json model;
    int passes = 1;
};

const char* kManifest = "tests/golden/layers/cases.json";

std::vector<GoldenCase> load_manifest() {
    std::string text;
    ll::Status st = ll::read_file(lltest::source_path(kManifest), text);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    const ll::Json j = lltest::json(text);
    REQUIRE(j.is_array());
    std::vector<GoldenCase> cases;
    for (const ll::Json& e : j.items()) {
        const ll::Json* name = e.find("name");
        const ll::Json* file = e.find("file");
        const ll::Json* model = e.find("model");
        const ll::Json* mode = e.find("mode");
        const ll::Json* passes = e.find("passes");
        REQUIRE_MESSAGE((name && file && model && mode && passes), "malformed manifest entry " << e.dump());
        REQUIRE(passes->is_int());
        cases.push_back({name->as_string(), file->as_string(), mode->as_string(), *model, passes->as_int()});
    }
    return cases;
}

// Non-fatal checks throughout: a REQUIRE would abort the remaining cases' subcases too.
bool ok(const ll::Status& st) {
    CHECK_MESSAGE(st.is_ok(), st.message());
    return st.is_ok();
}

// "[1, 0, 2, 3]" for flat index i of a tensor of this shape.
std::string index_str(const ll::Shape& shape, size_t i) {
    std::vector<int> idx(shape.size());
    for (size_t d = shape.size(); d-- > 0;) {
        idx[d] = int(i % size_t(shape[d]));
        i /= size_t(shape[d]);
    }
    std::string s = "[";
    for (size_t d = 0; d < idx.size(); ++d) s += (d ? ", " : "") + std::to_string(idx[d]);
    return s + "]";
}

// Compares got with the file's tensor `key`; on failure reports the worst element.
void check_close(const ll::TensorFile& f, const std::string& key, const ll::Tensor& got) {
    ll::Tensor want;
    if (!ok(f.get(key, want))) return;
    CHECK_MESSAGE(got.shape() == want.shape(),
                  key << ": shape " << ll::shape_str(got.shape()) << ", expected " << ll::shape_str(want.shape()));
    if (got.shape() != want.shape()) return;
    const double worst = lltest::closeness(got, want);
    if (worst <= 1.0) return;
    size_t at = 0;
    double d_at = -1.0;
    for (size_t i = 0; i < got.numel(); ++i) {
        const double d = std::fabs(double(got[i]) - double(want[i])) / (1e-5 + 1e-4 * std::fabs(double(want[i])));
        if (!(d <= d_at)) { at = i; d_at = d; }
        if (std::isnan(d)) break;
    }
    std::ostringstream msg;
    msg.precision(9);
    msg << key << " (" << ll::shape_str(want.shape()) << "): worst element " << index_str(want.shape(), at)
        << " got " << got[at] << ", expected " << want[at] << " (" << worst << " x the tolerance)";
    FAIL_CHECK(msg.str());
}

// Parameters' gradients and buffers, each against its expectation; adds the keys checked to `seen`.
void check_state(ll::Model& model, const ll::TensorFile& f, std::set<std::string>& seen) {
    for (const ll::ParamRef& p : model.params()) {
        const std::string key = "expect." + p.name + ".grad";
        seen.insert(key);
        check_close(f, key, *p.grad);
    }
    for (const ll::BufferRef& b : model.buffers()) {
        const std::string key = "expect." + b.name;
        seen.insert(key);
        if (b.value) {
            check_close(f, key, *b.value);
            continue;
        }
        std::vector<int64_t> want;
        if (!ok(f.get_i64(key, want))) continue;
        CHECK_MESSAGE(want.size() == 1, key << " must hold one value");
        if (want.size() == 1)
            CHECK_MESSAGE(*b.count == want[0], key << ": got " << *b.count << ", expected " << want[0]);
    }
}

void run_case(const GoldenCase& c) {
    ll::Model model;
    if (!ok(ll::Model::from_json(c.model, model))) return;
    ll::TensorFile f;
    if (!ok(ll::read_tensor_file(lltest::source_path("tests/golden/layers/" + c.file), f))) return;
    if (!ok(ll::load_state(model, f, c.file))) return;
    CHECK((c.mode == "train" || c.mode == "eval"));
    const ll::Mode mode = c.mode == "train" ? ll::Mode::Train : ll::Mode::Eval;
    ll::Rng rng(1);
    model.set_rng(&rng);

    // Earlier passes only move the running statistics; outputs and gradients are the last pass's.
    std::vector<ll::Tensor> inputs(size_t(c.passes));
    for (int j = 0; j + 1 < c.passes; ++j)
        if (!ok(f.get("input.pass" + std::to_string(j), inputs[size_t(j)]))) return;
    ll::Tensor gy;
    if (!ok(f.get("input", inputs.back())) || !ok(f.get("grad_output", gy))) return;
    model.zero_grad();
    for (const ll::Tensor& x : inputs) model.forward(x, mode);

    std::set<std::string> seen = {"expect.output", "expect.input.grad"};
    for (size_t i = 0; i < model.size(); ++i) {
        const std::string key = "expect." + std::to_string(i) + ".output";
        seen.insert(key);
        check_close(f, key, model.output(i));
    }
    check_close(f, "expect.output", model.output(model.size() - 1));
    CHECK(gy.shape() == model.output(model.size() - 1).shape());
    if (gy.shape() != model.output(model.size() - 1).shape()) return;
    const ll::Tensor& dx = model.backward(gy);
    check_close(f, "expect.input.grad", dx);
    check_state(model, f, seen);

    // Every expectation was compared: a parameter or buffer the engine lacks shows up here.
    for (const ll::StoredTensor& t : f.tensors()) {
        if (t.name.compare(0, 7, "expect.") == 0) CHECK_MESSAGE(seen.count(t.name) == 1, "not checked: " << t.name);
    }
}

}  // namespace

TEST_CASE("golden layers: forward, backward and buffers match PyTorch 1.13") {
    const std::vector<GoldenCase> cases = load_manifest();
    REQUIRE(cases.size() > 100);
    for (const GoldenCase& c : cases) {
        SUBCASE(c.name.c_str()) {
            INFO("golden case ", c.name, " (", c.file, "): ", c.model.dump());
            run_case(c);
        }
    }
}

TEST_CASE("golden layers: the manifest covers every layer type") {
    // The types of model.cpp's kLayerTypes; a new type needs a row here and cases in the generator.
    const char* types[] = {"Conv2d", "ConvTranspose2d", "MaxPool2d", "AvgPool2d", "LPPool2d", "AdaptiveAvgPool2d",
                           "BatchNorm2d", "BatchNorm1d", "LayerNorm", "InstanceNorm2d", "GroupNorm",
                           "LocalResponseNorm", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "Softmax",
                           "Linear", "Flatten", "Dropout", "Dropout2d"};
    std::set<std::string> alone, anywhere;  // types with a single-layer case, types in any case
    for (const GoldenCase& c : load_manifest()) {
        const ll::Json* layers = c.model.find("layers");
        REQUIRE(layers);
        for (const ll::Json& l : layers->items()) anywhere.insert(l.find("type")->as_string());
        if (layers->size() == 1) alone.insert((*layers)[0].find("type")->as_string());
    }
    for (const char* t : types) {
        CHECK_MESSAGE(alone.count(t) == 1, t << " has no single-layer golden case");
        anywhere.erase(t);
    }
    for (const std::string& t : anywhere) FAIL_CHECK("the manifest uses " << t << ", missing from this list");
    // And each of them is a type the engine knows: an empty model with it is accepted or rejected by
    // its arguments, never as an unknown type.
    for (const char* t : types) {
        ll::Model m;
        const ll::Status st = ll::Model::from_json(
            lltest::json(std::string(R"({"input_shape": [1], "layers": [{"type": ")") + t + "\"}]}"), m);
        CHECK_MESSAGE(st.message().find("unknown layer type") == std::string::npos, st.message());
    }
}
