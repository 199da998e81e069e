// One core's float32 FMA peak: independent chains of fused multiply-adds on vectors as wide as the
// target allows (GCC vector extensions: 16 floats with AVX-512, 8 with AVX2, 4 with SIMD128), enough
// chains to cover the FMA latency on two pipes. Prints GFLOP/s (2 flops per FMA lane), best of a few runs.
// Build: g++ -O2 -march=native fma_peak.cpp  (add -mprefer-vector-width=512 -DWIDTH=16 for AVX-512).
#include <chrono>
#include <cstdio>

#ifndef WIDTH
#define WIDTH 16
#endif
typedef float vec __attribute__((vector_size(WIDTH * 4)));
constexpr int kChains = 12;

// Twelve independent accumulators in registers (named, so the compiler cannot keep them in memory).
__attribute__((noinline)) void run(vec* acc, vec a, vec b, long iters) {
    vec r0 = acc[0], r1 = acc[1], r2 = acc[2], r3 = acc[3], r4 = acc[4], r5 = acc[5];
    vec r6 = acc[6], r7 = acc[7], r8 = acc[8], r9 = acc[9], r10 = acc[10], r11 = acc[11];
    for (long i = 0; i < iters; ++i) {
        r0 = r0 * a + b; r1 = r1 * a + b; r2 = r2 * a + b; r3 = r3 * a + b;
        r4 = r4 * a + b; r5 = r5 * a + b; r6 = r6 * a + b; r7 = r7 * a + b;
        r8 = r8 * a + b; r9 = r9 * a + b; r10 = r10 * a + b; r11 = r11 * a + b;
    }
    acc[0] = r0; acc[1] = r1; acc[2] = r2; acc[3] = r3; acc[4] = r4; acc[5] = r5;
    acc[6] = r6; acc[7] = r7; acc[8] = r8; acc[9] = r9; acc[10] = r10; acc[11] = r11;
}

int main() {
    vec acc[kChains], a, b;
    for (int i = 0; i < WIDTH; ++i) { a[i] = 0.999999f; b[i] = 1e-7f; }
    for (int c = 0; c < kChains; ++c) acc[c] = a;
    const long iters = 500000;  // ~1 ms a run: short runs dodge time slices lost to other processes
    double best = 0;
    for (int rep = 0; rep < 200; ++rep) {
        auto t0 = std::chrono::steady_clock::now();
        run(acc, a, b, iters);
        double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        double gf = 2.0 * WIDTH * kChains * double(iters) / dt / 1e9;
        if (gf > best) best = gf;
    }
    float s = 0;
    for (int c = 0; c < kChains; ++c) s += acc[c][0];
    std::printf("%.1f\n", best + s * 0.0);
    return 0;
}
