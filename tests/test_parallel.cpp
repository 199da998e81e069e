// The thread pool and the promise the fast kernels make: the same bits whatever the thread count
// (1 or 2) and the SIMD width. parallel_for's coverage and nesting; sgemm against a scalar loop summing
// in the documented order (k slices of 256, each from zero) bit for bit; the vectorised MaxPool2d(2)
// and BatchNorm kernels against plain loops; and reference networks trained a few steps with 1 and 2
// threads, compared bit for bit (parameters, gradients, running statistics, losses).
// Built without LAYERLAB_THREADS (WebAssembly), set_num_threads is a no-op and the two runs are the
// same run; the comparisons still hold.
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <thread>
#include <vector>

#include "engine/kernels/gemm.h"
#include "engine/kernels/isa.h"
#include "engine/kernels/norm_kernels.h"
#include "engine/kernels/pool_kernels.h"
#include "engine/optim.h"
#include "engine/parallel.h"
#include "engine/reference_models.h"
#include "engine/trainer.h"
#include "tests/test_util.h"

namespace {

// Restores this thread's thread count when a test ends.
struct Threads {
    explicit Threads(int n) : saved(ll::num_threads()) { ll::set_num_threads(n); }
    ~Threads() { ll::set_num_threads(saved); }
    int saved;
};

using lltest::random_vec;
using lltest::same_bits;

// C = alpha * op(A) op(B) + beta * C in sgemm's order: each k slice of 256 summed from zero in k order
// (a fused multiply-add per step where the kernels in use fuse, as their vector code), slices added in order.
void sgemm_ordered(bool ta, bool tb, int M, int N, int K, float alpha, const float* A, int lda, const float* B,
                   int ldb, float beta, float* C, int ldc) {
    const bool fused = ll::kernels_fuse_multiply_add();
    for (int i = 0; i < M; ++i)
        for (int j = 0; j < N; ++j) {
            float c = beta == 0.0f ? 0.0f : beta * C[size_t(i) * ldc + j];
            for (int k0 = 0; k0 < K; k0 += 256) {
                float acc = 0.0f;
                for (int k = k0; k < std::min(K, k0 + 256); ++k) {
                    const float a = ta ? A[size_t(k) * lda + i] : A[size_t(i) * lda + k];
                    const float b = tb ? B[size_t(j) * ldb + k] : B[size_t(k) * ldb + j];
                    if (fused) {
                        acc = std::fma(a, b, acc);
                    } else {
                        const float p = a * b;
                        acc = acc + p;
                    }
                }
                if (k0 == 0 && beta == 0.0f) c = alpha * acc;
                else c = c + alpha * acc;
            }
            C[size_t(i) * ldc + j] = c;
        }
}

}  // namespace

// ---- The pool ----

TEST_CASE("parallel_for covers every index once, in chunks of at least grain, and nests inline") {
    for (int threads : {1, 2, 3}) {
        Threads th(threads);
        for (int64_t len : {0, 1, 5, 64, 1000}) {
            for (int64_t grain : {1, 7, 100}) {
                std::vector<std::atomic<int>> hits(size_t(len) + 1);
                std::atomic<int> parts{0}, short_parts{0}, bad_slot{0}, bad_inner{0};  // no CHECK off the main thread
                ll::parallel_for(3, 3 + len, grain, [&](int64_t lo, int64_t hi) {
                    ++parts;
                    if (hi - lo < grain && hi - lo < len) ++short_parts;
                    if (ll::thread_slot() < 0 || ll::thread_slot() >= ll::num_threads()) ++bad_slot;
                    for (int64_t i = lo; i < hi; ++i) ++hits[size_t(i - 3)];
                    // A nested call runs inline on the calling thread, over its whole range.
                    int inner = 0;
                    ll::parallel_for(0, 10, 1, [&](int64_t a, int64_t b) { inner += int(b - a); });
                    if (inner != 10) ++bad_inner;
                });
                INFO("threads " << threads << " len " << len << " grain " << grain);
                for (int64_t i = 0; i < len; ++i) CHECK(hits[size_t(i)] == 1);
                CHECK(parts >= (len > 0 ? 1 : 0));
                CHECK(short_parts == 0);
                CHECK(bad_slot == 0);
                CHECK(bad_inner == 0);
            }
        }
    }
}

