// Optimizers: every step of every golden case written by tools/make_golden_optim.py (torch.optim 1.13),
// parameters and state; hand-computed steps (the convnetjs lesson: an untested Adam hides bugs);
// config errors; lazy state, set_lr, L1.
#include <set>

#include "engine/io.h"
#include "engine/optim.h"
#include "engine/safetensors.h"
#include "tests/test_util.h"

namespace {

// Parameters and gradients held like a layer holds them.
struct ParamSet {
    std::vector<ll::Tensor> value, grad;
    std::vector<ll::ParamRef> refs() {
        std::vector<ll::ParamRef> r;
        for (size_t k = 0; k < value.size(); ++k) r.push_back({"p" + std::to_string(k), &value[k], &grad[k]});
        return r;
    }
};

ll::Tensor get(const ll::TensorFile& f, const std::string& key) {
    ll::Tensor t;
    ll::Status st = f.get(key, t);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    return t;
}

ll::OptimConfig config_from_json(const ll::Json& j) {
    ll::OptimConfig c;
    for (const auto& m : j.members()) {
        const std::string& k = m.first;
        const ll::Json& v = m.second;
        const float f = float(v.as_number());
        if (k == "name") c.name = v.as_string();
        else if (k == "lr") c.lr = f;
        else if (k == "momentum") c.momentum = f;
        else if (k == "dampening") c.dampening = f;
        else if (k == "nesterov") c.nesterov = v.as_bool();
        else if (k == "weight_decay") c.weight_decay = f;
        else if (k == "beta1") c.beta1 = f;
        else if (k == "beta2") c.beta2 = f;
        else if (k == "eps") c.eps = f;
        else if (k == "alpha") c.alpha = f;
        else if (k == "centered") c.centered = v.as_bool();
        else if (k == "lr_decay") c.lr_decay = f;
        else if (k == "initial_accumulator_value") c.initial_accumulator_value = f;
        else FAIL("unknown config field in cases.json: " << k);
    }
    return c;
}

// State names torch saved for parameter k ("p0.exp_avg.1" -> "exp_avg").
std::set<std::string> golden_state_names(const ll::TensorFile& f, int k) {
    std::set<std::string> names;
    const std::string pre = "p" + std::to_string(k) + ".";
    for (const ll::StoredTensor& t : f.tensors()) {
        if (t.name.compare(0, pre.size(), pre) != 0) continue;
        const std::string rest = t.name.substr(pre.size());
        const std::string name = rest.substr(0, rest.find('.'));
        if (name != "init" && name != "grad" && name != "step") names.insert(name);
    }
    return names;
}

void run_golden_case(const ll::Json& c) {
    const std::string name = c.find("name")->as_string();
    INFO("case " << name);
    ll::TensorFile f;
    ll::Status st = ll::read_tensor_file(lltest::source_path("tests/golden/optim/" + c.find("file")->as_string()), f);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    const ll::OptimConfig cfg = config_from_json(*c.find("config"));
    REQUIRE_MESSAGE(ll::check_optim_config(cfg).is_ok(), ll::check_optim_config(cfg).message());
    std::unique_ptr<ll::Optimizer> opt = ll::make_optimizer(cfg);
    ParamSet ps;
    for (int k = 0; k < 2; ++k) {
        ps.value.push_back(get(f, "p" + std::to_string(k) + ".init"));
        ps.grad.push_back(ll::Tensor(ps.value.back().shape()));
    }
    const int steps = c.find("steps")->as_int();
    for (int s = 1; s <= steps; ++s) {
        INFO("step " << s);
        for (int k = 0; k < 2; ++k) ps.grad[size_t(k)] = get(f, "p" + std::to_string(k) + ".grad." + std::to_string(s));
        const ll::Tensor grad0 = ps.grad[0];
        opt->step(ps.refs());
        CHECK(opt->steps() == s);
        CHECK(ps.grad[0].values() == grad0.values());  // p.grad is read, never changed
        // ATen fuses add(alpha=...) into an FMA; the engine does not: a few ulps, well inside 1e-5.
        for (int k = 0; k < 2; ++k) {
            const std::string pk = "p" + std::to_string(k) + ".", sfx = "." + std::to_string(s);
            const ll::Tensor want = get(f, pk + "step" + sfx);
            CHECK_MESSAGE(lltest::closeness(ps.value[size_t(k)], want, 1e-6, 1e-5) <= 1.0, pk << "step" << sfx);
            std::set<std::string> ours;
            for (const auto& kv : opt->state(size_t(k))) {
                ours.insert(kv.first);
                const ll::Tensor want_state = get(f, pk + kv.first + sfx);
                CHECK_MESSAGE(lltest::closeness(*kv.second, want_state, 1e-6, 1e-5) <= 1.0, pk << kv.first << sfx);
            }
            CHECK(ours == golden_state_names(f, k));
        }
    }
}

}  // namespace

