#include "engine/layers/layer.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ll {

namespace {

// The shortest decimal that reads back as the same float, as a double: 1e-5f is written "1e-05",
// not "9.99999975e-06", when a model is saved.
double shortest_decimal(float v) {
    char buf[32];
    for (int digits = 6; digits <= 9; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, double(v));
        if (std::strtof(buf, nullptr) == v) break;
    }
    return std::strtod(buf, nullptr);
}

}  // namespace

const Json* LayerArgs::lookup(const char* key) {
    used_.emplace_back(key);
    return obj_.find(key);
}

int LayerArgs::get_int(const char* key, int def, int min_value, int max_value) {
    const Json* v = lookup(key);
    int out = def;
    if (v) {
        if (!v->is_int()) error(std::string("argument '") + key + "' must be a whole number, got " + v->dump());
        else out = v->as_int();
    }
    if (out < min_value) {
        error(std::string("argument '") + key + "' must be at least " + std::to_string(min_value) + ", got " +
              std::to_string(out));
    }
    if (out > max_value) {
        error(std::string("argument '") + key + "' must be at most " + std::to_string(max_value) + ", got " +
              std::to_string(out));
    }
    canonical_.set(key, Json::number(out));
    return out;
}

int LayerArgs::require_int(const char* key, int min_value, int max_value) {
    if (!obj_.find(key)) error(std::string("missing argument '") + key + "'");
    return get_int(key, min_value, min_value, max_value);
}

void LayerArgs::get_pair(const char* key, int def, int out[2], int min_value, int max_value) {
    const int d[2] = {def, def};
    get_pair(key, d, out, min_value, max_value);
}

void LayerArgs::get_pair(const char* key, const int def[2], int out[2], int min_value, int max_value) {
    const Json* v = lookup(key);
    out[0] = def[0];
    out[1] = def[1];
    if (v) {
        if (v->is_int()) {
            out[0] = out[1] = v->as_int();
        } else if (v->is_array() && v->size() == 2 && (*v)[0].is_int() && (*v)[1].is_int()) {
            out[0] = (*v)[0].as_int();
            out[1] = (*v)[1].as_int();
        } else {
            error(std::string("argument '") + key + "' must be a whole number or [h, w], got " + v->dump());
        }
    }
    if (out[0] < min_value || out[1] < min_value) {
        error(std::string("argument '") + key + "' must be at least " + std::to_string(min_value));
    }
    if (out[0] > max_value || out[1] > max_value) {
        error(std::string("argument '") + key + "' must be at most " + std::to_string(max_value) + ", got " +
              std::to_string(std::max(out[0], out[1])));
    }
    if (out[0] == out[1]) {
        canonical_.set(key, Json::number(out[0]));
    } else {
        Json a = Json::array();
        a.push(Json::number(out[0]));
        a.push(Json::number(out[1]));
        canonical_.set(key, a);
    }
}

float LayerArgs::get_float(const char* key, float def) {
    const Json* v = lookup(key);
    float out = def;
    if (v) {
        if (!v->is_number()) {
            error(std::string("argument '") + key + "' must be a number, got " + v->dump());
        } else if (!std::isfinite(float(v->as_number()))) {
            // Also catches 1e39, finite as a double but inf as the float the layer keeps.
            error(std::string("argument '") + key + "' must be a finite number, got " +
                  (std::isnan(v->as_number()) ? "nan" : std::isfinite(v->as_number()) ? "a value beyond float range" : "infinity"));
        } else {
            out = float(v->as_number());
        }
    }
    canonical_.set(key, Json::number(shortest_decimal(out)));
    return out;
}

bool LayerArgs::get_null_or_float(const char* key, float def, float& out) {
    const Json* v = obj_.find(key);
    if (v && v->is_null()) {
        used_.emplace_back(key);
        canonical_.set(key, Json());
        out = def;
        return true;
    }
    out = get_float(key, def);
    return false;
}