TEST_CASE("threads_per_run shares the cores out among the runs training, at least one each") {
    CHECK(ll::threads_per_run(2, 2, 0) == 2);  // the first run on two cores
    CHECK(ll::threads_per_run(2, 2, 1) == 1);  // a second beside it
    CHECK(ll::threads_per_run(2, 2, 3) == 1);
    CHECK(ll::threads_per_run(2, 4, 1) == 2);
    CHECK(ll::threads_per_run(2, 4, 2) == 1);
    CHECK(ll::threads_per_run(2, 16, 3) == 2);  // never more than a run can use
    CHECK(ll::threads_per_run(1, 8, 0) == 1);   // no two-thread engine (a page that is not isolated)
    CHECK(ll::threads_per_run(2, 1, 0) == 1);
    CHECK(ll::threads_per_run(2, 0, 0) == 1);   // an unknown core count
}

TEST_CASE("set_num_threads clamps to [1, kMaxThreads]") {
    Threads th(1);
    ll::set_num_threads(0);
    CHECK(ll::num_threads() == 1);
    ll::set_num_threads(1000);
    CHECK(ll::num_threads() >= 1);
    CHECK(ll::num_threads() <= ll::kMaxThreads);
}

// ---- Kernels: the documented order, any thread count ----

TEST_CASE("sgemm sums in the documented order, bit for bit, on 1 and 2 threads") {
    ll::Rng rng(21);
    struct Size { int M, N, K; };
    const Size sizes[] = {{1, 1, 1}, {7, 13, 5}, {9, 33, 300}, {64, 196, 288}, {130, 70, 520}, {5, 700, 40}};
    for (const Size& s : sizes) {
        for (int ta = 0; ta < 2; ++ta) {
            for (int tb = 0; tb < 2; ++tb) {
                const int lda = ta ? s.M : s.K, ldb = tb ? s.K : s.N;
                const std::vector<float> A = random_vec(size_t(s.M) * s.K, rng), B = random_vec(size_t(s.K) * s.N, rng);
                const std::vector<float> C0 = random_vec(size_t(s.M) * s.N, rng);
                for (float beta : {0.0f, 1.0f, 0.5f}) {
                    std::vector<float> ref = C0, c1 = C0, c2 = C0;
                    sgemm_ordered(ta, tb, s.M, s.N, s.K, 0.75f, A.data(), lda, B.data(), ldb, beta, ref.data(), s.N);
                    {
                        Threads th(1);
                        ll::sgemm(ta, tb, s.M, s.N, s.K, 0.75f, A.data(), lda, B.data(), ldb, beta, c1.data(), s.N);
                    }
                    {
                        Threads th(2);
                        ll::sgemm(ta, tb, s.M, s.N, s.K, 0.75f, A.data(), lda, B.data(), ldb, beta, c2.data(), s.N);
                    }
                    INFO("M" << s.M << " N" << s.N << " K" << s.K << " ta" << ta << " tb" << tb << " beta " << beta);
                    CHECK(same_bits(c1, ref));
                    CHECK(same_bits(c2, ref));
                }
            }
        }
    }
}

TEST_CASE("MaxPool2d(2) fast path matches the scan-order definition on every row length") {
    ll::Rng rng(5);
    for (int threads : {1, 2}) {
        Threads th(threads);
        for (int W = 2; W <= 42; W += (W < 20 ? 1 : 7)) {
            for (int H : {2, 3, 6}) {
                ll::PoolDims d{7, H, W, H / 2, W / 2, 2, 2, 2, 2, 0, 0, 1, 1};
                std::vector<float> x = random_vec(size_t(d.P) * H * W, rng);
                for (size_t i = 0; i < x.size(); i += 5) x[i] = x[i / 2];  // ties
                for (size_t i = 0; i < x.size(); i += 3) x[i] = std::fmax(x[i], 0.0f);  // ReLU-like zeros
                x[3] = std::nanf("");
                const size_t L = size_t(d.OH) * d.OW;
                std::vector<float> y(size_t(d.P) * L, -7.0f), dy = random_vec(y.size(), rng);
                std::vector<int32_t> am(y.size(), -7);
                ll::max_pool2d_forward(y.data(), am.data(), x.data(), d);
                std::vector<float> dx(x.size(), -7.0f), dx_ref(x.size(), 0.0f);
                ll::max_pool2d_backward(dx.data(), dy.data(), am.data(), d);
                bool ok = true;
                for (int p = 0; p < d.P; ++p)
                    for (int oh = 0; oh < d.OH; ++oh)
                        for (int ow = 0; ow < d.OW; ++ow) {
                            // torch: first maximum in row-major order; a NaN wins.
                            int best = 2 * oh * W + 2 * ow;
                            float m = x[size_t(p) * H * W + best];
                            for (int t = 1; t < 4; ++t) {
                                const int i = (2 * oh + t / 2) * W + 2 * ow + t % 2;
                                const float v = x[size_t(p) * H * W + i];
                                if (v > m || std::isnan(v)) {
                                    m = v;
                                    best = i;
                                }
                            }
                            const size_t o = size_t(p) * L + size_t(oh) * d.OW + ow;
                            ok = ok && am[o] == best && (y[o] == m || (std::isnan(m) && std::isnan(y[o])));
                            dx_ref[size_t(p) * H * W + best] += dy[o];
                        }
                INFO("threads " << threads << " H " << H << " W " << W);
                CHECK(ok);
                CHECK(same_bits(dx, dx_ref));
            }
        }
    }
}

