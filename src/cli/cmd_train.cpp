// `layerlab train`: trains a model on Fashion-MNIST, MNIST or a folder of IDX files with a progress bar
// (images/s, loss, ETA), reports train and test accuracy after every epoch and writes the weights.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "cli/common.h"
#include "engine/data/dataset.h"
#include "engine/parallel.h"
#include "engine/schedule.h"
#include "engine/trainer.h"

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

}  // namespace

int cmd_train(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    const std::string data = a.str("data", "fashion-mnist"), out_path = a.str("out"), weights = a.str("weights");
    const int epochs = a.integer("epochs", 1, 1);
    const int batch = a.integer("batch-size", 64, 1);
    const int limit = a.integer("limit", 0, 0);
    const int test_limit = a.integer("test-limit", 0, 0);
    const int seed = a.integer("seed", 0);
    const float l1 = a.number("l1", 0.0f);
    const std::string schedule_name = a.str("schedule", "cosine");
    const int warmup = a.integer("warmup-steps", 0, 0);
    const std::string init = a.str("init", "default");
    const int threads = a.integer("threads", 1, 1);
    ll::OptimConfig cfg;
    ll::Status st = read_optim_config(a, cfg, false, "adam");
    if (st) st = a.finish();
    if (st) st = ll::check_optim_config(cfg);
    ll::Schedule schedule;
    if (st) st = ll::parse_schedule_kind(schedule_name, schedule.kind);
    if (!st) return fail(st);
    if (a.positional().size() != 1)
        return fail("usage: layerlab train MODEL.json|tiny|standard --data fashion-mnist|mnist|DIR --epochs N --batch-size B "
                    "--optimizer sgd|adagrad|rmsprop|adam|adamw [--lr F ...] [--out W.safetensors]");
    ll::set_num_threads(threads);  // results are the same bits whatever the count (tests/test_parallel.cpp)
    ll::Model m;
    if (!(st = load_model(a.positional()[0], m))) return fail(st);
    if (!(st = load_weights(m, weights, uint64_t(seed), init))) return fail(st);

    ll::Dataset train, test;
    if (!(st = load_dataset(data, "train", train))) return fail(st);
    if (!(st = load_dataset(data, "test", test))) return fail(st);
    if (limit > 0 && limit < train.size()) { ll::Dataset t; ll::dataset_slice(train, 0, limit, t); train = std::move(t); }
    if (test_limit > 0 && test_limit < test.size()) { ll::Dataset t; ll::dataset_slice(test, 0, test_limit, t); test = std::move(t); }
    const ll::Shape sample(train.images.shape().begin() + 1, train.images.shape().end());
    if (sample != m.input_shape())
        return fail(data + " images are " + ll::shape_str(sample) + " but the model's input_shape is " + ll::shape_str(m.input_shape()));
    if (!(st = ll::check_targets(m, ll::LossKind::CrossEntropy, {train.size()}, train.labels.data(), size_t(train.size()))))
        return fail(data + ": " + st.message());

    const long steps_per_epoch = (train.size() + batch - 1) / batch;
    schedule.total_steps = steps_per_epoch * epochs;
    schedule.step_size = steps_per_epoch;  // step decay: once per epoch
    schedule.warmup_steps = warmup;
    std::fprintf(stderr, "training %s on %s: %d train / %d test images, %d epochs, batch %d, %s lr %g (%s schedule)\n",
                 a.positional()[0].c_str(), data.c_str(), train.size(), test.size(), epochs, batch, cfg.name.c_str(), cfg.lr,
                 ll::schedule_kind_name(schedule.kind));
    std::unique_ptr<ll::Optimizer> opt = ll::make_optimizer(cfg);
    ll::Rng rng{uint64_t(seed)};
    m.set_rng(&rng);
    ll::BatchSampler sampler(train.size(), batch, true, uint64_t(seed) + 1);
    std::vector<int> idx;
    std::vector<int64_t> yb;
    ll::Tensor xb;
    ll::StepScratch scratch;
    Progress progress(epochs);
    const Clock::time_point t_all = Clock::now();
    ll::EvalResult ev;
    long global_step = 0;
    for (int e = 0; e < epochs; ++e) {
        progress.start_epoch(e, train.size());
        const Clock::time_point t0 = Clock::now();
        int done = 0, correct = 0;
        double loss_sum = 0.0;
        while (done < train.size()) {
            sampler.next(idx);
            if (!m.check_batch(int(idx.size()), ll::Mode::Train)) {
                // A last batch of one sample cannot train BatchNorm: skip it, as drop_last would.
                done += int(idx.size());
                continue;
            }
            ll::gather_rows(train.images, idx, xb);
            ll::gather_rows(train.labels, idx, yb);
            ll::Targets t;
            t.classes = yb.data();
            opt->set_lr(ll::scheduled_lr(schedule, cfg.lr, global_step++));
            const ll::StepResult r = ll::train_step(m, *opt, xb, t, ll::LossKind::CrossEntropy, l1, scratch);
            if (!std::isfinite(r.loss)) {
                progress.end_epoch();
                return fail("the loss diverged to " + std::to_string(r.loss) + " at epoch " + std::to_string(e + 1) +
                            ": lower the learning rate (now " + std::to_string(cfg.lr) + ")");
            }
            done += int(idx.size());
            correct += r.correct;
            loss_sum += double(r.loss) * double(idx.size());
            progress.update(done, loss_sum / done);
        }
        progress.end_epoch();
        const double train_time = seconds_since(t0);
        ev = ll::evaluate(m, test.images, test.labels, 256);
        std::printf("epoch %d/%d: train loss %.4f acc %.4f | test loss %.4f acc %.4f | %.1f s, %.0f img/s\n", e + 1, epochs,
                    loss_sum / train.size(), double(correct) / train.size(), ev.loss, ev.accuracy, train_time,
                    train.size() / train_time);
        std::fflush(stdout);
    }
    std::printf("final test accuracy: %.4f (%d images, %s total)\n", ev.accuracy, test.size(),
                clock_str(seconds_since(t_all)).c_str());
    if (!out_path.empty()) {
        ll::TensorFile out;
        ll::save_state(m, out);
        if (!(st = ll::write_tensor_file(out_path, out))) return fail(st);
        std::printf("weights written to %s\n", out_path.c_str());
    }
    return 0;
}

}  // namespace llcli
