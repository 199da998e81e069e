// One core's float32 SIMD128 peak in WebAssembly: the ceiling the wasm Conv2d is measured against.
// WebAssembly SIMD128 has no fused multiply-add (relaxed-simd is not enabled here), so each step is an
// f32x4 multiply then an f32x4 add: 8 flops per chain step. Twelve independent accumulator chains hide
// the mul->add latency, enough to keep two multiply and two add pipes busy (AMD Zen: 3-cycle latency
// each, so 12 chains x 2 ops / 6 cycles = 4 ops a cycle). Prints GFLOP/s, the best of REPS timed runs.
// Build: em++ -O3 -msimd128 simd128_peak.cpp (tools/bench/build_web_bench.sh builds it for Node and
// as a Worker factory).  Usage: node --no-experimental-fetch simd128_peak.js [REPS]  (default 200)
#include <wasm_simd128.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

constexpr int kChains = 12;
constexpr double kFlopsPerStep = 2.0 * 4 * kChains;  // (mul + add) x 4 lanes x chains

// Named accumulators so the compiler keeps them in registers. main calls this through a volatile
// pointer: inlined into main (Binaryen inlines a function with one caller whatever `noinline` says),
// the loop would run once in V8's baseline compiler (Liftoff) at a fraction of the speed, since V8
// swaps in its optimised code only at a function's next call.
void run(v128_t* acc, v128_t a, v128_t b, long iters) {
    v128_t r0 = acc[0], r1 = acc[1], r2 = acc[2], r3 = acc[3], r4 = acc[4], r5 = acc[5];
    v128_t r6 = acc[6], r7 = acc[7], r8 = acc[8], r9 = acc[9], r10 = acc[10], r11 = acc[11];
    for (long i = 0; i < iters; ++i) {
        r0 = wasm_f32x4_add(wasm_f32x4_mul(r0, a), b);
        r1 = wasm_f32x4_add(wasm_f32x4_mul(r1, a), b);
        r2 = wasm_f32x4_add(wasm_f32x4_mul(r2, a), b);
        r3 = wasm_f32x4_add(wasm_f32x4_mul(r3, a), b);
        r4 = wasm_f32x4_add(wasm_f32x4_mul(r4, a), b);
        r5 = wasm_f32x4_add(wasm_f32x4_mul(r5, a), b);
        r6 = wasm_f32x4_add(wasm_f32x4_mul(r6, a), b);
        r7 = wasm_f32x4_add(wasm_f32x4_mul(r7, a), b);
        r8 = wasm_f32x4_add(wasm_f32x4_mul(r8, a), b);
        r9 = wasm_f32x4_add(wasm_f32x4_mul(r9, a), b);
        r10 = wasm_f32x4_add(wasm_f32x4_mul(r10, a), b);
        r11 = wasm_f32x4_add(wasm_f32x4_mul(r11, a), b);
    }
    acc[0] = r0; acc[1] = r1; acc[2] = r2; acc[3] = r3; acc[4] = r4; acc[5] = r5;
    acc[6] = r6; acc[7] = r7; acc[8] = r8; acc[9] = r9; acc[10] = r10; acc[11] = r11;
}

}  // namespace

int main(int argc, char** argv) {
    const int reps = argc > 1 ? std::atoi(argv[1]) : 200;
    // r -> r*a + b converges to b/(1-a) = 0.1: no overflow, no denormals, whatever the run length.
    // Read through volatiles so the compiler cannot turn a and b into constants inside the loop
    // (v128.const operands there would cost the engine extra instructions per step).
    volatile float va = 0.999999f, vb = 1e-7f;
    const v128_t a = wasm_f32x4_splat(va), b = wasm_f32x4_splat(vb);
    v128_t acc[kChains];
    for (v128_t& r : acc) r = a;
    // ~5 ms a run at 50 GFLOP/s: long against a browser's coarse clock (100 us without cross-origin
    // isolation), short enough that the best run is one no other process interrupted.
    const long iters = 2500000;
    void (*volatile run_fn)(v128_t*, v128_t, v128_t, long) = run;
    double best = 0.0;
    for (int rep = 0; rep < (reps > 0 ? reps : 1); ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        run_fn(acc, a, b, iters);
        const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double gflops = dt > 0 ? kFlopsPerStep * double(iters) / dt / 1e9 : 0.0;
        if (gflops > best) best = gflops;
    }
    float sink = 0.0f;  // consume the accumulators so the loop is not dead code
    for (const v128_t& r : acc) sink += wasm_f32x4_extract_lane(r, 0);
    std::printf("%.2f\n", best + double(sink) * 0.0);
    return 0;
}