TEST_CASE("fused BatchNorm kernels match the separate ones and do not depend on the thread count") {
    ll::Rng rng(8);
    const int N = 6, C = 5, S = 4000;  // large enough to split over the threads
    std::vector<float> x = random_vec(size_t(N) * C * S, rng), dy = random_vec(x.size(), rng);
    for (float& v : x) v = 3.0f + 2.0f * v;
    const std::vector<float> g = random_vec(C, rng), b = random_vec(C, rng);
    std::vector<float> mean(C), var(C), rstd(C), xh(x.size()), y(x.size());
    ll::channel_moments(mean.data(), var.data(), x.data(), N, C, S);
    ll::inv_std(rstd.data(), var.data(), C, 1e-5f);
    ll::channel_normalize(xh.data(), x.data(), mean.data(), rstd.data(), N, C, S);
    ll::affine_forward(y.data(), xh.data(), g.data(), b.data(), N, C, S);
    std::vector<float> dxh(x.size()), dx(x.size()), dg(C, 0.0f), db(C, 0.0f);
    ll::affine_backward(dxh.data(), dg.data(), db.data(), dy.data(), xh.data(), g.data(), N, C, S);
    ll::channel_norm_backward(dx.data(), dxh.data(), xh.data(), rstd.data(), N, C, S);

    std::vector<float> runs[2][5];
    for (int t = 0; t < 2; ++t) {
        Threads th(t + 1);
        std::vector<float> m2(C), v2(C), r2(C), xh2(x.size()), y2(x.size()), dx2(x.size()), dg2(C, 0.0f), db2(C, 0.0f);
        ll::batch_norm_forward(y2.data(), xh2.data(), m2.data(), v2.data(), r2.data(), x.data(), g.data(), b.data(), N, C,
                               S, 1e-5f, true);
        ll::batch_norm_backward(dx2.data(), dg2.data(), db2.data(), dy.data(), xh2.data(), g.data(), r2.data(), N, C, S,
                                true);
        for (int c = 0; c < C; ++c) {
            CHECK(std::fabs(m2[c] - mean[c]) <= 1e-6f * 3.0f);
            CHECK(std::fabs(v2[c] - var[c]) <= 1e-6f * var[c]);
        }
        CHECK(lltest::closeness(ll::Tensor({int(y.size())}, y2), ll::Tensor({int(y.size())}, y)) <= 1.0);
        CHECK(lltest::closeness(ll::Tensor({int(dx.size())}, dx2), ll::Tensor({int(dx.size())}, dx)) <= 1.0);
        CHECK(lltest::closeness(ll::Tensor({C}, dg2), ll::Tensor({C}, dg), 1e-4, 1e-4) <= 1.0);
        CHECK(lltest::closeness(ll::Tensor({C}, db2), ll::Tensor({C}, db), 1e-4, 1e-4) <= 1.0);
        runs[t][0] = y2;
        runs[t][1] = dx2;
        runs[t][2] = dg2;
        runs[t][3] = db2;
        runs[t][4] = v2;
    }
    for (int k = 0; k < 5; ++k) CHECK(same_bits(runs[0][k], runs[1][k]));
}

// ---- Whole networks ----

// Every heap allocation of the test binary goes through here (a replaced global operator new), so a
// test can count the allocations a stretch of code makes.
std::atomic<long> g_allocations{0};

// Out of line, so the compiler does not pair operator new's malloc with a free it cannot see.
__attribute__((noinline)) void* counted_malloc(std::size_t n) {
    ++g_allocations;
    return std::malloc(n ? n : 1);
}
__attribute__((noinline)) void counted_free(void* p) { std::free(p); }

void* operator new(std::size_t n) {
    if (void* p = counted_malloc(n)) return p;
    throw std::bad_alloc();
}
// The nothrow form too (std::stable_sort's buffer): its memory comes back through the delete below, which
// must free what it allocated (AddressSanitizer reports the library's own nothrow new freed with free()).
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { counted_free(p); }

