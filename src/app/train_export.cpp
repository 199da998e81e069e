#include "app/train_export.h"

#include "engine/data/dataset.h"
#include "engine/model.h"
#include "engine/pytorch_export.h"
#include "engine/run_config.h"
#include "engine/safetensors.h"

namespace ll::app {

Status run_pytorch_files(const TrainRun& r, RunScriptFiles& out) {
    RunConfig cfg;
    LL_TRY(RunConfig::from_json(r.settings.run_config(), cfg));
    Model m;
    LL_TRY(Model::from_json(r.model, m).with_context("model: "));
    if (cfg.init == "continue") {
        if (r.start_weights.empty())
            return Status::error("this run continued from weights the page no longer has: export a run that starts from an initialisation");
        TensorFile f;
        LL_TRY(TensorFile::parse(r.start_weights, f, "the run's starting weights"));
        LL_TRY(load_state(m, f, "the run's starting weights"));
    }
    LL_TRY(initial_state_for_export(m, cfg));
    const std::string stem = "layerlab-run-" + std::to_string(r.id);
    TrainScriptOptions opt;
    opt.source_name = stem + ".json";
    opt.data_name = r.settings.data;
    if (r.settings.data == "fashion-mnist") opt.data_dir = kFashionMnistDir;  // mnist: the script asks for --data
    opt.init_weights = stem + ".init.safetensors";
    opt.history = stem + ".history.json";
    LL_TRY(pytorch_train_script(m, cfg, opt, out.script));
    TensorFile init;
    save_state(m, init);
    out.init = init.serialize();
    out.script_name = stem + ".py";
    out.init_name = opt.init_weights;
    return Status::ok();
}

}  // namespace ll::app
