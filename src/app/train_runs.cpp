// The Training lab's runs: see train_runs.h.
#include "app/train_runs.h"

#include <algorithm>
#include <cmath>

#include "app/panels/network.h"
#include "engine/parallel.h"
#include "engine/reference_models.h"
#include "engine/run_config.h"
#include "engine/safetensors.h"

namespace ll::app {

namespace {

// A page runs in a 32-bit WebAssembly memory shared with the UI: a run whose parameters, optimizer
// state and batch activations would pass this is refused before it starts.
constexpr double kMaxRunBytes = 1024.0 * 1024.0 * 1024.0;

struct Key {
    const char* name;
    enum { Str, Int, Num, Bool } kind;
};
const Key kKeys[] = {{"model", Key::Str},       {"data", Key::Str},        {"trainSize", Key::Int},  {"valSize", Key::Int},
                     {"epochs", Key::Int},      {"batchSize", Key::Int},   {"optimizer", Key::Str},  {"lr", Key::Num},
                     {"momentum", Key::Num},    {"nesterov", Key::Bool},   {"weightDecay", Key::Num}, {"l1", Key::Num},
                     {"schedule", Key::Str},    {"warmup", Key::Int},      {"seed", Key::Int},       {"patience", Key::Int},
                     {"restoreBest", Key::Bool}, {"init", Key::Str},    {"threads", Key::Int}};

double num_or(const Json* j, double d) { return j && j->is_number() ? j->as_number() : d; }

// The model JSON a settings.model names, and the weights to continue from (a trained preset or the
// Network lab's network, when init is "continue").
Status resolve_model(const TrainSettings& s, const CurrentNetwork& current, Json& desc, std::string& weights) {
    weights.clear();
    if (s.model == "current") {
        if (!current.desc.is_object()) return Status::error("model \"current\": the Network lab has no network yet");
        desc = current.desc;
        if (s.init == "continue") weights = current.weights;
        return Status::ok();
    }
    if (!s.model.empty() && s.model[0] == '{') return parse_json(s.model, desc).with_context("model: ");  // a model JSON itself
    const std::string ref = reference_model_json(s.model);
    if (!ref.empty()) {
        if (s.init == "continue") return Status::error("init \"continue\" needs weights: model \"" + s.model + "\" has none");
        return parse_json(ref, desc);
    }
    const std::vector<std::string>& presets = network_preset_names();
    if (std::find(presets.begin(), presets.end(), s.model) == presets.end()) {
        std::string known = "tiny, standard, tiny-nobn, standard-nobn, current";
        for (const std::string& p : presets) known += ", " + p;
        return Status::error("unknown model \"" + s.model + "\" (" + known + ")");
    }
    Model m;
    LL_TRY(network_preset(s.model, desc, m));
    if (s.init == "continue") {
        TensorFile f;
        save_state(m, f);
        weights = f.serialize();
    }
    return Status::ok();
}

// Parameters (with two optimizer moments and the gradient) and every layer's output, its gradient and
// a cache, for one batch: what a run holds while it trains, in bytes.
double run_bytes(const Model& m, int batch) {
    double values = 0.0;
    for (const ParamRef& p : const_cast<Model&>(m).params()) values += 4.0 * double(p.value->numel());
    for (size_t i = 0; i < m.size(); ++i) {
        double n = 1.0;
        for (int d : m.layer(i).out_shape()) n *= double(d);
        values += 3.0 * n * double(batch);
    }
    return values * 4.0;
}

// The epochs as the automation API names them (camel: trainLoss) or as the worker's messages do
// (train_loss, which is also how a run is kept in storage).
Json history_json(const std::vector<TrainEpoch>& history, bool camel) {
    Json h = Json::array();
    for (const TrainEpoch& e : history) {
        Json o = Json::object();
        o.set("epoch", Json::number(e.epoch));
        o.set(camel ? "trainLoss" : "train_loss", Json::number(e.train_loss));
        o.set(camel ? "trainAcc" : "train_acc", Json::number(e.train_acc));
        o.set(camel ? "valLoss" : "val_loss", e.has_val ? Json::number(e.val_loss) : Json());
        o.set(camel ? "valAcc" : "val_acc", e.has_val ? Json::number(e.val_acc) : Json());
        h.push(o);
    }
    return h;
}

Json confusion_json(const TrainRun& r) {
    Json conf = Json::array();
    for (int a = 0; a < r.classes; ++a) {
        Json row = Json::array();
        for (int b = 0; b < r.classes; ++b) row.push(Json::number(double(r.confusion[size_t(a * r.classes + b)])));
        conf.push(row);
    }
    return conf;
}

}  // namespace

// ---- Settings ----

float TrainSettings::effective_lr() const { return lr > 0.0f ? lr : default_lr(optimizer); }

Json TrainSettings::to_json() const {
    Json j = Json::object();
    j.set("model", Json::string(model));
    j.set("data", Json::string(data));
    j.set("trainSize", Json::number(train_size));
    j.set("valSize", Json::number(val_size));
    j.set("epochs", Json::number(epochs));
    j.set("batchSize", Json::number(batch_size));
    j.set("optimizer", Json::string(optimizer));
    j.set("lr", Json::number(effective_lr()));
    j.set("momentum", Json::number(momentum));
    j.set("nesterov", Json::boolean(nesterov));
    j.set("weightDecay", weight_decay < 0.0f ? Json() : Json::number(weight_decay));
    j.set("l1", Json::number(l1));
    j.set("schedule", Json::string(schedule));
    j.set("warmup", Json::number(warmup));
    j.set("seed", Json::number(seed));
    j.set("patience", Json::number(patience));
    j.set("restoreBest", Json::boolean(restore_best));
    j.set("init", Json::string(init));
    j.set("threads", threads > 0 ? Json::number(threads) : Json());  // null: the host's choice
    return j;
}

Status TrainSettings::from_json(const Json& j, TrainSettings& out) {
    if (!j.is_object()) return Status::error("a run's config must be an object");
    TrainSettings s = out;
    for (const auto& m : j.members()) {
        const Key* key = nullptr;
        for (const Key& k : kKeys)
            if (m.first == k.name) key = &k;
        if (!key) {
            std::string known;
            for (const Key& k : kKeys) known += std::string(known.empty() ? "" : ", ") + k.name;
            return Status::error("unknown key \"" + m.first + "\" (" + known + ")");
        }
        const Json& v = m.second;
        if (v.is_null()) continue;  // null: the default
        const bool ok = key->kind == Key::Str ? v.is_string()
                      : key->kind == Key::Bool ? v.is_bool()
                      : key->kind == Key::Int ? v.is_int()
                      : v.is_number() && std::isfinite(v.as_number());
        if (!ok) return Status::error(std::string("\"") + key->name + "\" must be " +
                                      (key->kind == Key::Str ? "a string" : key->kind == Key::Bool ? "true or false"
                                       : key->kind == Key::Int ? "a whole number" : "a finite number"));
        const std::string name = m.first;
        if (name == "model") s.model = v.as_string();
        else if (name == "data") s.data = v.as_string();
        else if (name == "trainSize") s.train_size = v.as_int();
        else if (name == "valSize") s.val_size = v.as_int();
        else if (name == "epochs") s.epochs = v.as_int();
        else if (name == "batchSize") s.batch_size = v.as_int();
        else if (name == "optimizer") s.optimizer = v.as_string();
        else if (name == "lr") s.lr = float(v.as_number());
        else if (name == "momentum") s.momentum = float(v.as_number());
        else if (name == "nesterov") s.nesterov = v.as_bool();
        else if (name == "weightDecay") s.weight_decay = float(v.as_number());
        else if (name == "l1") s.l1 = float(v.as_number());
        else if (name == "schedule") s.schedule = v.as_string();
        else if (name == "warmup") s.warmup = v.as_int();
        else if (name == "seed") s.seed = v.as_int();
        else if (name == "patience") s.patience = v.as_int();
        else if (name == "restoreBest") s.restore_best = v.as_bool();
        else if (name == "init") s.init = v.as_string();
        else if (name == "threads") s.threads = v.as_int();
    }
    if (s.threads < 0 || s.threads > 2) return Status::error("threads must be 1 or 2 (0 or null: the page's choice), not " + std::to_string(s.threads));
    if (s.data != "fashion-mnist" && s.data != "mnist") return Status::error("data must be \"fashion-mnist\" or \"mnist\", not \"" + s.data + "\"");
    // The engine checks the rest (ranges, optimizer, schedule) when the config is read.
    RunConfig probe;
    LL_TRY(RunConfig::from_json(s.run_config(), probe));
    LL_TRY(check_run_config(probe));
    out = s;
    return Status::ok();
}

Json TrainSettings::run_config() const {
    RunConfig c;
    c.epochs = epochs;
    c.batch_size = batch_size;
    c.l1 = l1;
    c.seed = uint64_t(seed < 0 ? 0 : seed);
    c.init = init;
    c.train_size = train_size;
    c.val_size = val_size;
    c.patience = patience;
    c.restore_best = restore_best;
    c.warmup_steps = warmup;
    Json j = c.to_json();
    Json opt = Json::object();
    opt.set("name", Json::string(optimizer));
    opt.set("lr", Json::number(effective_lr()));
    if (optimizer == "sgd") {
        opt.set("momentum", Json::number(momentum));
        opt.set("nesterov", Json::boolean(nesterov));
    }
    if (weight_decay >= 0.0f) opt.set("weight_decay", Json::number(weight_decay));
    j.set("optimizer", opt);
    j.set("schedule", Json::string(schedule));
    return j;
}

// ---- Runs ----

double TrainRun::seconds_left() const {
    if (images_per_second <= 0.0 || images_per_epoch <= 0) return 0.0;
    const double left = double(epochs - epoch) * images_per_epoch - images_done;
    return left > 0.0 ? left / images_per_second : 0.0;
}

Json TrainRun::to_json() const {
    Json r = Json::object();
    r.set("id", Json::number(id));
    r.set("config", settings.to_json());
    r.set("status", Json::string(status));
    r.set("threads", threads > 0 ? Json::number(threads) : Json());
    r.set("error", error.empty() ? Json() : Json::string(error));
    r.set("epoch", Json::number(epoch));
    r.set("step", Json::number(double(step)));
    r.set("imagesPerSecond", Json::number(std::round(images_per_second)));
    r.set("history", history_json(history, true));
    if (has_test) {
        Json t = Json::object();
        t.set("loss", Json::number(test_loss));
        t.set("acc", Json::number(test_acc));
        t.set("confusion", confusion_json(*this));
        r.set("test", t);
    } else {
        r.set("test", Json());
    }
    r.set("bestEpoch", Json::number(best_epoch));
    r.set("interrupted", Json::boolean(interrupted));
    r.set("hasWeights", Json::boolean(!weights.empty()));
    // Per layer with parameters: its weight histogram after each epoch (0: before training).
    Json ls = Json::array();
    for (const TrainLayerSeries& l : layers) {
        if (!l.has_params) continue;
        Json o = Json::object();
        o.set("layer", Json::number(l.layer));
        o.set("type", Json::string(l.type));
        Json hs = Json::array();
        for (size_t e = 0; e < l.hists.size(); ++e) {
            Json h = Json::object();
            h.set("epoch", Json::number(double(e)));
            h.set("range", Json::number(e < l.hist_ranges.size() ? l.hist_ranges[e] : 0.0));
            h.set("zeros", Json::number(e < l.zeros.size() ? l.zeros[e] : 0.0));
            Json counts = Json::array();
            for (double c : l.hists[e]) counts.push(Json::number(c));
            h.set("counts", counts);
            hs.push(h);
        }
        o.set("weightHistograms", hs);
        ls.push(o);
    }
    r.set("layers", ls);
    r.set("steps", Json::number(double(losses.size())));
    return r;
}

Status TrainingRuns::start(Host& host, const TrainSettings& s, const CurrentNetwork& current, int& id) {
    Json desc;
    std::string weights;
    LL_TRY(resolve_model(s, current, desc, weights));
    Model m;
    LL_TRY(Model::from_json(desc, m).with_context("model: "));
    const double bytes = run_bytes(m, s.batch_size);
    if (bytes > kMaxRunBytes) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "this run would need about %.1f GB (parameters and batch %d activations); the page allows 1 GB: use a smaller network or batch",
                      bytes / 1e9, s.batch_size);
        return Status::error(buf);
    }
    if (int(runs_.size()) >= kMaxRuns) {
        auto ended = std::find_if(runs_.begin(), runs_.end(), [](const TrainRun& r) { return !r.active(); });
        if (ended == runs_.end()) return Status::error("four runs are training already: stop one first");
        runs_.erase(ended);
    }
    TrainRun r;
    r.settings = s;
    // A run left to the host's choice keeps threads 0 in its settings: the count changes only the speed,
    // so twins and links do not differ by it. runs().threads says what the worker trained on.
    const int threads = r.settings.threads > 0 ? r.settings.threads : automatic_threads(host);
    Json request = Json::object();
    request.set("model", desc);
    request.set("data", Json::string(s.data));
    request.set("config", s.run_config());
    request.set("threads", Json::number(threads));
    r.id = next_id_++;
    r.model = desc;
    r.epochs = s.epochs;
    r.start_weights = weights;
    if (!host.train_start(r.id, request.dump(), weights))
        return Status::error("this browser cannot start a training worker (Web Workers are needed)");
    id = r.id;
    runs_.push_back(std::move(r));
    return Status::ok();
}

