// `layerlab train`: trains a model on Fashion-MNIST, MNIST or a folder of IDX files with a progress bar
// (images/s, loss, ETA), reports train (and validation) and test accuracy after every epoch and writes the
// weights and, with --history, the per-epoch figures and the test confusion matrix. The run itself is
// ll::TrainingRun, the Training lab's engine: this file only maps flags to a RunConfig and prints.
// Exit status: 0 done (also after an early stop), 2 bad input, 3 the run diverged (outputs still written).
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "cli/common.h"
#include "engine/data/dataset.h"
#include "engine/io.h"
#include "engine/parallel.h"
#include "engine/schedule.h"
#include "engine/training_run.h"

namespace llcli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string clock_str(double s) {
    const int t = int(s + 0.5);
    char buf[32];
    if (t >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    else std::snprintf(buf, sizeof buf, "%d:%02d", t / 60, t % 60);
    return buf;
}

// One line redrawn in place on a terminal; on a pipe or log file, a line every 10% of the epoch.
class Progress {
public:
    explicit Progress(int epochs) : epochs_(epochs), tty_(isatty(2) != 0) {}
    void start_epoch(int epoch, int total) {
        epoch_ = epoch;
        total_ = total;
        last_draw_ = Clock::now() - std::chrono::seconds(1);
        next_decile_ = 1;
        t0_ = Clock::now();
    }
    void update(int done, double loss) {
        const double el = seconds_since(t0_);
        const bool tick = tty_ ? std::chrono::duration<double>(Clock::now() - last_draw_).count() > 0.1 || done == total_
                               : done * 10 >= next_decile_ * total_;
        if (!tick) return;
        last_draw_ = Clock::now();
        while (done * 10 >= next_decile_ * total_) ++next_decile_;
        const double rate = el > 0 ? done / el : 0.0;
        const double eta = rate > 0 ? (total_ - done) / rate : 0.0;
        const int width = 30, filled = int(double(width) * done / std::max(1, total_));
        std::string bar(size_t(filled), '#');
        bar.append(size_t(width - filled), '.');
        std::fprintf(stderr, "%sepoch %d/%d [%s] %d/%d  %.0f img/s  loss %.4f  ETA %s%s", tty_ ? "\r" : "", epoch_ + 1,
                     epochs_, bar.c_str(), done, total_, rate, loss, clock_str(eta).c_str(), tty_ ? "\033[K" : "\n");
        std::fflush(stderr);
    }
    void end_epoch() {
        if (tty_) std::fprintf(stderr, "\n");
    }

private:
    int epochs_, epoch_ = 0, total_ = 1, next_decile_ = 1;
    bool tty_;
    Clock::time_point t0_, last_draw_;
};

// {"history": [{"epoch", "train_loss", "train_acc", "val_loss", "val_acc"}, ...],
//  "test": {"loss", "acc", "confusion": [[C x C counts, rows = true class]]}}; val_* null without a
// validation set, test null when the run diverged before it was tested.
ll::Json history_json(const ll::RunHistory& h) {
    ll::Json epochs = ll::Json::array();
    for (const ll::EpochRecord& r : h.epochs) {
        ll::Json e = ll::Json::object();
        e.set("epoch", ll::Json::number(r.epoch));
        e.set("train_loss", ll::Json::number(r.train_loss));
        e.set("train_acc", ll::Json::number(r.train_acc));
        e.set("val_loss", r.has_val ? ll::Json::number(r.val_loss) : ll::Json());
        e.set("val_acc", r.has_val ? ll::Json::number(r.val_acc) : ll::Json());
        epochs.push(e);
    }
    ll::Json test;
    if (h.has_test) {
        test = ll::Json::object();
        test.set("loss", ll::Json::number(h.test.loss));
        test.set("acc", ll::Json::number(h.test.accuracy));
        ll::Json rows = ll::Json::array();
        const int C = h.test.classes;
        for (int t = 0; t < C; ++t) {
            ll::Json row = ll::Json::array();
            for (int p = 0; p < C; ++p) row.push(ll::Json::number(double(h.test.confusion[size_t(t * C + p)])));
            rows.push(row);
        }
        test.set("confusion", rows);
    }
    ll::Json j = ll::Json::object();
    j.set("history", epochs);
    j.set("test", test);
    return j;
}

ll::Status write_outputs(ll::TrainingRun& run, const std::string& out_path, const std::string& history_path) {
    if (!history_path.empty()) LL_TRY(ll::write_file(history_path, history_json(run.history()).dump(1) + "\n"));
    if (!out_path.empty()) {
        ll::TensorFile out;
        ll::save_state(run.model(), out);
        LL_TRY(ll::write_tensor_file(out_path, out));
    }
    return ll::Status::ok();
}

// --init and --weights together: the weights file is kept ("continue"); --init continue needs one.
ll::Status resolve_init(const std::string& init_flag, const std::string& weights, std::string& init) {
    if (!weights.empty()) {
        if (!init_flag.empty() && init_flag != "continue")
            return ll::Status::error("--init " + init_flag + " would replace the weights of --weights " + weights +
                                     ": leave --init out or use --init continue");
        init = "continue";
    } else {
        if (init_flag == "continue") return ll::Status::error("--init continue keeps the weights of --weights W: give --weights");
        init = init_flag.empty() ? "default" : init_flag;
    }
    return ll::Status::ok();
}

}  // namespace

