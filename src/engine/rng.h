// Rng: a seeded generator (xoshiro128+ core, splitmix64 seeding) with the draws the engine needs.
// Every random draw in LayerLab takes an explicit Rng&, so a seed gives the same numbers natively and in
// WebAssembly (no std::distribution, whose results differ between standard libraries).
#pragma once
#include <cmath>
#include <cstdint>

namespace ll {

class Rng {
public:
    explicit Rng(uint64_t seed = 42) { reseed(seed); }
    void reseed(uint64_t seed) {
        for (uint32_t& word : s_) {
            seed += 0x9E3779B97F4A7C15ull;
            uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            word = uint32_t((z ^ (z >> 31)) >> 16);
        }
        if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;
    }
    uint32_t next_u32() {
        const uint32_t result = rotl(s_[0] + s_[3], 7) + s_[0];
        const uint32_t t = s_[1] << 9;
        s_[2] ^= s_[0]; s_[3] ^= s_[1]; s_[1] ^= s_[2]; s_[0] ^= s_[3];
        s_[2] ^= t; s_[3] = rotl(s_[3], 11);
        return result;
    }
    // Uniform in [0, 1) with 24 random bits (exactly representable as float).
    float uniform() { return float(next_u32() >> 8) * (1.0f / 16777216.0f); }
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    // Standard normal by Box-Muller (float math only, reproducible across platforms).
    float normal() {
        float u1 = uniform();
        while (u1 <= 0.0f) u1 = uniform();
        const float u2 = uniform();
        return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.28318530717958647692f * u2);
    }
    // Uniform integer in [0, n).
    uint32_t below(uint32_t n) { return uint32_t((uint64_t(next_u32()) * n) >> 32); }

private:
    static uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
    uint32_t s_[4];
};

}  // namespace ll