bool TrainingRuns::has_free_slot() const {
    return int(runs_.size()) < kMaxRuns || std::any_of(runs_.begin(), runs_.end(), [](const TrainRun& r) { return !r.active(); });
}

Status TrainingRuns::control(Host& host, int id, const std::string& command) {
    TrainRun* r = find(id);
    if (!r) return Status::error("no run " + std::to_string(id));
    if (!r->active()) return Status::ok();  // an ended run stays as it ended
    host.train_control(id, command);
    if (command == "pause") r->status = "paused";
    else if (command == "resume" && r->status == "paused") r->status = "running";
    return Status::ok();
}

TrainRun* TrainingRuns::find(int id) {
    for (TrainRun& r : runs_)
        if (r.id == id) return &r;
    return nullptr;
}

void TrainingRuns::remove(Host& host, int id) {
    runs_.erase(std::remove_if(runs_.begin(), runs_.end(), [&](const TrainRun& r) { return r.id == id && !r.active(); }),
                runs_.end());
    save(host);
}

int TrainingRuns::automatic_threads(Host& host) const {
    const int training = int(std::count_if(runs_.begin(), runs_.end(), [](const TrainRun& r) { return r.active(); }));
    return threads_per_run(host.train_threads(), host.cores(), training);
}

double TrainingRuns::progress_interval(Host& host) const {
    int threads = 0;
    for (const TrainRun& r : runs_)
        if (r.status == "running") threads += std::max(1, r.threads);
    return threads >= host.cores() ? 1.0 : 0.25;
}