ll::Status read_train_flags(Args& a, TrainFlags& f) {
    f.data = a.str("data", "fashion-mnist");
    f.out = a.str("out");
    f.weights = a.str("weights");
    f.history = a.str("history");
    ll::RunConfig& cfg = f.cfg;
    cfg.epochs = a.integer("epochs", 1, 1);
    cfg.batch_size = a.integer("batch-size", 64, 1);
    if (a.has("limit") && a.has("train-size")) return ll::Status::error("--limit is the old name of --train-size: give one of them");
    cfg.train_size = a.has("limit") ? a.integer("limit", 0, 0) : a.integer("train-size", 0, 0);
    cfg.val_size = a.integer("val-size", 0, 0);
    cfg.patience = a.integer("patience", 0, 0);
    cfg.restore_best = a.flag("restore-best");
    f.test_limit = a.integer("test-limit", 0, 0);
    cfg.seed = uint64_t(a.integer("seed", 0));
    cfg.l1 = a.number("l1", 0.0f);
    const std::string schedule_name = a.str("schedule", "cosine");
    cfg.warmup_steps = a.integer("warmup-steps", 0, 0);
    const std::string init_flag = a.str("init", "");
    f.threads = a.integer("threads", 1, 1);
    ll::Status st = read_optim_config(a, cfg.optim, false, "adam");
    if (st) st = a.finish();
    if (st) st = ll::parse_schedule_kind(schedule_name, cfg.schedule);
    if (st) st = resolve_init(init_flag, f.weights, cfg.init);
    if (st) st = ll::check_run_config(cfg);
    return st;
}