bool LayerArgs::get_bool(const char* key, bool def) {
    const Json* v = lookup(key);
    bool out = def;
    if (v) {
        if (!v->is_bool()) error(std::string("argument '") + key + "' must be true or false, got " + v->dump());
        else out = v->as_bool();
    }
    canonical_.set(key, Json::boolean(out));
    return out;
}

Status LayerArgs::finish() {
    if (!status_) return status_;
    for (const auto& m : obj_.members()) {
        if (std::find(used_.begin(), used_.end(), m.first) == used_.end())
            return Status::error("unknown argument '" + m.first + "'");
    }
    return Status::ok();
}

int64_t Layer::param_count() {
    int64_t n = 0;
    for (const ParamRef& p : params()) n += int64_t(p.value->numel());
    return n;
}

int64_t Layer::batch_bytes(int n) const {
    return int64_t(n) * 4 * (int64_t(shape_numel(in_shape_)) + 2 * int64_t(shape_numel(out_shape_)));
}

Status Layer::reserve(const char* what, std::initializer_list<int64_t> dims, int copies, int elem_bytes) {
    // Every product saturates well below int64's limit: dims are ints, at most a few of them.
    constexpr int64_t kHuge = int64_t(1) << 60;
    int64_t numel = 1;
    std::string shape;
    for (int64_t d : dims) {
        numel = (d > 0 && numel > kHuge / d) ? kHuge : numel * d;
        shape += (shape.empty() ? "" : "x") + std::to_string(d);
    }
    const int64_t bytes = numel > kHuge / (int64_t(copies) * elem_bytes) ? kHuge : numel * copies * elem_bytes;
    const std::string label = std::string(what) + " " + shape;
    if (bytes > limit_.bytes - used_before_ - reserved_bytes_)
        return Status::error(label + " needs " + bytes_str(bytes) + (copies == 2 ? " with its gradient" : "") +
                             memory_limit_note(limit_, used_before_ + reserved_bytes_));
    if (numel > int64_t(INT32_MAX))
        return Status::error(label + " has " + std::to_string(numel) + " elements; a tensor holds fewer than 2^31");
    reserved_bytes_ += bytes;
    return Status::ok();
}

std::string memory_limit_note(const MemoryLimit& limit, int64_t used) {
    return "; the model may use at most " + bytes_str(limit.bytes) +
           (used > 0 ? " and already holds " + bytes_str(used) : std::string()) +
           (limit.hint.empty() ? std::string() : " (" + limit.hint + ")");
}

std::string bytes_str(int64_t bytes) {
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 6) {
        v /= 1024.0;
        ++u;
    }
    char buf[48];
    if (u == 0) std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
    else std::snprintf(buf, sizeof buf, "%.*f %s", v < 10.0 ? 1 : 0, v, units[u]);
    return buf;
}

void Layer::zero_grad() {
    for (const ParamRef& p : params()) p.grad->zero();
}

Status expect_image(const Shape& in, const char* what) {
    if (in.size() != 3) {
        return Status::error(std::string(what) + " needs a C x H x W input, got " + shape_str(in) +
                             (in.size() == 1 ? " (it comes after a Flatten or Linear; move it before them)" : ""));
    }
    return Status::ok();
}

Shape batch_shape(int n, const Shape& sample) {
    Shape s;
    s.reserve(sample.size() + 1);
    s.push_back(n);
    s.insert(s.end(), sample.begin(), sample.end());
    return s;
}

void resize_to(Tensor& t, std::initializer_list<int> dims) {
    const Shape& s = t.shape();
    if (s.size() == dims.size() && std::equal(dims.begin(), dims.end(), s.begin())) return;
    t.resize(Shape(dims));
}

std::string pair_str(const int v[2], bool squash) {
    if (squash && v[0] == v[1]) return std::to_string(v[0]);
    return std::to_string(v[0]) + "x" + std::to_string(v[1]);
}

}  // namespace ll