bool TrainingRuns::any_active() const {
    return std::any_of(runs_.begin(), runs_.end(), [](const TrainRun& r) { return r.active(); });
}

TrainingRuns::Polled TrainingRuns::poll(Host& host) {
    bool changed = false, more = false, ended = false;
    for (TrainMessage& m : host.train_poll()) {
        TrainRun* r = find(m.id);
        if (!r) continue;
        changed = true;
        if (!m.weights.empty()) {
            // At an epoch's end (the run goes on) or after the final message.
            r->weights = std::move(m.weights);
            r->weights_stored = false;
            ended = true;
        }
        if (m.json.empty()) continue;
        Json j;
        if (!parse_json(m.json, j) || !j.is_object()) continue;
        const bool was_active = r->active();
        const std::string was = r->status;
        const size_t epochs_before = r->history.size();
        apply(*r, j);
        ended = ended || (was_active && !r->active());
        more = more || r->status != was || r->history.size() != epochs_before;
    }
    if (ended) save(host);  // a run ended, or one still training finished an epoch
    return !changed ? Polled::Nothing : more || ended ? Polled::More : Polled::Progress;
}

void TrainingRuns::apply(TrainRun& r, const Json& m) {
    const Json* kind = m.find("kind");
    const std::string k = kind && kind->is_string() ? kind->as_string() : "";
    if (const Json* t = m.find("threads"); t && t->is_int() && t->as_int() > 0) r.threads = t->as_int();
    if (k == "loading") {
        r.loaded_bytes = num_or(m.find("loaded"), r.loaded_bytes);
        return;
    }
    if (k == "progress") {
        if (r.status != "paused") r.status = "running";
    } else if (k == "done" || k == "stopped" || k == "failed") {
        r.status = k;
    }
    if (const Json* e = m.find("error"); e && e->is_string()) r.error = e->as_string();
    if (const Json* e = m.find("note"); e && e->is_string()) r.note = e->as_string();
    r.epoch = int(num_or(m.find("epoch"), r.epoch));
    r.epochs = int(num_or(m.find("epochs"), r.epochs));
    r.step = long(num_or(m.find("step"), double(r.step)));
    r.total_steps = long(num_or(m.find("total_steps"), double(r.total_steps)));
    r.images_done = int(num_or(m.find("images_done"), r.images_done));
    r.images_per_epoch = int(num_or(m.find("images_per_epoch"), r.images_per_epoch));
    r.images_per_second = num_or(m.find("images_per_second"), r.images_per_second);
    r.lr = num_or(m.find("lr"), r.lr);
    r.best_epoch = int(num_or(m.find("best_epoch"), r.best_epoch));
    if (const Json* b = m.find("restored_best"); b && b->is_bool()) r.restored_best = b->as_bool();
    if (const Json* l = m.find("losses"); l && l->is_array())
        for (size_t i = 0; i < l->size(); ++i) r.losses.push_back(float(num_or(&(*l)[i], NAN)));
    if (const Json* h = m.find("history"); h && h->is_array()) {
        r.history.clear();
        for (size_t i = 0; i < h->size(); ++i) {
            const Json& e = (*h)[i];
            TrainEpoch t;
            t.epoch = int(num_or(e.find("epoch"), 0));
            t.train_loss = num_or(e.find("train_loss"), NAN);
            t.train_acc = num_or(e.find("train_acc"), NAN);
            const Json* vl = e.find("val_loss");
            t.has_val = vl && vl->is_number();
            t.val_loss = num_or(vl, NAN);
            t.val_acc = num_or(e.find("val_acc"), NAN);
            r.history.push_back(t);
        }
    }
    if (const Json* layers = m.find("layers"); layers && layers->is_array()) {
        if (r.layers.size() != layers->size()) r.layers.assign(layers->size(), TrainLayerSeries());
        for (size_t i = 0; i < layers->size(); ++i) {
            const Json& l = (*layers)[i];
            TrainLayerSeries& s = r.layers[i];
            s.layer = int(num_or(l.find("layer"), double(i)));
            if (const Json* t = l.find("type"); t && t->is_string()) s.type = t->as_string();
            if (const Json* p = l.find("has_params"); p && p->is_bool()) s.has_params = p->as_bool();
            s.out_mean.push_back(num_or(l.find("out_mean"), NAN));
            s.out_std.push_back(num_or(l.find("out_std"), NAN));
            if (s.has_params) {
                const double total = std::max(1.0, num_or(l.find("total"), 1.0));
                s.grad_norm.push_back(num_or(l.find("grad_norm"), NAN));
                s.zero_share.push_back(num_or(l.find("zeros"), 0.0) / total);
                s.near_zero_share.push_back(num_or(l.find("near_zero"), 0.0) / total);
                s.hist_range = num_or(l.find("hist_range"), 0.0);
                s.hist.clear();
                if (const Json* hist = l.find("hist"); hist && hist->is_array())
                    for (size_t b = 0; b < hist->size(); ++b) s.hist.push_back(num_or(&(*hist)[b], 0.0));
                s.hists.push_back(s.hist);
                s.hist_ranges.push_back(s.hist_range);
                s.zeros.push_back(num_or(l.find("zeros"), 0.0));
            }
        }
    }
    if (const Json* t = m.find("test"); t && t->is_object()) {
        r.has_test = true;
        r.test_loss = num_or(t->find("loss"), NAN);
        r.test_acc = num_or(t->find("acc"), NAN);
        r.confusion.clear();
        r.classes = 0;
        if (const Json* c = t->find("confusion"); c && c->is_array()) {
            r.classes = int(c->size());
            for (size_t a = 0; a < c->size(); ++a)
                for (size_t b = 0; b < (*c)[a].size(); ++b) r.confusion.push_back(int64_t(num_or(&(*c)[a][b], 0.0)));
        }
        r.class_acc.clear();
        if (const Json* c = t->find("class_acc"); c && c->is_array())
            for (size_t a = 0; a < c->size(); ++a) r.class_acc.push_back(num_or(&(*c)[a], NAN));
        r.misses.clear();
        if (const Json* ms = t->find("misses"); ms && ms->is_array())
            for (size_t a = 0; a < ms->size(); ++a) {
                const Json& e = (*ms)[a];
                if (e.is_array() && e.size() == 3)
                    r.misses.push_back({int(num_or(&e[0], 0)), int(num_or(&e[1], 0)), int(num_or(&e[2], 0))});
            }
    }
}

