// engine/pytorch_export: the scripts are plain strings; their behaviour is tested against torch by
// tests/cli (test_cli.py, train_export.py). Here: what the text must hold, and the refusals.
#include <doctest.h>

#include "engine/json.h"
#include "engine/pytorch_export.h"
#include "test_util.h"

namespace {

const char* const kDropoutModel = R"({"input_shape": [1, 6, 6], "layers": [
    {"type": "Conv2d", "out_channels": 2, "kernel_size": 3}, {"type": "ReLU"}, {"type": "Flatten"},
    {"type": "Dropout", "p": 0.3}, {"type": "Linear", "out_features": 4}]})";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("pytorch_model_script builds the nn.Sequential") {
    ll::Model m;
    lltest::build(kDropoutModel, m);
    std::string s;
    REQUIRE(ll::pytorch_model_script(m, "m.json", "", s));
    CHECK(has(s, "nn.Conv2d(in_channels=1, out_channels=2, kernel_size=3, stride=1, padding=0, dilation=1, groups=1, bias=True),  # 0: -> 2x4x4"));
    CHECK(has(s, "nn.Linear(in_features=32, out_features=4, bias=True),  # 4: -> 4"));
    CHECK_FALSE(has(s, "load_state_dict"));
}

TEST_CASE("pytorch_train_script writes the run's settings as the engine's float32 values") {
    ll::Model m;
    lltest::build(kDropoutModel, m);
    ll::RunConfig c;
    c.optim.name = "sgd";
    c.optim.lr = 0.1f;
    c.optim.momentum = 0.9f;
    c.schedule = ll::Schedule::Kind::Step;
    c.warmup_steps = 4;
    c.seed = 12;
    c.val_size = 10;
    c.patience = 2;
    ll::TrainScriptOptions o;
    o.source_name = "m.json";
    o.data_dir = "/data/it's here";
    o.init_weights = "run.init.safetensors";
    std::string s;
    REQUIRE(ll::pytorch_train_script(m, c, o, s));
    CHECK(has(s, "LR = 0.10000000149011612\n"));  // 0.1f exactly
    CHECK(has(s, "torch.optim.SGD(params, lr=0.10000000149011612, momentum=0.89999997615814209, dampening=0.0, "
                 "weight_decay=0.0, nesterov=False)"));
    CHECK(has(s, "SCHEDULE = 'step'\nWARMUP_STEPS = 4\n"));
    CHECK(has(s, "SEED = 12\n"));
    CHECK(has(s, "PATIENCE = 2\n"));
    CHECK(has(s, "DATA_DIR = \"/data/it's here\"\n"));
    CHECK(has(s, "EngineDropout(p=0.30000001192092896, channelwise=False),  # 3"));
    CHECK(has(s, "SKIP_SINGLE = False"));
    CHECK(has(s, "CLASSES = 4\n"));
    CHECK(has(s, "DistributedDataParallel"));
}

TEST_CASE("pytorch_train_script refuses a config train would refuse") {
    ll::Model m;
    lltest::build(kDropoutModel, m);
    ll::RunConfig c;
    c.patience = 3;  // without a validation set
    std::string s;
    const ll::Status st = ll::pytorch_train_script(m, c, ll::TrainScriptOptions(), s);
    CHECK_FALSE(st);
    CHECK(has(st.message(), "val_size"));
}

TEST_CASE("initial_state_for_export draws the init of TrainingRun::start") {
    ll::Model a, b;
    lltest::build(kDropoutModel, a);
    lltest::build(kDropoutModel, b);
    ll::RunConfig c;
    c.seed = 5;
    REQUIRE(ll::initial_state_for_export(a, c));
    REQUIRE(ll::initial_state_for_export(b, c));
    CHECK(a.params()[0].value->values() == b.params()[0].value->values());
    c.init = "continue";
    const std::vector<float> before = a.params()[0].value->values();
    REQUIRE(ll::initial_state_for_export(a, c));
    CHECK(a.params()[0].value->values() == before);
}
