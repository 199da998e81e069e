// RunConfig (engine/run_config.h): the JSON round trip the page's storage and URLs rely on, the
// validation errors naming their key, and the data split rule (seeded, disjoint, sorted, clamped).
#include <algorithm>
#include <cmath>
#include <set>

#include "engine/run_config.h"
#include "tests/test_util.h"

namespace {

ll::RunConfig unusual_config() {
    ll::RunConfig c;
    c.epochs = 7;
    c.batch_size = 33;
    c.optim.name = "sgd";
    c.optim.lr = 0.123f;
    c.optim.momentum = 0.9f;
    c.optim.nesterov = true;
    c.optim.weight_decay = 1e-4f;
    c.optim.beta1 = 0.8f;
    c.schedule = ll::Schedule::Kind::Step;
    c.warmup_steps = 12;
    c.l1 = 3e-5f;
    c.seed = 99;
    c.init = "he";
    c.train_size = 500;
    c.val_size = 100;
    c.patience = 2;
    c.restore_best = true;
    c.test_each_epoch = true;
    return c;
}

ll::Status from_text(const std::string& text, ll::RunConfig& out) { return ll::RunConfig::from_json(lltest::json(text), out); }

}  // namespace

TEST_CASE("RunConfig: JSON round trip keeps every field, NAN defaults as null") {
    const ll::RunConfig c = unusual_config();
    const std::string text = c.to_json().dump();
    ll::RunConfig back;
    REQUIRE(from_text(text, back).is_ok());
    CHECK(back.to_json().dump() == text);
    CHECK(back.optim.lr == c.optim.lr);  // floats survive the %.9g writer exactly
    CHECK(back.l1 == c.l1);
    CHECK(back.seed == 99);
    CHECK(back.schedule == ll::Schedule::Kind::Step);
    CHECK(std::isnan(back.optim.eps));
    CHECK(text.find("\"eps\":null") != std::string::npos);

    ll::RunConfig d;
    REQUIRE(from_text(ll::RunConfig().to_json().dump(), d).is_ok());
    CHECK(d.to_json().dump() == ll::RunConfig().to_json().dump());
}

TEST_CASE("RunConfig: missing keys take the CLI's defaults") {
    ll::RunConfig c;
    REQUIRE(from_text(R"({"epochs": 3, "optimizer": {"name": "sgd"}})", c).is_ok());
    CHECK(c.epochs == 3);
    CHECK(c.batch_size == 64);
    CHECK(c.optim.lr == doctest::Approx(0.01));  // sgd's default rate in `layerlab train`
    CHECK(c.schedule == ll::Schedule::Kind::Cosine);
    REQUIRE(from_text("{}", c).is_ok());
    CHECK(c.optim.name == "adam");
    CHECK(c.optim.lr == doctest::Approx(0.001));
}

TEST_CASE("RunConfig: validation errors name the key and leave the output alone") {
    const struct { const char* text; const char* needle; } cases[] = {
        {R"({"epoch": 3})", "unknown key 'epoch'"},
        {R"({"epochs": 0})", "epochs"},
        {R"({"epochs": 2.5})", "epochs"},
        {R"({"batch_size": "64"})", "batch_size must be a number"},
        {R"({"patience": 2})", "val_size"},
        {R"({"restore_best": true})", "val_size"},
        {R"({"init": "orthogonal"})", "orthogonal"},
        {R"({"schedule": "linear"})", "linear"},
        {R"({"l1": -1})", "l1"},
        {R"({"optimizer": {"name": "lbfgs"}})", "lbfgs"},
        {R"({"optimizer": {"name": "adam", "betas": [0.9]}})", "betas"},
        {R"({"optimizer": {"name": "sgd", "nesterov": true}})", "esterov"},
        {R"({"optimizer": {"lr": 0.1, "momentun": 0.9}})", "optimizer.unknown key 'momentun'"},
        {R"([1])", "object"},
    };
    for (const auto& k : cases) {
        ll::RunConfig c = unusual_config();
        const std::string before = c.to_json().dump();
        const ll::Status st = from_text(k.text, c);
        CAPTURE(k.text);
        REQUIRE_FALSE(st.is_ok());
        CHECK_MESSAGE(st.message().find(k.needle) != std::string::npos, st.message());
        CHECK(c.to_json().dump() == before);
    }
}

TEST_CASE("make_split: seeded, disjoint, sorted; the first val_size of the permutation validate") {
    ll::DataSplit a, b, c;
    REQUIRE(ll::make_split(1000, 300, 200, 5, a).is_ok());
    REQUIRE(ll::make_split(1000, 300, 200, 5, b).is_ok());
    REQUIRE(ll::make_split(1000, 300, 200, 6, c).is_ok());
    CHECK(a.train.size() == 300);
    CHECK(a.val.size() == 200);
    CHECK(a.train == b.train);
    CHECK(a.val == b.val);
    CHECK(a.val != c.val);
    CHECK(std::is_sorted(a.train.begin(), a.train.end()));
    CHECK(std::is_sorted(a.val.begin(), a.val.end()));
    std::set<int> all(a.train.begin(), a.train.end());
    all.insert(a.val.begin(), a.val.end());
    CHECK(all.size() == 500);  // disjoint
    CHECK(*all.begin() >= 0);
    CHECK(*all.rbegin() < 1000);

    // The same permutation whatever train_size: the validation set does not move, training grows.
    ll::DataSplit more;
    REQUIRE(ll::make_split(1000, 600, 200, 5, more).is_ok());
    CHECK(more.val == a.val);
    CHECK(std::includes(more.train.begin(), more.train.end(), a.train.begin(), a.train.end()));
}

TEST_CASE("make_split: everything in order without sizes; clamped; refused when nothing is left") {
    ll::DataSplit s;
    REQUIRE(ll::make_split(10, 0, 0, 3, s).is_ok());
    CHECK(s.train == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(s.val.empty());
    REQUIRE(ll::make_split(10, 50, 4, 3, s).is_ok());
    CHECK(s.train.size() == 6);
    const ll::Status full = ll::make_split(10, 0, 10, 3, s);
    REQUIRE_FALSE(full.is_ok());
    CHECK(full.message().find("leaves none") != std::string::npos);
    CHECK_FALSE(ll::make_split(0, 0, 0, 3, s).is_ok());
}