// ---- Kept across reloads ----

namespace {

constexpr const char* kStoreRuns = "layerlab.runs";
constexpr size_t kStoredLosses = 2000;  // step losses kept per run (evenly thinned beyond)

Json numbers(const std::vector<double>& v) {
    Json a = Json::array();
    for (double x : v) a.push(std::isfinite(x) ? Json::number(x) : Json());
    return a;
}
std::vector<double> read_numbers(const Json* a) {
    std::vector<double> out;
    if (a && a->is_array())
        for (size_t i = 0; i < a->size(); ++i) out.push_back(num_or(&(*a)[i], NAN));
    return out;
}

// A finished run as the worker's last message would describe it, so restoring is apply() again.
Json saved_run(const TrainRun& r) {
    Json m = Json::object();
    m.set("id", Json::number(r.id));
    m.set("settings", r.settings.to_json());
    m.set("model", r.model);
    m.set("kind", Json::string(r.status));
    if (r.threads > 0) m.set("threads", Json::number(r.threads));
    if (!r.error.empty()) m.set("error", Json::string(r.error));
    if (!r.note.empty()) m.set("note", Json::string(r.note));
    if (r.interrupted) m.set("interrupted", Json::boolean(true));
    m.set("epoch", Json::number(r.epoch));
    m.set("epochs", Json::number(r.epochs));
    m.set("step", Json::number(double(r.step)));
    m.set("images_per_second", Json::number(r.images_per_second));
    const size_t n = r.losses.size(), every = n > kStoredLosses ? (n + kStoredLosses - 1) / kStoredLosses : 1;
    Json losses = Json::array();
    for (size_t i = 0; i < n; i += every) losses.push(std::isfinite(r.losses[i]) ? Json::number(r.losses[i]) : Json());
    m.set("losses", losses);
    m.set("losses_every", Json::number(double(every)));
    m.set("history", history_json(r.history, false));
    m.set("best_epoch", Json::number(r.best_epoch));
    m.set("restored_best", Json::boolean(r.restored_best));
    if (r.has_test) {
        Json t = Json::object();
        t.set("loss", Json::number(r.test_loss));
        t.set("acc", Json::number(r.test_acc));
        t.set("confusion", confusion_json(r));
        t.set("class_acc", numbers(r.class_acc));
        Json misses = Json::array();
        for (const TrainMiss& x : r.misses) {
            Json e = Json::array();
            e.push(Json::number(x.index));
            e.push(Json::number(x.label));
            e.push(Json::number(x.predicted));
            misses.push(e);
        }
        t.set("misses", misses);
        m.set("test", t);
    }
    Json layers = Json::array();
    for (const TrainLayerSeries& l : r.layers) {
        Json o = Json::object();
        o.set("layer", Json::number(l.layer));
        o.set("type", Json::string(l.type));
        o.set("has_params", Json::boolean(l.has_params));
        o.set("out_mean", numbers(l.out_mean));
        o.set("out_std", numbers(l.out_std));
        o.set("grad_norm", numbers(l.grad_norm));
        o.set("zero_share", numbers(l.zero_share));
        o.set("near_zero_share", numbers(l.near_zero_share));
        o.set("hist", numbers(l.hist));
        o.set("hist_range", Json::number(l.hist_range));
        Json hists = Json::array();
        for (const std::vector<double>& h : l.hists) hists.push(numbers(h));
        o.set("hists", hists);
        o.set("hist_ranges", numbers(l.hist_ranges));
        o.set("zeros", numbers(l.zeros));
        layers.push(o);
    }
    m.set("layer_series", layers);
    return m;
}

}  // namespace

