// The pool behind parallel_for (see parallel.h). Workers are started on first use and live until the
// process ends. A job is published in one atomic claim word (job id, chunk count, next chunk) and by
// bumping a generation counter; workers spin briefly on that before sleeping on a condition variable,
// because layers hand out jobs back to back (tens of microseconds apart) and a futex wake-up costs
// about as much as a small layer. The caller works through the chunks too and then waits only for
// chunks already taken, so a worker that is not scheduled costs no more than running on one thread.
#include "engine/parallel.h"

#include <algorithm>

#if defined(LAYERLAB_THREADS)
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace ll {

namespace {

thread_local int t_slot = 0;  // part index of the running parallel_for part

}  // namespace

int thread_slot() { return t_slot; }

int threads_per_run(int most, int cores, int runs_training) {
    const int share = std::max(cores, 1) / (std::max(runs_training, 0) + 1);
    return std::max(1, std::min(most, share));
}

#if !defined(LAYERLAB_THREADS)

void set_num_threads(int) {}
int num_threads() { return 1; }

void detail::run_parallel(int64_t begin, int64_t end, int64_t, RangeFn fn, const void* ctx) { fn(ctx, begin, end); }

#else

namespace {

thread_local bool t_in_parallel = false;
thread_local int t_threads = 1;      // this thread's set_num_threads
thread_local int t_job_threads = 1;  // inside a chunk: the running job's thread count

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

// About 100 microseconds of polling (a pause is ~20-60 ns) before a thread goes to sleep.
constexpr int kSpin = 4000;
// Chunks per thread: a thread that is slow to start (descheduled on a busy machine) leaves its share
// to the others instead of holding them up.
constexpr int64_t kChunksPerThread = 4;

// The claim word: job id (20 bits) | threads - 1 (4) | chunk count (20) | next chunk (20). One atomic
// word, so a thread can never take a chunk of a job other than the one whose count it checked, and
// workers numbered past the job's thread count (left from an earlier, larger setting) stay out: the
// kernels' workspaces have one slice per thread of the job.
constexpr int kIdxBits = 20;
constexpr uint64_t kIdxMask = (uint64_t(1) << kIdxBits) - 1;
static_assert(kMaxThreads <= 16, "the claim word holds threads - 1 in 4 bits");
uint64_t claim_word(uint64_t id, uint64_t threads, uint64_t chunks, uint64_t next) {
    return (id << (2 * kIdxBits + 4)) | ((threads - 1) << (2 * kIdxBits)) | (chunks << kIdxBits) | next;
}

class Pool {
public:
    ~Pool() {
        {
            std::lock_guard<std::mutex> lock(m_);
            stop_.store(true, std::memory_order_release);
            gen_.fetch_add(1, std::memory_order_release);
        }
        work_cv_.notify_all();
        for (std::thread& t : workers_) t.join();
    }

    void run(int64_t begin, int64_t end, int64_t grain, detail::RangeFn fn, const void* ctx) {
        const int threads = t_threads;
        const int64_t len = end - begin;
        const int64_t chunks = std::min(std::min(len / std::max<int64_t>(1, grain), threads * kChunksPerThread),
                                        int64_t(kIdxMask));
        // One thread, one chunk or a nested call (whose dispatcher holds dispatch_): run inline.
        if (threads <= 1 || chunks <= 1 || t_in_parallel) {
            fn(ctx, begin, end);
            return;
        }
        std::unique_lock<std::mutex> dispatch(dispatch_, std::try_to_lock);
        if (!dispatch.owns_lock()) {
            // Another engine's thread (a second training run of the process) holds the workers: this
            // job runs here as slot 0 alone, and what it calls inline too, as a nested call would.
            t_in_parallel = true;
            t_job_threads = threads;
            fn(ctx, begin, end);
            t_in_parallel = false;
            return;
        }
        grow(threads - 1);
        job_id_ = (job_id_ + 1) & ((uint64_t(1) << 20) - 1);
        job_ = Job{fn, ctx, begin, end, chunks};
        done_.store(0, std::memory_order_relaxed);
        claim_.store(claim_word(job_id_, uint64_t(threads), uint64_t(chunks), 0), std::memory_order_release);
        {
            std::lock_guard<std::mutex> lock(m_);
            gen_.fetch_add(1, std::memory_order_release);
        }
        work_cv_.notify_all();
        t_in_parallel = true;
        t_job_threads = threads;
        work(0);
        t_in_parallel = false;
        wait_done(chunks);
    }

private:
    struct Job {
        detail::RangeFn fn = nullptr;
        const void* ctx = nullptr;
        int64_t begin = 0, end = 0, chunks = 0;
    };

    // Claims and runs chunks of the published job until none is left, as thread `slot`. job_ is read
    // only after a chunk is claimed: the job cannot finish (nor be replaced) before that chunk is done.
    void work(int slot) {
        uint64_t v = claim_.load(std::memory_order_acquire);
        for (;;) {
            const uint64_t chunks = (v >> kIdxBits) & kIdxMask, idx = v & kIdxMask;
            const int threads = int((v >> (2 * kIdxBits)) & 15) + 1;
            if (idx >= chunks || slot >= threads) return;
            if (!claim_.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel, std::memory_order_acquire)) continue;
            t_job_threads = threads;
            const int64_t len = job_.end - job_.begin;
            const int64_t lo = job_.begin + len * int64_t(idx) / int64_t(chunks);
            const int64_t hi = job_.begin + len * int64_t(idx + 1) / int64_t(chunks);
            job_.fn(job_.ctx, lo, hi);
            if (done_.fetch_add(1, std::memory_order_acq_rel) + 1 == int64_t(chunks)) {
                std::lock_guard<std::mutex> lock(m_);
                done_cv_.notify_one();
            }
            v = claim_.load(std::memory_order_acquire);
        }
    }

    // Waits for the chunks other threads claimed.
    void wait_done(int64_t chunks) {
        for (int i = 0; i < kSpin; ++i) {
            if (done_.load(std::memory_order_acquire) == chunks) return;
            cpu_relax();
        }
        std::unique_lock<std::mutex> lock(m_);
        done_cv_.wait(lock, [&] { return done_.load(std::memory_order_acquire) == chunks; });
    }

    // Starts workers 1 .. n (worker w runs as thread slot w).
    void grow(int n) {
        while (int(workers_.size()) < n) {
            const int w = int(workers_.size()) + 1;
            // The generation is read here, before the job is published: a thread that starts late
            // still sees that job as new.
            const uint64_t seen = gen_.load(std::memory_order_acquire);
            workers_.emplace_back([this, w, seen] { worker(w, seen); });
        }
    }

    void worker(int w, uint64_t seen) {
        t_slot = w;
        t_in_parallel = true;
        for (;;) {
            uint64_t g = seen;
            for (int i = 0; i < kSpin && g == seen; ++i) {
                cpu_relax();
                g = gen_.load(std::memory_order_acquire);
            }
            if (g == seen) {
                std::unique_lock<std::mutex> lock(m_);
                work_cv_.wait(lock, [&] { return gen_.load(std::memory_order_acquire) != seen; });
                g = gen_.load(std::memory_order_acquire);
            }
            seen = g;
            if (stop_.load(std::memory_order_acquire)) return;
            work(w);
        }
    }

    std::mutex dispatch_;  // one dispatching thread at a time
    std::mutex m_;
    std::condition_variable work_cv_, done_cv_;
    std::atomic<uint64_t> gen_{0};    // bumped to wake the workers
    std::atomic<uint64_t> claim_{0};  // see claim_word
    std::atomic<int64_t> done_{0};    // chunks of the current job finished
    std::atomic<bool> stop_{false};
    uint64_t job_id_ = 0;
    Job job_;
    std::vector<std::thread> workers_;
};

Pool& pool() {
    static Pool p;
    return p;
}

}  // namespace

void set_num_threads(int n) { t_threads = std::clamp(n, 1, kMaxThreads); }
int num_threads() { return t_in_parallel ? t_job_threads : t_threads; }

void detail::run_parallel(int64_t begin, int64_t end, int64_t grain, RangeFn fn, const void* ctx) {
    pool().run(begin, end, grain, fn, ctx);
}

#endif

}  // namespace ll
