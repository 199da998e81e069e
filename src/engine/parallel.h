// A small process-wide thread pool for the kernels: parallel_for(begin, end, grain, fn) splits an
// index range into contiguous chunks that the calling thread and the workers share out.
//
// Results never depend on the thread count: callers split work whose outputs are disjoint (output
// channels, rows, images) and keep every reduction's order fixed (e.g. fixed-size chunks reduced in
// chunk order), so 1 and 2 threads give the same bits.
// Built without LAYERLAB_THREADS (the WebAssembly build without -pthread) everything runs inline on
// the calling thread and set_num_threads() is a no-op; CMake sets the definition, the engine has no
// platform #ifdefs. Nested calls (from inside a parallel_for) run inline.
#pragma once
#include <cstdint>

namespace ll {

constexpr int kMaxThreads = 16;

// Elementwise, per-channel and per-plane layers split over the threads only from this many values
// (512K). Below it one thread is faster: the second core would mostly wait for cache lines the first
// one just wrote (tiny's 8x28x28 maps at batch 64 infer about 20% faster unsplit on two threads).
constexpr int64_t kParallelMinValues = int64_t(1) << 19;

// Threads used by the later parallel_for calls of the calling thread, clamped to [1, kMaxThreads] (1
// without LAYERLAB_THREADS). Each thread that runs an engine has its own setting (default 1), so two
// training runs of one process (the desktop's) can ask for different counts; they share the workers,
// and while one dispatches a job the other's run inline. Call it from the thread that runs the engine,
// not from inside a parallel_for. Inside a parallel_for chunk num_threads() is that job's count.
void set_num_threads(int n);
int num_threads();
// Threads for a run that starts while `runs_training` others train, on a machine of `cores` cores where
// a run can use at most `most`: the cores shared out, at least 1. (Two runs of two threads each on two
// cores would only take turns, and the page's own drawing needs a share too.)
int threads_per_run(int most, int cores, int runs_training);
// Which thread runs the current parallel_for chunk: 0 .. num_threads()-1 (0 for the calling thread and
// outside). A thread runs its chunks one after another, so kernels give each slot its own slice of a
// workspace of num_threads() slices.
int thread_slot();

namespace detail {
using RangeFn = void (*)(const void* ctx, int64_t lo, int64_t hi);
void run_parallel(int64_t begin, int64_t end, int64_t grain, RangeFn fn, const void* ctx);
}  // namespace detail

// Calls fn(lo, hi) on contiguous chunks covering [begin, end), each at least `grain` indices long
// (except when the range is shorter), on at most num_threads() threads at once; returns when all are
// done. The threads claim chunks (a few per thread) as they get to them, so one that starts late on a
// busy machine does not hold the others up. fn is passed by reference through a plain function
// pointer: no std::function, no allocation.
template <class Fn>
void parallel_for(int64_t begin, int64_t end, int64_t grain, const Fn& fn) {
    if (end <= begin) return;
    detail::run_parallel(begin, end, grain,
                         [](const void* ctx, int64_t lo, int64_t hi) { (*static_cast<const Fn*>(ctx))(lo, hi); },
                         &fn);
}

}  // namespace ll
