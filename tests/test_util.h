// Helpers shared by the test suites: the source tree path, random tensors, closeness checks.
#pragma once
#include <doctest.h>

#include <cmath>
#include <string>

#include "engine/json.h"
#include "engine/model.h"
#include "engine/rng.h"
#include "engine/tensor.h"

namespace lltest {

inline std::string source_path(const std::string& rel) { return std::string(LAYERLAB_SOURCE_DIR) + "/" + rel; }

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