namespace {

struct TrainRun {
    std::vector<float> losses;
    std::vector<std::vector<float>> params, grads, buffers;
};

// `steps` SGD-with-momentum steps of a network from a fixed seed, on `threads` threads.
TrainRun train_steps(const std::string& model_text, int threads, int batch, int steps) {
    Threads th(threads);
    ll::Model m;
    lltest::build(model_text, m);
    ll::Rng rng(42);
    m.init(rng);
    ll::Tensor x = lltest::randn(ll::batch_shape(batch, m.input_shape()), rng);
    std::vector<int64_t> y(static_cast<size_t>(batch));
    for (int64_t& v : y) v = rng.below(10);
    ll::OptimConfig cfg;
    cfg.name = "sgd";
    cfg.lr = 0.05f;
    cfg.momentum = 0.9f;
    std::unique_ptr<ll::Optimizer> opt = ll::make_optimizer(cfg);
    ll::StepScratch scratch;
    ll::Targets t;
    t.classes = y.data();
    TrainRun r;
    for (int s = 0; s < steps; ++s)
        r.losses.push_back(ll::train_step(m, *opt, x, t, ll::LossKind::CrossEntropy, 0.0f, scratch).loss);
    for (const ll::ParamRef& p : m.params()) {
        r.params.push_back(p.value->values());
        r.grads.push_back(p.grad->values());
    }
    for (const ll::BufferRef& b : m.buffers())
        if (b.value) r.buffers.push_back(b.value->values());
    r.losses.push_back(ll::train_step(m, *opt, x, t, ll::LossKind::CrossEntropy, 0.0f, scratch).loss);
    const ll::Tensor& out = m.forward(x, ll::Mode::Eval);
    r.params.push_back(out.values());  // inference too
    return r;
}

void check_same(const TrainRun& a, const TrainRun& b) {
    CHECK(same_bits(a.losses, b.losses));
    REQUIRE(a.params.size() == b.params.size());
    for (size_t i = 0; i < a.params.size(); ++i) CHECK(same_bits(a.params[i], b.params[i]));
    for (size_t i = 0; i < a.grads.size(); ++i) CHECK(same_bits(a.grads[i], b.grads[i]));
    for (size_t i = 0; i < a.buffers.size(); ++i) CHECK(same_bits(a.buffers[i], b.buffers[i]));
}

}  // namespace

TEST_CASE("training the reference networks gives the same bits on 1 and 2 threads") {
    for (const char* name : {"tiny", "standard"}) {
        INFO(name);
        const std::string text = ll::reference_model_json(name);
        const TrainRun one = train_steps(text, 1, 20, 3), two = train_steps(text, 2, 20, 3);
        check_same(one, two);
        for (float l : one.losses) CHECK(std::isfinite(l));
    }
}

#if !defined(__EMSCRIPTEN__)  // the WebAssembly test build has no threads to start
TEST_CASE("two engines of one process train at once, each on its own thread count, with the same bits") {
    // The desktop's Training lab: a run on two threads and one on one, side by side, share the pool's
    // workers; whichever dispatches second runs that job inline. Each thread's count is its own.
    const std::string text = ll::reference_model_json("tiny");
    const TrainRun alone = train_steps(text, 1, 20, 3);
    TrainRun a, b;
    int a_threads = 0, b_threads = 0, fresh_threads = 0;
    std::thread ta([&] {
        a = train_steps(text, 2, 20, 3);
        a_threads = ll::num_threads();  // back to this thread's own setting
    });
    std::thread tb([&] {
        fresh_threads = ll::num_threads();
        b = train_steps(text, 1, 20, 3);
        b_threads = ll::num_threads();
    });
    ta.join();
    tb.join();
    check_same(alone, a);
    check_same(alone, b);
    CHECK(a_threads == 1);
    CHECK(b_threads == 1);
    CHECK(fresh_threads == 1);  // a new thread starts at one

    Threads th(2);
    int seen_there = 0;
    std::thread other([&] { seen_there = ll::num_threads(); });
    other.join();
    CHECK(ll::num_threads() == 2);
    CHECK(seen_there == 1);  // this thread's setting is not the other's
}
#endif

