// The Training lab's runs: their settings, what each run's worker said (engine/training_service.h
// messages, through Host::train_poll), and their lifecycle (start, pause, resume, stop). Owned by
// AppState so the lab, the automation API (train, runs, stopRun...) and the Network lab (which takes a
// trained network back) all read the same records. Training itself happens off the UI thread in the
// platform's workers; this file only builds requests and reads answers.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/host.h"
#include "engine/json.h"
#include "engine/status.h"

namespace ll::app {

struct AppState;

// What a run is asked to do: the lab's controls and window.layerlab.train(config)'s keys (model, data,
// trainSize, valSize, epochs, batchSize, optimizer, lr, momentum, weightDecay, l1, schedule, seed,
// patience, init, restoreBest, threads). The defaults are `layerlab train`'s, so an omitted key means the
// same in the page and in the CLI. threads is how many engine threads the run asks for (1 or 2); it
// changes the speed, never the results (engine/parallel.h).
struct TrainSettings {
    std::string model = "tiny";          // tiny, standard, tiny-nobn, standard-nobn, a Network lab preset, "current",
                                         // or a model JSON text (the ready-made experiments' own networks)
    std::string data = "fashion-mnist";  // or mnist
    int train_size = 0;                  // 0: every training image the validation set leaves
    int val_size = 0;
    int epochs = 1;
    int batch_size = 64;
    std::string optimizer = "adam";      // sgd, adagrad, rmsprop, adam, adamw
    float lr = -1.0f;                    // < 0: the CLI's default for the optimizer
    float momentum = 0.0f;               // sgd
    bool nesterov = false;
    float weight_decay = -1.0f;          // < 0: the optimizer's own default
    float l1 = 0.0f;
    std::string schedule = "cosine";     // constant, step, cosine
    int warmup = 0;
    int seed = 0;
    int patience = 0;
    bool restore_best = false;
    std::string init = "default";        // default, he, xavier, continue (the model's current weights)
    int threads = 0;                     // 1 or 2; 0: the host's choice, made when the run starts (automatic_threads)

    Json to_json() const;                // the automation keys, every one
    // Keys present replace the defaults; an unknown key or a value of the wrong kind is an error naming it.
    static Status from_json(const Json& j, TrainSettings& out);
    // The engine's RunConfig JSON for these settings (engine/run_config.h).
    Json run_config() const;
    float effective_lr() const;
};

struct TrainEpoch {
    int epoch = 0;
    double train_loss = 0.0, train_acc = 0.0;
    bool has_val = false;
    double val_loss = 0.0, val_acc = 0.0;
};

struct TrainMiss {
    int index = 0, label = 0, predicted = 0;
};

// One layer's statistics over the epochs (index e: after epoch e, 0 = before training).
struct TrainLayerSeries {
    int layer = 0;
    std::string type;
    bool has_params = false;
    std::vector<double> out_mean, out_std, grad_norm, zero_share, near_zero_share;
    std::vector<double> hist;      // the latest weight histogram
    double hist_range = 0.0;
    // Every epoch's weight histogram (bins over [-range, range]) and count of exact zeros, index as above.
    std::vector<std::vector<double>> hists;
    std::vector<double> hist_ranges, zeros;
};

struct TrainRun {
    int id = 0;
    TrainSettings settings;
    std::string status = "loading";  // loading, running, paused, done, stopped, failed
    int threads = 0;                 // the engine threads the run trains on, as its worker said (0: not yet)
    std::string error, note;
    int epoch = 0, epochs = 0;
    long step = 0, total_steps = 0;
    int images_done = 0, images_per_epoch = 0;
    double images_per_second = 0.0, loaded_bytes = 0.0, lr = 0.0;
    std::vector<float> losses;       // every step's batch loss
    std::vector<TrainEpoch> history;
    int best_epoch = 0;
    bool restored_best = false;
    bool has_test = false;
    double test_loss = 0.0, test_acc = 0.0;
    int classes = 0;
    std::vector<int64_t> confusion;  // classes x classes, rows = true class
    std::vector<double> class_acc;
    std::vector<TrainMiss> misses;
    std::vector<TrainLayerSeries> layers;
    Json model;                      // the model JSON it trains
    std::string weights;             // the trained weights (safetensors): at the last epoch's end, then the final ones
    bool weights_stored = false;     // the host's picture store holds these weights
    // The page closed while it trained: restored as stopped after `epoch` finished epochs, with
    // their history and the weights at the last epoch's end.
    bool interrupted = false;
    std::string start_weights;       // init "continue": the weights it started from (not kept across reloads)

    bool active() const { return status == "loading" || status == "running" || status == "paused"; }
    // Seconds left at the current speed (0 when unknown).
    double seconds_left() const;
    Json to_json() const;  // window.layerlab.runs()'s entry
};

// The model JSON and weights of the Network lab's network, for settings.model "current".
struct CurrentNetwork {
    Json desc;
    std::string weights;  // safetensors
};

class TrainingRuns {
public:
    static constexpr int kMaxRuns = 4;

    // Builds the request and hands it to the platform; on success id is the new run's. A fifth run
    // replaces the oldest one that has ended (none ended: refused).
    Status start(Host& host, const TrainSettings& s, const CurrentNetwork& current, int& id);
    Status control(Host& host, int id, const std::string& command);  // pause, resume, stop
    // Applies what the workers said; returns what changed: nothing, only progress within an epoch
    // (steps, losses, speed: the frame that polls draws it), or more (a status, an epoch's end).
    enum class Polled { Nothing, Progress, More };
    Polled poll(Host& host);
    bool any_active() const;
    // Seconds between the frames that show progress within an epoch. Where the browser draws on the
    // processor (no GPU: SwiftShader), a frame costs the training threads CPU time, so once the runs'
    // threads fill every core the page draws progress once a second instead of four times.
    double progress_interval(Host& host) const;
    // The engine threads a run left to the host's choice gets if it starts now: the host's cores
    // shared out among the runs training (ll::threads_per_run), so a second run on two cores takes one.
    int automatic_threads(Host& host) const;
    // Whether start() would find a slot: fewer than four runs, or one of them has ended.
    bool has_free_slot() const;
    const std::vector<TrainRun>& runs() const { return runs_; }
    TrainRun* find(int id);
    void remove(Host& host, int id);  // an ended run, from the list and the storage
    Json to_json() const;

    // ---- Kept across reloads ----
    // Runs (settings, histories, results) go to the host's storage, their weights to its picture store
    // ("run-<id>"); restore() brings them back at start. A run that is still training is saved at
    // every epoch's end (the workers send the weights then), so closing the page loses at most the
    // unfinished epoch: it comes back stopped, with its finished epochs and their weights.
    void restore(Host& host);
    void save(Host& host);  // after a run ended or was removed

private:
    void apply(TrainRun& r, const Json& m);
    std::vector<TrainRun> runs_;
    int next_id_ = 1;
    std::vector<int> stored_weights_;  // ids whose weights the picture store has
};

}  // namespace ll::app
