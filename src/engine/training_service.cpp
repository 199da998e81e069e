// TrainingService: see training_service.h.
#include "engine/training_service.h"

#include <cmath>

namespace ll {

namespace {

Json num(double v) { return std::isfinite(v) ? Json::number(v) : Json(); }

Json history_json(const RunHistory& h) {
    Json out = Json::array();
    for (const EpochRecord& e : h.epochs) {
        Json r = Json::object();
        r.set("epoch", Json::number(e.epoch));
        r.set("train_loss", num(e.train_loss));
        r.set("train_acc", num(e.train_acc));
        r.set("val_loss", e.has_val ? num(e.val_loss) : Json());
        r.set("val_acc", e.has_val ? num(e.val_acc) : Json());
        out.push(r);
    }
    return out;
}

Json layers_json(const EpochLayerStats& s) {
    Json out = Json::array();
    for (const LayerStats& l : s.layers) {
        Json o = Json::object();
        o.set("layer", Json::number(l.layer));
        o.set("type", Json::string(l.type));
        o.set("has_params", Json::boolean(l.has_params));
        o.set("out_mean", num(l.out_mean));
        o.set("out_std", num(l.out_std));
        if (l.has_params) {
            o.set("zeros", Json::number(double(l.zeros)));
            o.set("near_zero", Json::number(double(l.near_zero)));
            o.set("total", Json::number(double(l.total)));
            o.set("grad_norm", num(l.grad_norm));
            o.set("hist_range", num(l.hist_range));
            Json hist = Json::array();
            for (int64_t c : l.hist) hist.push(Json::number(double(c)));
            o.set("hist", hist);
        }
        out.push(o);
    }
    return out;
}

Json test_json(const EvalReport& t) {
    Json o = Json::object();
    o.set("loss", num(t.loss));
    o.set("acc", num(t.accuracy));
    o.set("count", Json::number(t.count));
    Json conf = Json::array();
    for (int r = 0; r < t.classes; ++r) {
        Json row = Json::array();
        for (int c = 0; c < t.classes; ++c) row.push(Json::number(double(t.confusion[size_t(r) * size_t(t.classes) + size_t(c)])));
        conf.push(row);
    }
    o.set("confusion", conf);
    Json acc = Json::array();
    for (double a : t.class_accuracy) acc.push(num(a));
    o.set("class_acc", acc);
    Json misses = Json::array();
    for (const Misclassified& m : t.misses) {
        Json e = Json::array();
        e.push(Json::number(m.index));
        e.push(Json::number(m.label));
        e.push(Json::number(m.predicted));
        misses.push(e);
    }
    o.set("misses", misses);
    return o;
}

}  // namespace

std::string TrainingService::request_data(const std::string& request_json) {
    Json req;
    if (!parse_json(request_json, req) || !req.is_object()) return "";
    const Json* d = req.find("data");
    return d && d->is_string() ? d->as_string() : "";
}

int TrainingService::request_threads(const std::string& request_json) {
    Json req;
    if (!parse_json(request_json, req) || !req.is_object()) return 1;
    const Json* t = req.find("threads");
    return t && t->is_int() && t->as_int() > 1 ? t->as_int() : 1;
}

Json TrainingService::failure(const std::string& why) {
    failed_ = true;
    error_ = why;
    return message(0.0);
}

Json TrainingService::start(const std::string& request_json, const Dataset& train, const Dataset& test,
                            const TensorFile* initial) {
    started_ = failed_ = stopped_ = false;
    losses_sent_ = stats_sent_ = 0;
    Json req;
    Status st = parse_json(request_json, req);
    if (!st) return failure("the request: " + st.message());
    const Json* model = req.is_object() ? req.find("model") : nullptr;
    const Json* config = req.is_object() ? req.find("config") : nullptr;
    if (!model || !config) return failure("the request needs \"model\" and \"config\"");
    RunConfig cfg;
    if (!(st = RunConfig::from_json(*config, cfg))) return failure("config: " + st.message());
    if (!(st = Model::from_json(*model, model_))) return failure("model: " + st.message());
    if (initial && !(st = load_state(model_, *initial, "the starting weights"))) return failure(st.message());
    if (!(st = run_.start(model_, train, test, cfg))) return failure(st.message());
    started_ = true;
    return message(0.0);
}

bool TrainingService::run(int max_steps) {
    if (ended() || !started_) return false;
    run_.advance(max_steps);
    return !ended();
}

Json TrainingService::message(double images_per_second) {
    Json m = Json::object();
    const char* kind = "progress";
    if (failed_ || (started_ && run_.state() == RunState::Diverged)) kind = "failed";
    else if (stopped_) kind = "stopped";
    else if (started_ && run_.ended()) kind = "done";
    m.set("kind", Json::string(kind));
    if (!started_) {
        m.set("error", Json::string(error_));
        return m;
    }
    const RunHistory& h = run_.history();
    const RunProgress p = run_.progress();
    m.set("state", Json::string(stopped_ ? "stopped" : run_state_name(run_.state())));
    m.set("epoch", Json::number(p.epoch));
    m.set("epochs", Json::number(p.epochs));
    m.set("step", Json::number(double(p.step)));
    m.set("total_steps", Json::number(double(p.total_steps)));
    m.set("images_done", Json::number(p.images_done));
    m.set("images_per_epoch", Json::number(p.images_per_epoch));
    m.set("loss_mean", num(p.loss_mean));
    m.set("images_per_second", num(images_per_second));
    m.set("lr", num(run_.lr()));
    Json losses = Json::array();
    for (size_t i = losses_sent_; i < h.step_loss.size(); ++i) losses.push(num(h.step_loss[i]));
    losses_sent_ = h.step_loss.size();
    m.set("losses", losses);
    m.set("history", history_json(h));
    m.set("best_epoch", Json::number(h.best_epoch));
    if (h.layer_stats.size() > stats_sent_) {
        m.set("layers", layers_json(h.layer_stats.back()));
        m.set("layers_epoch", Json::number(h.layer_stats.back().epoch));
        stats_sent_ = h.layer_stats.size();
    }
    if (std::string(kind) != "progress") {
        m.set("restored_best", Json::boolean(h.restored_best));
        if (h.has_test) m.set("test", test_json(h.test));
        const std::string why = failed_ ? error_ : run_.message();
        if (!why.empty()) m.set(std::string(kind) == "failed" ? "error" : "note", Json::string(why));
    }
    return m;
}

Json TrainingService::stop(double images_per_second) {
    if (started_ && !ended()) stopped_ = true;
    return message(images_per_second);
}

std::string TrainingService::weights() {
    if (!started_) return "";
    TensorFile f;
    save_state(model_, f);
    return f.serialize();
}

}  // namespace ll
