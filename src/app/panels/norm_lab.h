// Normalization lab, shared between its files:
//   norm_data.cpp     the activation tensor: Fashion-MNIST through tiny-fashion's first conv, or a synthetic
//                     batch with per-channel shift and scale; the engine norm layer run on it and the
//                     statistics of the selected group read from the layer's accessors
//   norm_block.cpp    the N x C x (H,W) block of the Group Normalization paper's figure (ImDrawList)
//   norm_batch_noise.cpp    batch-size noise (sliced in compute) and BatchNorm train versus eval
//   norm_scaling.cpp  feature scaling of a two-feature set and its effect on a linear fit's loss
//   norm_lab.cpp      the page, persistence and the automation report
// The app never recomputes normalisation: means, variances and outputs come from engine layers built by
// ll::Model::from_json; the app only gathers them for display.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/i18n.h"
#include "engine/data/dataset.h"
#include "engine/json.h"
#include "engine/model.h"
#include "engine/surfaces.h"

namespace ll::app {

struct AppState;

enum class NormMethod { Batch, Layer, Instance, Group, LocalResponse, LocalContrast, CrossIteration, Count };
constexpr int kNormMethods = int(NormMethod::Count);
const char* norm_method_name(NormMethod m);   // "batch", "layer", ... (URL and report)
const char* norm_method_type(NormMethod m);   // the engine's layer type, "BatchNorm2d"
bool parse_norm_method(const std::string& s, NormMethod& out);

// The block's geometry: N samples, C channels, H = W = 28, H*W drawn as kBins bins of kBinRows rows.
constexpr int kN = 8, kC = 8, kH = 28, kW = 28, kHW = kH * kW;
constexpr int kBinRows = 4, kBins = kH / kBinRows;
constexpr int kIterations = 4;   // batches t-3 .. t (CrossIterationBN's window)
constexpr int kLrnSize = 5, kLcnSize = 9;

// ---- Synthetic activations (also defined in tests/e2e/suite_normalization.mjs) ----
// x[t, n, c, p] = shift_c + scale_c * (z(i) + 0.6 * z(j)), i = ((t*N + n)*C + c)*HW + p, j = 2^30 + t*N + n,
// z(k) = (u(4k) + u(4k+1) + u(4k+2) + u(4k+3) - 2) * sqrt(3), u(k) = hash32(k) / 2^32 (24 bits).
float synthetic_z(uint32_t k);
float synthetic_value(int t, int n, int c, int p, float shift, float scale);

struct SyntheticParams {
    float shift[kC] = {-1.5f, 0.5f, 2.0f, 0.0f, 3.0f, -0.5f, 1.0f, -2.0f};
    float scale[kC] = {0.5f, 1.0f, 2.0f, 1.5f, 0.7f, 3.0f, 1.0f, 0.8f};
};

// Where the activations come from: Fashion-MNIST test images through the first conv of tiny-fashion
// (its trained weights, or seeded init), or the synthetic batch.
struct NormSource {
    bool want_real = true;
    bool tried_real = false;
    bool have_images = false;     // Fashion-MNIST test set found
    bool trained = false;         // tiny-fashion weights loaded
    std::string note;             // what was loaded / why not
    Dataset images;               // the first kPoolImages test images
    Model conv;                   // tiny-fashion; output(0) is the first conv's output
    // Pool of activations (P, C, H, W) for batch sampling; batches[t] = (N, C, H, W).
    Tensor pool;
    std::vector<int> pool_labels;
    Tensor batches[kIterations];
    int pool_done = 0;            // images of the pool already run through the conv (sliced)
    bool real() const { return want_real && have_images; }
};
constexpr int kPoolImages = 256;

// Loads the images and the model once (the files may be absent: the note says so).
void source_try_load(NormSource& s);
// Runs up to `budget_ms` of conv forwards filling the pool; true when the pool is complete.
bool source_fill_pool(NormSource& s, const SyntheticParams& syn, double budget_ms);
// Rebuilds batches[] (real: pool samples t*N .. t*N+N-1; synthetic: the formula above).
void source_make_batches(NormSource& s, const SyntheticParams& syn);

// The selected element: sample n, channel c, spatial bin b (pixel p = its centre).
struct Selection {
    int n = 0, c = 0, b = 3;
    int pixel() const { return (b * kBinRows + kBinRows / 2) * kW + kW / 2; }
};

// The norm layer run on the batches, and what it computed for the selected group.
struct NormRun {
    NormMethod method = NormMethod::Batch;
    int groups = 4;
    bool ok = false;
    std::string error;
    Model model;                  // one layer
    Tensor x, y;                  // the last batch (N, C, H, W) and the layer's output
    // The selected group.
    int group = 0;                // index into mean()/var(): channel, sample, sample*G+g, ...
    bool has_stats = false;       // false for LocalResponseNorm (no mean/var)
    double mean = 0, var = 0, rstd = 0, eps = 1e-5;
    double scale = 0;             // LRN: k + alpha/size * sum x^2 at the element; LCN: the divisor
    int count = 0;                // elements averaged
    std::vector<float> before, after;  // the group's values in x and y
    // CrossIterationBN: the per-iteration means of channel c (compensated), oldest first, and used count.
    std::vector<double> iter_means;
    int used_iterations = 1;
    float gamma = 1, beta = 0;    // of the selected channel
    double restore_diff = -1;     // max |y - x| over the group (meaningful after "gamma = sigma, beta = mu")
};

// Which elements share the selected element's statistics (for the block's highlight): member(n, c, b).
bool norm_member(NormMethod m, int groups, const Selection& s, int n, int c, int b);
// Group id of an element (to tint the partition), -1 when the method has no partition (LRN, LCN).
int norm_group_id(NormMethod m, int groups, int n, int c);

// Builds the one-layer model for method/groups; runs the batches through it (train mode) with the
// per-channel gamma/beta; fills the selected group's statistics.
void norm_run(NormRun& r, NormMethod m, int groups, const NormSource& s, const Selection& sel,
              const float* gamma, const float* beta);
std::vector<int> valid_groups();  // divisors of kC

// ---- The block (norm_block.cpp) ----
// Draws the block using the full width; returns true and sets sel when a cell was clicked.
bool draw_norm_block(NormMethod m, int groups, Selection& sel, const NormRun& run, Lang lang);

// The batch-size experiment's accuracies from `layerlab train` (assets/models/norm-experiment/results.json,
// written by tools/norm_batch_experiment.sh), read on first use (norm_experiment.cpp).
struct NormExperiment {
    struct Family {
        const char* key;    // results.json's name
        const char* label;
        std::vector<std::vector<double>> runs;  // per batch size, one accuracy per seed
    };
    bool loaded = false;
    std::string error;  // why there is no table (file missing, malformed)
    int epochs = 0;
    std::vector<int> batches;
    std::vector<Family> families = {{"batchnorm", "BatchNorm2d", {}},
                                    {"groupnorm", "GroupNorm (G = 4)", {}},
                                    {"cross-iteration-bn", "CrossIterationBN (k = 8)", {}}};
};

// ---- Batch size and train/eval (norm_batch_noise.cpp) ----
struct BatchNoise {
    int batch = 8;                // the slider, 1..256
    int method_groups = 4;
    // Distribution at `batch`: the statistics used to normalise ONE fixed image (pool sample 0), channel c,
    // over kTrials random batches that contain it.
    int dist_batch = -1, dist_channel = -1, done = 0;
    std::vector<double> bn_mean, bn_var, cibn_mean, gn_mean;
    double pop_mean = 0, pop_var = 0;   // BatchNorm over the whole pool (the population)
    double gn_ref = 0;                  // GroupNorm's mean for the image alone (eval): what it gets at test time
    // Train-test gap against batch size 1, 2, 4, ..., 256: the RMS difference between the mean used in
    // training and the one used at test time (BN, CIBN: the population's; GN: its own, the image alone).
    int curve_channel = -1, curve_index = 0, curve_trial = 0;
    std::vector<double> curve_bn, curve_cibn, curve_gn;  // per batch size
    std::vector<double> acc_bn, acc_cibn, acc_gn;        // estimates of the point being computed
    bool busy() const;
    uint64_t seed = 1;
    std::unique_ptr<Model> bn, gn, cibn;  // engine layers for the trials
    bool pool_stats = false;
    mutable NormExperiment experiment;    // the measured table under the view; read on first use, also by report()
};
constexpr int kTrials = 64, kCurveTrials = 24;
const std::vector<int>& curve_batches();  // 1, 2, 4, ..., 256
double spread(const std::vector<double>& v);  // standard deviation (display)
double rms_error(const std::vector<double>& v, double ref);  // sqrt(mean((v - ref)^2))
void batch_noise_reset(BatchNoise& b);
void batch_noise_compute(BatchNoise& b, const NormSource& s, int channel, double budget_ms);
void draw_batch_noise(BatchNoise& b, const NormSource& s, int channel, AppState& app);
// The experiment as a table under the batch-size view, and in the lab's report.
void draw_norm_experiment(NormExperiment& e, AppState& app);
Json norm_experiment_report(NormExperiment& e);  // reads the file first if need be

struct TrainEval {
    std::unique_ptr<Model> model;      // BatchNorm2d, momentum 0.1
    std::vector<float> batch_mean, running_mean, running_var, batch_var;  // channel c per iteration
    int channel = -1;
    bool playing = false;
    double next_at = 0;
    uint64_t seed = 7;
    int iterations = 0;
    // The last iteration's batch through train and eval: sample 0, channel c.
    double train_out = 0, eval_out = 0, max_diff = 0, in_value = 0;
    double used_mean_train = 0, used_mean_eval = 0, used_var_train = 0, used_var_eval = 0;
};
void train_eval_reset(TrainEval& t, int channel);
void train_eval_step(TrainEval& t, const NormSource& s, int count);
void draw_train_eval(TrainEval& t, const NormSource& s, int channel, AppState& app);

// ---- Feature scaling (norm_scaling.cpp) ----
struct ScalingPanel {
    bool built = false;
    bool real = false;
    int kind = 2;                 // 0 raw, 1 min-max, 2 z-score (the one drawn large)
    std::vector<double> f1, f2;   // raw features
    // Per view (raw, min-max, z-score): the scaled features and the engine's picture of their loss
    // (ll::quadratic_shape: minimum, Hessian eigenvalues, gradient-descent path).
    struct View {
        std::vector<double> x, y;
        QuadraticShape shape;
        bool ok = false;
    } views[3];
    std::string error;
};
constexpr int kGdSteps = 25;
void scaling_build(ScalingPanel& p, const NormSource& s);
void draw_scaling(ScalingPanel& p, AppState& app);

// Small drawing helpers shared by the lab's files (norm_block.cpp).
void draw_histogram(const char* id, const std::vector<float>& v, float width, float height, int color, double mark,
                    bool show_mark);
std::string fmt(double v, int digits = 3);

}  // namespace ll::app