TEST_CASE("optimizers match torch.optim 1.13 step by step (golden files)") {
    std::string text;
    ll::Status st = ll::read_file(lltest::source_path("tests/golden/optim/cases.json"), text);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    const ll::Json manifest = lltest::json(text);
    const ll::Json* cases = manifest.find("cases");
    REQUIRE(cases);
    CHECK(cases->size() >= 16);
    std::set<std::string> kinds;
    for (const ll::Json& c : cases->items()) {
        kinds.insert(c.find("config")->find("name")->as_string());
        run_golden_case(c);
    }
    CHECK(kinds == std::set<std::string>{"sgd", "adagrad", "rmsprop", "adam", "adamw"});
}

TEST_CASE("SGD momentum by hand: the first step copies the gradient, even with dampening") {
    ll::OptimConfig c;
    c.lr = 0.1f;
    c.momentum = 0.9f;
    c.dampening = 0.5f;
    auto opt = ll::make_optimizer(c);
    ParamSet ps{{ll::Tensor({1}, 1.0f)}, {ll::Tensor({1}, 1.0f)}};
    CHECK(opt->state(0).empty());  // lazily created
    opt->step(ps.refs());
    // buf = g = 1 (not (1 - dampening) * g);  p = 1 - 0.1 * 1
    CHECK(ps.value[0][0] == doctest::Approx(0.9f));
    opt->step(ps.refs());
    // buf = 0.9 * 1 + 0.5 * 1 = 1.4;  p = 0.9 - 0.14
    CHECK(ps.value[0][0] == doctest::Approx(0.76f));
    REQUIRE(opt->state(0).size() == 1);
    CHECK(opt->state(0)[0].first == "momentum_buffer");
    CHECK((*opt->state(0)[0].second)[0] == doctest::Approx(1.4f));
}

TEST_CASE("Adam by hand: bias corrections and eps outside them") {
    ll::OptimConfig c;
    c.name = "adam";
    c.lr = 0.1f;
    auto opt = ll::make_optimizer(c);
    ParamSet ps{{ll::Tensor({1}, 1.0f)}, {ll::Tensor({1}, 0.5f)}};
    opt->step(ps.refs());
    // m = 0.1*0.5 = 0.05, v = 0.001*0.25 = 0.00025; bc1 = 0.1, bc2 = 0.001
    // p = 1 - (0.1/0.1) * 0.05 / (sqrt(0.00025)/sqrt(0.001) + 1e-8) = 1 - 0.05/0.5 = 0.9
    CHECK(ps.value[0][0] == doctest::Approx(0.9).epsilon(1e-6));
    ps.grad[0][0] = -1.0f;
    opt->step(ps.refs());
    // m = 0.9*0.05 - 0.1 = -0.055; v = 0.999*0.00025 + 0.001 = 0.00124975; bc1 = 0.19, bc2 = 0.001999
    // p = 0.9 + (0.1/0.19) * 0.055 / (sqrt(0.00124975)/sqrt(0.001999))
    //   = 0.9 + 0.52631579 * 0.055 / 0.79068805 = 0.93661035
    CHECK(ps.value[0][0] == doctest::Approx(0.93661035).epsilon(1e-6));
    const auto st = opt->state(0);
    REQUIRE(st.size() == 2);
    CHECK(st[0].first == "exp_avg");
    CHECK((*st[0].second)[0] == doctest::Approx(-0.055).epsilon(1e-6));
    CHECK(st[1].first == "exp_avg_sq");
    CHECK((*st[1].second)[0] == doctest::Approx(0.00124975).epsilon(1e-6));
    CHECK(opt->steps() == 2);
}

TEST_CASE("AdamW by hand: decoupled decay shrinks p before the Adam step") {
    ll::OptimConfig c;
    c.name = "adamw";
    c.lr = 0.1f;
    c.weight_decay = 0.5f;
    auto opt = ll::make_optimizer(c);
    ParamSet ps{{ll::Tensor({1}, 1.0f)}, {ll::Tensor({1}, 0.5f)}};
    opt->step(ps.refs());
    // p = 1 * (1 - 0.1*0.5) = 0.95, then - 0.1 * 0.5/0.5 = 0.85
    CHECK(ps.value[0][0] == doctest::Approx(0.85).epsilon(1e-6));
    CHECK(ll::resolve_optim_defaults(ll::OptimConfig{"adamw"}).weight_decay == doctest::Approx(0.01f));
}