TEST_CASE("odd geometries give the same bits on 1 and 2 threads") {
    // Groups, dilation, padding below the kernel's reach, a 1-channel map, a batch smaller than the
    // thread count's split and one that leaves a partial dW chunk.
    const std::string text = R"({"input_shape": [4, 11, 9], "layers": [
        {"type": "Conv2d", "out_channels": 6, "kernel_size": [3, 2], "padding": [2, 1], "dilation": [2, 1], "groups": 2},
        {"type": "BatchNorm2d"}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2},
        {"type": "Conv2d", "out_channels": 1, "kernel_size": 3, "padding": 1},
        {"type": "Conv2d", "out_channels": 17, "kernel_size": 1},
        {"type": "Flatten"}, {"type": "Linear", "out_features": 10}]})";
    for (int batch : {1, 3, 13}) {
        INFO("batch " << batch);
        check_same(train_steps(text, 1, batch, 2), train_steps(text, 2, batch, 2));
    }
}

TEST_CASE("forward and backward of the reference networks allocate nothing once warmed up") {
    for (int threads : {1, 2}) {
        Threads th(threads);
        for (const char* name : {"tiny", "standard"}) {
            ll::Model m;
            lltest::build(ll::reference_model_json(name), m);
            ll::Rng rng(3);
            m.init(rng);
            ll::Tensor x = lltest::randn({16, 1, 28, 28}, rng), dy = lltest::randn({16, 10}, rng);
            for (int i = 0; i < 2; ++i) {  // the first passes size every buffer
                m.forward(x, ll::Mode::Train);
                m.backward(dy);
            }
            const long before = g_allocations.load();
            for (int i = 0; i < 3; ++i) {
                m.forward(x, ll::Mode::Train);
                m.backward(dy);
                m.forward(x, ll::Mode::Eval);
            }
            INFO(name << ", " << threads << " thread(s)");
            CHECK(g_allocations.load() - before == 0);
        }
    }
}

TEST_CASE("the whole training loop allocates nothing once warmed up: sampler, gather, step, every optimizer") {
    // As `layerlab train` runs it: sample a batch, gather its rows, set the scheduled lr, train_step (loss,
    // zero_grad, backward, L1, optimizer). The networks cover BatchNorm, GroupNorm and CrossIterationBN.
    const std::string cibn = R"({"input_shape": [1, 12, 12], "layers": [
        {"type": "Conv2d", "out_channels": 4, "kernel_size": 3, "padding": 1},
        {"type": "CrossIterationBatchNorm2d", "window": 3}, {"type": "ReLU"},
        {"type": "Conv2d", "out_channels": 6, "kernel_size": 3}, {"type": "GroupNorm", "num_groups": 2},
        {"type": "Flatten"}, {"type": "Linear", "out_features": 10}]})";
    const std::string tiny = ll::reference_model_json("tiny");
    for (const char* optimizer : {"sgd", "adagrad", "rmsprop", "adam", "adamw"}) {
        for (const std::string* text : {&tiny, &cibn}) {
            ll::Model m;
            lltest::build(*text, m);
            ll::Rng rng(5);
            m.init(rng);
            m.set_rng(&rng);
            const int n = 40, batch = 8;
            ll::Tensor images = lltest::randn(ll::batch_shape(n, m.input_shape()), rng);
            std::vector<int64_t> labels(static_cast<size_t>(n));
            for (int64_t& v : labels) v = rng.below(10);
            ll::OptimConfig cfg;
            cfg.name = optimizer;
            cfg.lr = 0.01f;
            cfg.momentum = cfg.name == "adam" || cfg.name == "adamw" || cfg.name == "adagrad" ? 0.0f : 0.9f;
            cfg.centered = cfg.name == "rmsprop";
            std::unique_ptr<ll::Optimizer> opt = ll::make_optimizer(cfg);
            ll::BatchSampler sampler(n, batch, true, 7);
            std::vector<int> idx;
            std::vector<int64_t> yb;
            ll::Tensor xb;
            ll::StepScratch scratch;
            auto step = [&](long k) {
                sampler.next(idx);
                ll::gather_rows(images, idx, xb);
                ll::gather_rows(labels, idx, yb);
                ll::Targets t;
                t.classes = yb.data();
                opt->set_lr(0.01f / float(1 + k));
                return ll::train_step(m, *opt, xb, t, ll::LossKind::CrossEntropy, 1e-4f, scratch).loss;
            };
            for (long k = 0; k < 4; ++k) step(k);  // sizes every buffer, fills the CIBN window
            const long before = g_allocations.load();
            float loss = 0.0f;
            for (long k = 4; k < 14; ++k) loss = step(k);
            const long allocations = g_allocations.load() - before;
            const std::string what = std::string(optimizer) + (text == &tiny ? " on tiny" : " on the CIBN/GroupNorm net");
            INFO(what);
            CHECK(allocations == 0);
            CHECK(std::isfinite(loss));
        }
    }
}