void TrainingRuns::save(Host& host) {
    Json list = Json::array();
    for (TrainRun& r : runs_) {
        if (r.active() && r.history.empty()) continue;  // nothing finished yet to keep
        list.push(saved_run(r));
        if (!r.weights.empty() && !r.weights_stored) {
            host.store_picture({"run-" + std::to_string(r.id), "run", r.weights});
            r.weights_stored = true;
            if (std::find(stored_weights_.begin(), stored_weights_.end(), r.id) == stored_weights_.end()) stored_weights_.push_back(r.id);
        }
    }
    // Weights of runs no longer listed: an empty picture deletes its key.
    for (size_t i = 0; i < stored_weights_.size();) {
        if (find(stored_weights_[i])) { ++i; continue; }
        host.store_picture({"run-" + std::to_string(stored_weights_[i]), "run", ""});
        stored_weights_.erase(stored_weights_.begin() + long(i));
    }
    host.storage_set(kStoreRuns, list.dump());
}

void TrainingRuns::restore(Host& host) {
    Json list;
    if (!parse_json(host.storage_get(kStoreRuns), list) || !list.is_array()) return;
    std::vector<StoredPicture> pictures = host.stored_pictures();
    for (size_t i = 0; i < list.size() && runs_.size() < size_t(kMaxRuns); ++i) {
        const Json& m = list[i];
        TrainRun r;
        r.id = int(num_or(m.find("id"), 0));
        const Json* settings = m.find("settings");
        if (r.id <= 0 || !settings || !TrainSettings::from_json(*settings, r.settings)) continue;
        if (const Json* model = m.find("model")) r.model = *model;
        apply(r, m);
        if (const Json* b = m.find("interrupted"); b && b->is_bool()) r.interrupted = b->as_bool();
        if (r.active()) {
            // Saved at an epoch's end while it trained: what it had finished is what it is.
            r.status = "stopped";
            r.interrupted = true;
            r.epoch = int(r.history.size());
            r.images_done = 0;
        }
        // The step losses were thinned: spread them back over the steps they stood for.
        const double every = num_or(m.find("losses_every"), 1.0);
        if (every > 1.0) {
            std::vector<float> full;
            for (float l : r.losses)
                for (int k = 0; k < int(every); ++k) full.push_back(l);
            r.losses = std::move(full);
        }
        if (const Json* layers = m.find("layer_series"); layers && layers->is_array()) {
            r.layers.clear();
            for (size_t k = 0; k < layers->size(); ++k) {
                const Json& l = (*layers)[k];
                TrainLayerSeries s;
                s.layer = int(num_or(l.find("layer"), double(k)));
                if (const Json* t = l.find("type"); t && t->is_string()) s.type = t->as_string();
                if (const Json* p = l.find("has_params"); p && p->is_bool()) s.has_params = p->as_bool();
                s.out_mean = read_numbers(l.find("out_mean"));
                s.out_std = read_numbers(l.find("out_std"));
                s.grad_norm = read_numbers(l.find("grad_norm"));
                s.zero_share = read_numbers(l.find("zero_share"));
                s.near_zero_share = read_numbers(l.find("near_zero_share"));
                s.hist = read_numbers(l.find("hist"));
                s.hist_range = num_or(l.find("hist_range"), 0.0);
                if (const Json* hs = l.find("hists"); hs && hs->is_array())
                    for (const Json& h : hs->items()) s.hists.push_back(read_numbers(&h));
                s.hist_ranges = read_numbers(l.find("hist_ranges"));
                s.zeros = read_numbers(l.find("zeros"));
                r.layers.push_back(std::move(s));
            }
        }
        for (StoredPicture& p : pictures)
            if (p.key == "run-" + std::to_string(r.id)) {
                r.weights = std::move(p.bytes);
                r.weights_stored = true;
                stored_weights_.push_back(r.id);
            }
        next_id_ = std::max(next_id_, r.id + 1);
        runs_.push_back(std::move(r));
    }
}

Json TrainingRuns::to_json() const {
    Json out = Json::array();
    for (const TrainRun& r : runs_) out.push(r.to_json());
    return out;
}

}  // namespace ll::app
