// Helpers shared by the test suites: the source tree path, models from text and their build errors,
// random tensors, bit-for-bit and closeness checks.
#pragma once
#include <doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "engine/json.h"
#include "engine/model.h"
#include "engine/rng.h"
#include "engine/tensor.h"

namespace lltest {

inline std::string source_path(const std::string& rel) { return std::string(LAYERLAB_SOURCE_DIR) + "/" + rel; }

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

inline ll::Tensor randn(const ll::Shape& s, ll::Rng& rng, float scale = 1.0f) {
    ll::Tensor t(s);
    for (size_t i = 0; i < t.numel(); ++i) t[i] = scale * rng.normal();
    return t;
}

inline ll::Json json(const std::string& text) {
    ll::Json j;
    ll::Status st = ll::parse_json(text, j);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    return j;
}

// A model from JSON text, configured; fails the test with the engine's message if it cannot be built.
inline void build(const std::string& text, ll::Model& m) {
    ll::Status st = ll::Model::from_json(json(text), m);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
}

// {"input_shape": in_shape, "layers": [layers]} as text.
inline std::string model_text(const std::string& in_shape, const std::string& layers) {
    return R"({"input_shape": )" + in_shape + R"(, "layers": [)" + layers + "]}";
}

// The message of a model that should fail to build, or "(no error)" when it builds.
inline std::string build_error(const std::string& in_shape, const std::string& layers) {
    ll::Model m;
    const ll::Status st = ll::Model::from_json(json(model_text(in_shape, layers)), m);
    return st ? std::string("(no error)") : st.message();
}

// n values uniform in [-1, 1).
inline std::vector<float> random_vec(size_t n, ll::Rng& rng) {
    std::vector<float> v(n);
    for (float& x : v) x = rng.uniform(-1.0f, 1.0f);
    return v;
}

// Bit-for-bit equality (NaN equals the same NaN, 0 differs from -0), the same-seed tests' criterion.
inline bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}
inline bool same_bits(const ll::Tensor& a, const ll::Tensor& b) {
    return a.shape() == b.shape() && (a.numel() == 0 || std::memcmp(a.data(), b.data(), a.numel() * sizeof(float)) == 0);
}

// Largest |a - b| / (atol + rtol * |b|); <= 1 means close.
inline double closeness(const ll::Tensor& a, const ll::Tensor& b, double atol = 1e-5, double rtol = 1e-4) {
    REQUIRE(a.shape() == b.shape());
    double worst = 0.0;
    for (size_t i = 0; i < a.numel(); ++i) {
        const double d = std::fabs(double(a[i]) - double(b[i])) / (atol + rtol * std::fabs(double(b[i])));
        if (!(d <= worst)) worst = d;  // NaN propagates as failure
    }
    return worst;
}

}  // namespace lltest
