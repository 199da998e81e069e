// The Training lab's Web Worker side (web/train_worker.js loads this module, one per run): the engine's
// TrainingService behind four C functions. Before tw_start the worker has fetched the data set into
// /data/<name>/ ({train,t10k}-{images-idx3,labels-idx1}-ubyte.gz) and, to continue from given weights,
// written them to /run/initial.safetensors. Images/s is measured here, on the worker's clock.
// Built twice (cmake/app.cmake): layerlab_worker on the single-threaded engine, layerlab_worker_mt on
// the engine with pthreads, where the request's "threads" (1 or 2) sets the kernels' thread count.
// Every reply says the count the engine really uses ("threads": 1 in the single-threaded build).
#include <emscripten.h>

#include <algorithm>
#include <string>

#include "engine/data/dataset.h"
#include "engine/parallel.h"
#include "engine/training_service.h"

namespace {

ll::TrainingService g_service;
ll::Dataset g_train, g_test;
std::string g_reply;
double g_rate = 0.0;  // images/s, smoothed over the slices

ll::Status load_split(const std::string& name, const std::string& split, ll::Dataset& out) {
    const std::string dir = "/data/" + name;
    if (name == "fashion-mnist") return ll::load_fashion_mnist(split, out, dir);
    if (name == "mnist") return ll::load_idx_dir(dir, split, out);
    return ll::Status::error("unknown data set \"" + name + "\" (fashion-mnist, mnist)");
}

const char* reply(ll::Json j) {
    j.set("threads", ll::Json::number(ll::num_threads()));
    g_reply = j.dump();
    return g_reply.c_str();
}

ll::Json failed(const std::string& why) {
    ll::Json j = ll::Json::object();
    j.set("kind", ll::Json::string("failed"));
    j.set("error", ll::Json::string(why));
    return j;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* tw_start(const char* request, int has_weights) {
    // At most 2: the module starts one pthread besides this one (PTHREAD_POOL_SIZE=1); a third would
    // wait for a Worker that only loads once this thread returns to its event loop.
    ll::set_num_threads(std::min(2, ll::TrainingService::request_threads(request)));
    const std::string name = ll::TrainingService::request_data(request);
    ll::Status st = load_split(name, "train", g_train);
    if (st) st = load_split(name, "test", g_test);
    if (!st) return reply(failed(st.message()));
    ll::TensorFile initial;
    if (has_weights && !(st = ll::read_tensor_file("/run/initial.safetensors", initial))) return reply(failed(st.message()));
    return reply(g_service.start(request, g_train, g_test, has_weights ? &initial : nullptr));
}

// Trains for about `ms` milliseconds (at least one step), in batches of steps that double while a
// slice has time left, then returns the next message.
EMSCRIPTEN_KEEPALIVE const char* tw_advance(double ms) {
    const double t0 = emscripten_get_now();
    const int64_t images0 = g_service.images_processed();
    int steps = 1;
    while (g_service.run(steps)) {
        const double spent = emscripten_get_now() - t0;
        if (spent >= ms) break;
        if (spent < ms * 0.25) steps *= 2;
    }
    const double seconds = (emscripten_get_now() - t0) / 1000.0;
    const double images = double(g_service.images_processed() - images0);
    if (seconds > 0.0 && images > 0.0) {
        const double now = images / seconds;
        g_rate = g_rate > 0.0 ? 0.7 * g_rate + 0.3 * now : now;
    }
    return reply(g_service.message(g_rate));
}

EMSCRIPTEN_KEEPALIVE const char* tw_stop() { return reply(g_service.stop(g_rate)); }

// Writes the trained weights to /run/weights.safetensors; returns their size in bytes (0: none).
EMSCRIPTEN_KEEPALIVE int tw_weights() {
    const std::string bytes = g_service.weights();
    if (bytes.empty() || !ll::write_file("/run/weights.safetensors", bytes)) return 0;
    return int(bytes.size());
}

}  // extern "C"
