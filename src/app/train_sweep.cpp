// The bias-and-variance sweep: see train_sweep.h.
#include "app/train_sweep.h"

#include <cmath>

#include "engine/sweep.h"

namespace ll::app {

namespace {
constexpr const char* kStoreSweep = "layerlab.sweep";
}

std::vector<double> TrainSweep::default_values(const std::string& kind) {
    if (kind == "width") return {0.25, 0.5, 1, 2, 4};
    return {250, 500, 1000, 2000, 4000, 8000};
}

Status SweepConfig::from_json(const Json& j, SweepConfig& out) {
    if (!j.is_object()) return Status::error("sweep: expected an object");
    SweepConfig c;
    Json rest = Json::object();
    for (const auto& m : j.members()) {
        if (m.first == "kind") {
            if (!m.second.is_string() || (m.second.as_string() != "train_size" && m.second.as_string() != "width"))
                return Status::error("sweep: kind must be \"train_size\" or \"width\"");
            c.kind = m.second.as_string();
        } else if (m.first == "values") {
            if (!m.second.is_array()) return Status::error("sweep: values must be an array of numbers");
            for (const Json& v : m.second.items()) {
                if (!v.is_number() || !(v.as_number() > 0.0)) return Status::error("sweep: values must be positive numbers");
                c.values.push_back(v.as_number());
            }
        } else {
            rest.set(m.first, m.second);
        }
    }
    LL_TRY(TrainSettings::from_json(rest, c.base));
    if (c.values.empty()) c.values = TrainSweep::default_values(c.kind);
    if (c.values.size() > 12) return Status::error("sweep: at most 12 values");
    out = c;
    return Status::ok();
}

Status TrainSweep::start(const SweepConfig& c) {
    if (active()) return Status::error("a sweep is already running");
    if (c.values.empty()) return Status::error("sweep: no values");
    config = c;
    waiting_for_slot = false;
    points.clear();
    for (double v : c.values) {
        SweepPointState p;
        p.value = v;
        points.push_back(p);
    }
    error.clear();
    state = "running";
    return Status::ok();
}

Status TrainSweep::settings_for(size_t i, TrainSettings& out) const {
    out = config.base;
    if (config.kind == "train_size") {
        out.train_size = int(std::lround(points[i].value));
        return Status::ok();
    }
    Json desc;
    LL_TRY(widen_model(sweep_base_model(), points[i].value, desc));
    out.model = desc.dump();
    return Status::ok();
}

void TrainSweep::cancel(Host& host, TrainingRuns& runs) {
    if (!active()) return;
    for (SweepPointState& p : points) {
        if (p.status == "running" && p.run_id) {
            const Status st = runs.control(host, p.run_id, "stop");
            if (!st) error = st.message();
        }
        if (p.status == "running" || p.status == "waiting") p.status = "cancelled";
    }
    state = "cancelled";
    waiting_for_slot = false;
    save(host);
}

bool TrainSweep::step(Host& host, TrainingRuns& runs, const CurrentNetwork& current) {
    if (!active()) return false;
    bool changed = false;
    for (SweepPointState& p : points) {
        if (p.status != "running") continue;
        TrainRun* r = runs.find(p.run_id);
        if (!r) { p.status = "failed"; changed = true; continue; }
        const double prog = r->epochs > 0 ? (r->epoch + (r->images_per_epoch ? double(r->images_done) / r->images_per_epoch : 0.0)) / r->epochs : 0.0;
        if (std::fabs(prog - p.progress) > 1e-9) { p.progress = std::fmin(1.0, prog); changed = true; }
        if (r->active()) continue;
        changed = true;
        if (r->status != "done" || r->history.empty()) {
            p.status = "failed";
            error = r->error.empty() ? "run " + r->status : r->error;
        } else {
            const TrainEpoch& last = r->history.back();
            p.train_error = 1.0 - last.train_acc;
            p.val_error = last.has_val ? 1.0 - last.val_acc : -1.0;
            p.test_error = r->has_test ? 1.0 - r->test_acc : -1.0;
            p.epochs = int(r->history.size());
            p.progress = 1.0;
            p.status = "done";
        }
        runs.remove(host, p.run_id);  // the point keeps its numbers; the run's slot is free again
    }
    bool running = false;
    for (const SweepPointState& p : points) running = running || p.status == "running";
    if (!running) {
        size_t next = points.size();
        for (size_t i = 0; i < points.size() && next == points.size(); ++i)
            if (points[i].status == "waiting") next = i;
        if (next == points.size()) {
            bool any_failed = false;
            for (const SweepPointState& p : points) any_failed = any_failed || p.status == "failed";
            state = any_failed ? "failed" : "done";
            save(host);
            return true;
        }
        if (!runs.has_free_slot()) {
            changed = changed || !waiting_for_slot;
            waiting_for_slot = true;
            return changed;
        }
        if (waiting_for_slot) changed = true;
        waiting_for_slot = false;
        TrainSettings s;
        Status st = settings_for(next, s);
        int id = 0;
        if (st) st = runs.start(host, s, current, id);
        if (!st) {
            points[next].status = "failed";
            error = st.message();
            state = "failed";
            save(host);
            return true;
        }
        points[next].run_id = id;
        points[next].status = "running";
        changed = true;
        save(host);
    }
    return changed;
}

Json TrainSweep::to_json() const {
    Json j = Json::object();
    j.set("state", Json::string(state));
    j.set("kind", Json::string(config.kind));
    j.set("error", error.empty() ? Json() : Json::string(error));
    j.set("waiting_for_slot", Json::boolean(waiting_for_slot));
    j.set("config", config.base.to_json());
    Json pts = Json::array();
    const auto num = [](double v) { return v >= 0.0 ? Json::number(v) : Json(); };
    for (const SweepPointState& p : points) {
        Json o = Json::object();
        o.set("value", Json::number(p.value));
        o.set("status", Json::string(p.status));
        o.set("train_error", num(p.train_error));
        o.set("val_error", num(p.val_error));
        o.set("test_error", num(p.test_error));
        o.set("epochs", Json::number(p.epochs));
        o.set("progress", Json::number(p.progress));
        pts.push(o);
    }
    j.set("points", pts);
    return j;
}

void TrainSweep::save(Host& host) const { host.storage_set(kStoreSweep, to_json().dump()); }

void TrainSweep::restore(Host& host) {
    Json j;
    if (!parse_json(host.storage_get(kStoreSweep), j) || !j.is_object()) return;
    const Json* kind = j.find("kind");
    const Json* pts = j.find("points");
    const Json* st = j.find("state");
    if (!kind || !kind->is_string() || !pts || !pts->is_array() || !st || !st->is_string()) return;
    config.kind = kind->as_string();
    if (const Json* c = j.find("config"); c && c->is_object()) {
        TrainSettings s;
        if (TrainSettings::from_json(*c, s)) config.base = s;
    }
    if (const Json* e = j.find("error"); e && e->is_string()) error = e->as_string();
    const auto num = [](const Json* v) { return v && v->is_number() ? v->as_number() : -1.0; };
    points.clear();
    config.values.clear();
    for (const Json& o : pts->items()) {
        if (!o.is_object()) continue;
        SweepPointState p;
        p.value = num(o.find("value"));
        const Json* s = o.find("status");
        p.status = s && s->is_string() ? s->as_string() : "waiting";
        p.train_error = num(o.find("train_error"));
        p.val_error = num(o.find("val_error"));
        p.test_error = num(o.find("test_error"));
        p.epochs = int(std::fmax(0.0, num(o.find("epochs"))));
        p.progress = p.status == "done" ? 1.0 : 0.0;
        // A point that was training when the page went away did not finish.
        if (p.status == "running" || p.status == "waiting") p.status = "cancelled";
        points.push_back(p);
        config.values.push_back(p.value);
    }
    state = st->as_string() == "running" ? "interrupted" : st->as_string();
}

}  // namespace ll::app