int cmd_train(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    TrainFlags f;
    if (ll::Status st = read_train_flags(a, f); !st) return fail(st);
    const std::string &data = f.data, &out_path = f.out, &weights = f.weights, &history_path = f.history;
    ll::RunConfig& cfg = f.cfg;
    const int test_limit = f.test_limit, threads = f.threads;
    ll::Status st = ll::Status::ok();
    if (a.positional().size() != 1)
        return fail("usage: layerlab train MODEL.json|tiny|standard --data fashion-mnist|mnist|DIR --epochs N --batch-size B "
                    "--optimizer sgd|adagrad|rmsprop|adam|adamw [--lr F ...] [--out W.safetensors]");
    cfg.test_each_epoch = true;  // the per-epoch line reports the test set, as it always has
    ll::set_num_threads(threads);  // results are the same bits whatever the count (tests/test_parallel.cpp)
    ll::Model m;
    if (!(st = load_model(a.positional()[0], m))) return fail(st);
    if (!weights.empty()) {
        ll::TensorFile wf;
        if (!(st = ll::read_tensor_file(weights, wf)) || !(st = ll::load_state(m, wf, weights))) return fail(st);
    }
    ll::Dataset train, test;
    if (!(st = load_dataset(data, "train", train))) return fail(st);
    if (!(st = load_dataset(data, "test", test))) return fail(st);
    if (test_limit > 0 && test_limit < test.size()) { ll::Dataset t; ll::dataset_slice(test, 0, test_limit, t); test = std::move(t); }
    ll::TrainingRun run;
    if (!(st = run.start(m, train, test, cfg))) return fail(data + ": " + st.message());

    const int n_train = int(run.split().train.size()), n_val = int(run.split().val.size());
    const std::string val_part = n_val ? " / " + std::to_string(n_val) + " val" : "";
    std::fprintf(stderr, "training %s on %s: %d train%s / %d test images, %d epochs, batch %d, %s lr %g (%s schedule)\n",
                 a.positional()[0].c_str(), data.c_str(), n_train, val_part.c_str(), test.size(), cfg.epochs, cfg.batch_size,
                 cfg.optim.name.c_str(), cfg.optim.lr, ll::schedule_kind_name(cfg.schedule));
    Progress progress(cfg.epochs);
    const Clock::time_point t_all = Clock::now();
    double train_time = 0.0;  // the epoch's steps only: the evaluation at its end has a call of its own
    progress.start_epoch(0, n_train);
    for (;;) {
        const Clock::time_point t0 = Clock::now();
        const ll::RunState s = run.advance(1);
        const ll::RunProgress p = run.progress();
        if (s == ll::RunState::Running) {
            train_time += seconds_since(t0);
            progress.update(p.images_done, p.loss_mean);
            continue;
        }
        if (s == ll::RunState::Diverged) {
            progress.end_epoch();
            if (!(st = write_outputs(run, out_path, history_path))) return fail(st);
            std::fprintf(stderr, "layerlab: %s: lower the learning rate\n", run.message().c_str());
            return kExitDiverged;
        }
        const ll::EpochRecord& r = run.history().epochs.back();
        progress.update(n_train, r.train_loss);
        progress.end_epoch();
        char val[64] = "";
        if (r.has_val) std::snprintf(val, sizeof val, " | val loss %.4f acc %.4f", r.val_loss, r.val_acc);
        std::printf("epoch %d/%d: train loss %.4f acc %.4f%s | test loss %.4f acc %.4f | %.1f s, %.0f img/s\n", r.epoch,
                    cfg.epochs, r.train_loss, r.train_acc, val, r.test_loss, r.test_acc, train_time, n_train / train_time);
        std::fflush(stdout);
        if (s != ll::RunState::EpochDone) break;
        train_time = 0.0;
        progress.start_epoch(p.epoch, n_train);
    }
    const ll::RunHistory& h = run.history();
    if (run.state() == ll::RunState::StoppedEarly) std::printf("%s\n", run.message().c_str());
    if (h.restored_best)
        std::printf("restored the weights of epoch %d (lowest val loss %.4f)\n", h.best_epoch,
                    h.epochs[size_t(h.best_epoch - 1)].val_loss);
    std::printf("final test accuracy: %.4f (%d images, %s total)\n", h.test.accuracy, test.size(),
                clock_str(seconds_since(t_all)).c_str());
    if (!(st = write_outputs(run, out_path, history_path))) return fail(st);
    if (!out_path.empty()) std::printf("weights written to %s\n", out_path.c_str());
    if (!history_path.empty()) std::printf("history written to %s\n", history_path.c_str());
    return 0;
}

}  // namespace llcli
