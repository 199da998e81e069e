#include "engine/run_config.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/init.h"
#include "engine/rng.h"

namespace ll {

OptimConfig RunConfig::default_optim() {
    OptimConfig c;
    c.name = "adam";
    c.lr = default_lr(c.name);
    return c;
}

float default_lr(const std::string& optimizer) {
    return optimizer == "sgd" || optimizer == "adagrad" || optimizer == "rmsprop" ? 0.01f : 0.001f;
}

namespace {

// NAN (torch's per-optimizer default) travels as null.
Json nullable(float v) { return std::isnan(v) ? Json() : Json::number(double(v)); }

Json optim_json(const OptimConfig& o) {
    Json j = Json::object();
    j.set("name", Json::string(o.name));
    j.set("lr", Json::number(o.lr));
    j.set("momentum", Json::number(o.momentum));
    j.set("dampening", Json::number(o.dampening));
    j.set("nesterov", Json::boolean(o.nesterov));
    j.set("weight_decay", nullable(o.weight_decay));
    Json betas = Json::array();
    betas.push(Json::number(o.beta1));
    betas.push(Json::number(o.beta2));
    j.set("betas", betas);
    j.set("eps", nullable(o.eps));
    j.set("alpha", Json::number(o.alpha));
    j.set("centered", Json::boolean(o.centered));
    j.set("lr_decay", Json::number(o.lr_decay));
    j.set("initial_accumulator_value", Json::number(o.initial_accumulator_value));
    return j;
}

// Reads an object's keys with kind checks, remembering the first error and which keys were read, so that
// finish() can name a misspelt key (as LayerArgs does for model files). where prefixes messages.
class KeyReader {
public:
    KeyReader(const Json& obj, std::string where) : obj_(obj), where_(std::move(where)) {}
    const Json* get(const char* key, Json::Kind kind, bool nullable = false) {
        used_.push_back(key);
        const Json* v = obj_.find(key);
        if (!v || (nullable && v->is_null())) return nullptr;
        if (v->kind() != kind) {
            error(std::string(key) + " must be " + json_kind_name(kind) + ", got " + json_kind_name(v->kind()));
            return nullptr;
        }
        return v;
    }
    void integer(const char* key, int min_value, int& out) {
        const Json* v = get(key, Json::Kind::Number);
        if (!v) return;
        if (!v->is_int() || v->as_int() < min_value)
            return error(std::string(key) + " must be a whole number of at least " + std::to_string(min_value) + ", got " + v->dump());
        out = v->as_int();
    }
    void number(const char* key, float& out, bool nullable = false) {
        if (nullable && obj_.find(key) && obj_.find(key)->is_null()) {
            used_.push_back(key);
            out = NAN;
            return;
        }
        const Json* v = get(key, Json::Kind::Number);
        if (v) out = float(v->as_number());
    }
    void boolean(const char* key, bool& out) {
        if (const Json* v = get(key, Json::Kind::Bool)) out = v->as_bool();
    }
    void string(const char* key, std::string& out) {
        if (const Json* v = get(key, Json::Kind::String)) out = v->as_string();
    }
    void error(const std::string& msg) {
        if (status_) status_ = Status::error(where_ + msg);
    }
    Status finish() {
        if (!status_) return status_;
        for (const auto& m : obj_.members())
            if (std::find(used_.begin(), used_.end(), m.first) == used_.end())
                return Status::error(where_ + "unknown key '" + m.first + "'");
        return status_;
    }

private:
    const Json& obj_;
    std::string where_;
    std::vector<std::string> used_;
    Status status_ = Status::ok();
};

Status optim_from_json(const Json& j, OptimConfig& o) {
    if (!j.is_object()) return Status::error("run config: optimizer must be an object, got " + std::string(json_kind_name(j.kind())));
    KeyReader r(j, "run config: optimizer.");
    r.string("name", o.name);
    o.lr = default_lr(o.name);
    r.number("lr", o.lr);
    r.number("momentum", o.momentum);
    r.number("dampening", o.dampening);
    r.boolean("nesterov", o.nesterov);
    r.number("weight_decay", o.weight_decay, true);
    if (const Json* b = r.get("betas", Json::Kind::Array)) {
        if (b->size() != 2 || !(*b)[0].is_number() || !(*b)[1].is_number()) r.error("betas must be a list of two numbers");
        else o.beta1 = float((*b)[0].as_number()), o.beta2 = float((*b)[1].as_number());
    }
    r.number("eps", o.eps, true);
    r.number("alpha", o.alpha);
    r.boolean("centered", o.centered);
    r.number("lr_decay", o.lr_decay);
    r.number("initial_accumulator_value", o.initial_accumulator_value);
    return r.finish();
}

}  // namespace

Json RunConfig::to_json() const {
    Json j = Json::object();
    j.set("epochs", Json::number(epochs));
    j.set("batch_size", Json::number(batch_size));
    j.set("optimizer", optim_json(optim));
    j.set("schedule", Json::string(schedule_kind_name(schedule)));
    j.set("warmup_steps", Json::number(double(warmup_steps)));
    j.set("l1", Json::number(l1));
    j.set("seed", Json::number(double(seed)));
    j.set("init", Json::string(init));
    j.set("train_size", Json::number(train_size));
    j.set("val_size", Json::number(val_size));
    j.set("patience", Json::number(patience));
    j.set("restore_best", Json::boolean(restore_best));
    j.set("test_each_epoch", Json::boolean(test_each_epoch));
    return j;
}

Status RunConfig::from_json(const Json& j, RunConfig& out) {
    if (!j.is_object()) return Status::error("run config must be an object, got " + std::string(json_kind_name(j.kind())));
    RunConfig c;
    KeyReader r(j, "run config: ");
    r.integer("epochs", 1, c.epochs);
    r.integer("batch_size", 1, c.batch_size);
    if (const Json* o = r.get("optimizer", Json::Kind::Object)) LL_TRY(optim_from_json(*o, c.optim));
    std::string schedule = schedule_kind_name(c.schedule);
    r.string("schedule", schedule);
    int warmup = 0, seed = 0;
    r.integer("warmup_steps", 0, warmup);
    r.number("l1", c.l1);
    r.integer("seed", 0, seed);
    r.string("init", c.init);
    r.integer("train_size", 0, c.train_size);
    r.integer("val_size", 0, c.val_size);
    r.integer("patience", 0, c.patience);
    r.boolean("restore_best", c.restore_best);
    r.boolean("test_each_epoch", c.test_each_epoch);
    LL_TRY(r.finish());
    LL_TRY(parse_schedule_kind(schedule, c.schedule).with_context("run config: schedule: "));
    c.warmup_steps = warmup;
    c.seed = uint64_t(seed);
    LL_TRY(check_run_config(c).with_context("run config: "));
    out = c;
    return Status::ok();
}

Status check_run_config(const RunConfig& c) {
    if (c.epochs < 1) return Status::error("epochs must be at least 1, got " + std::to_string(c.epochs));
    if (c.batch_size < 1) return Status::error("batch_size must be at least 1, got " + std::to_string(c.batch_size));
    if (c.warmup_steps < 0) return Status::error("warmup_steps must be at least 0");
    if (!std::isfinite(c.l1) || c.l1 < 0.0f) return Status::error("l1 must be a finite number >= 0, got " + std::to_string(c.l1));
    if (c.train_size < 0 || c.val_size < 0) return Status::error("train_size and val_size must be at least 0 (0: all / none)");
    if (c.patience < 0) return Status::error("patience must be at least 0 (0: off)");
    if (c.init != "continue") {
        InitKind kind;
        LL_TRY(parse_init_kind(c.init, kind).with_context("init: "));
    }
    if (c.patience > 0 && c.val_size == 0)
        return Status::error("patience " + std::to_string(c.patience) + " watches the validation loss: set val_size too");
    if (c.restore_best && c.val_size == 0)
        return Status::error("restore_best keeps the epoch of the lowest validation loss: set val_size too");
    return check_optim_config(c.optim);
}

Status make_split(int n, int train_size, int val_size, uint64_t seed, DataSplit& out) {
    if (n <= 0) return Status::error("the training set has no images");
    if (val_size >= n)
        return Status::error("a validation set of " + std::to_string(val_size) + " leaves none of the " + std::to_string(n) +
                             " training images to train on");
    std::vector<int> perm(static_cast<size_t>(n));
    std::iota(perm.begin(), perm.end(), 0);
    // The same Fisher-Yates as BatchSampler, on its own stream so the split never shifts the batch order.
    Rng rng(split_seed(seed));
    for (int i = n - 1; i > 0; --i) std::swap(perm[size_t(i)], perm[rng.below(uint32_t(i + 1))]);
    const int rest = n - val_size;
    const int count = train_size > 0 ? std::min(train_size, rest) : rest;
    out.val.assign(perm.begin(), perm.begin() + val_size);
    out.train.assign(perm.begin() + val_size, perm.begin() + val_size + count);
    std::sort(out.val.begin(), out.val.end());
    std::sort(out.train.begin(), out.train.end());
    return Status::ok();
}

}  // namespace ll