TEST_CASE("Adagrad by hand: lr_decay divides the lr by 1 + (step-1)*lr_decay") {
    ll::OptimConfig c;
    c.name = "adagrad";
    c.lr = 1.0f;
    c.lr_decay = 1.0f;
    auto opt = ll::make_optimizer(c);
    CHECK(opt->config().eps == doctest::Approx(1e-10f));
    ParamSet ps{{ll::Tensor({1}, 0.0f)}, {ll::Tensor({1}, 2.0f)}};
    opt->step(ps.refs());  // sum = 4, p = 0 - 1 * 2/2 = -1
    CHECK(ps.value[0][0] == doctest::Approx(-1.0).epsilon(1e-6));
    opt->step(ps.refs());  // clr = 1/2, sum = 8, p = -1 - 0.5*2/sqrt(8)
    CHECK(ps.value[0][0] == doctest::Approx(-1.0 - 1.0 / std::sqrt(8.0)).epsilon(1e-6));
}

TEST_CASE("RMSprop state lists only the buffers its options create") {
    ll::OptimConfig c;
    c.name = "rmsprop";
    ParamSet ps{{ll::Tensor({2}, 1.0f)}, {ll::Tensor({2}, 0.5f)}};
    auto plain = ll::make_optimizer(c);
    plain->step(ps.refs());
    CHECK(plain->state(0).size() == 1);
    c.momentum = 0.9f;
    c.centered = true;
    auto full = ll::make_optimizer(c);
    full->step(ps.refs());
    const auto st = full->state(0);
    REQUIRE(st.size() == 3);
    CHECK(st[0].first == "square_avg");
    CHECK(st[1].first == "momentum_buffer");
    CHECK(st[2].first == "grad_avg");
    CHECK(full->state(1).empty());  // no such parameter
}

TEST_CASE("set_lr takes effect on the next step; SGD without momentum keeps no state") {
    ll::OptimConfig c;
    c.lr = 0.1f;
    auto opt = ll::make_optimizer(c);
    CHECK(std::string(opt->name()) == "SGD");
    ParamSet ps{{ll::Tensor({1}, 1.0f)}, {ll::Tensor({1}, 1.0f)}};
    opt->step(ps.refs());
    CHECK(ps.value[0][0] == doctest::Approx(0.9f));
    opt->set_lr(0.5f);
    CHECK(opt->lr() == 0.5f);
    opt->step(ps.refs());
    CHECK(ps.value[0][0] == doctest::Approx(0.4f));
    CHECK(opt->state(0).empty());
}

TEST_CASE("add_l1 adds l1 * sign(w), sign(0) = 0") {
    ParamSet ps{{ll::Tensor({3}, {-2.0f, 0.0f, 3.0f})}, {ll::Tensor({3}, {1.0f, 1.0f, 1.0f})}};
    ll::add_l1(ps.refs(), 0.25f);
    CHECK(ps.grad[0][0] == 0.75f);
    CHECK(ps.grad[0][1] == 1.0f);
    CHECK(ps.grad[0][2] == 1.25f);
}

TEST_CASE("check_optim_config rejects what torch rejects") {
    auto err = [](ll::OptimConfig c, const char* needle) {
        const ll::Status st = ll::check_optim_config(c);
        CHECK_FALSE(st.is_ok());
        CHECK_MESSAGE(st.message().find(needle) != std::string::npos, st.message());
    };
    for (const char* n : {"sgd", "adagrad", "rmsprop", "adam", "adamw"}) {
        ll::OptimConfig ok;
        ok.name = n;
        CHECK(ll::check_optim_config(ok).is_ok());
    }
    ll::OptimConfig c;
    c.name = "adamax";
    err(c, "unknown optimizer");
    c = {};
    c.lr = -0.1f;
    err(c, "lr");
    c.lr = NAN;
    err(c, "lr");
    c = {};
    c.nesterov = true;
    err(c, "Nesterov");  // no momentum
    c.momentum = 0.9f;
    c.dampening = 0.1f;
    err(c, "Nesterov");  // dampening
    c.dampening = 0.0f;
    CHECK(ll::check_optim_config(c).is_ok());
    c = {};
    c.momentum = -0.5f;
    err(c, "momentum");
    c = {};
    c.weight_decay = -1.0f;
    err(c, "weight_decay");
    c = {};
    c.name = "adam";
    c.beta1 = 1.0f;
    err(c, "beta1");
    c.beta1 = 0.9f;
    c.beta2 = -0.1f;
    err(c, "beta2");
    c.beta2 = 0.999f;
    c.eps = -1e-8f;
    err(c, "eps");
    c = {};
    c.name = "rmsprop";
    c.alpha = -0.5f;
    err(c, "alpha");
    c = {};
    c.name = "adagrad";
    c.lr_decay = -1.0f;
    err(c, "lr_decay");
    c.lr_decay = 0.0f;
    c.initial_accumulator_value = -1.0f;
    err(c, "initial_accumulator_value");
}
