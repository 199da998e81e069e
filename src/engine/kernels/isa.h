// Which instruction set the kernels are compiled for, and the namespace that keeps each build apart.
//
// The portable native build (the default on x86-64) compiles every kernels/*.cpp three times: for
// AVX-512 (-march=x86-64-v4), AVX2 with FMA (-march=x86-64-v3) and plain SSE2 (x86-64), with
// LAYERLAB_KERNEL_ISA set to avx512, avx2 or sse. Each copy lives in its own namespace (ll::avx512,
// ll::avx2, ll::sse), inline helpers of simd.h and gemm_micro.h included, so the linker never mixes
// an AVX-512 inline function into code that must run on an older processor. kernels/dispatch.cpp
// defines the public ll:: functions that the layers call; the first call picks the widest copy the
// processor runs (LAYERLAB_SIMD=avx512|avx2|sse in the environment narrows the choice, for tests).
// tests/portable_isa.py checks the binaries: AVX instructions appear in the AVX copies only. Each copy
// has its own thread-local GEMM packing buffers (gemm.cpp, 1.1 MB), which the C library zeroes for
// every thread: `layerlab train standard` on 2 threads peaks 4 MB higher (323 MB) than with one copy.
//
// Every other build (WebAssembly, -DLAYERLAB_MARCH_NATIVE=ON, a forced LAYERLAB_SIMD_WIDTH, other
// processors) compiles the kernels once, straight into namespace ll, for the compiler's target.
#pragma once

// Inside a kernels/*.cpp file, a kernel calls another of its file as isa::name(...): unqualified, a call
// with an ll:: struct argument (ConvDims, ColGeom, PoolDims) would also find the public ll::name by
// argument-dependent lookup, and the two would be ambiguous.
#if defined(LAYERLAB_KERNEL_ISA)
#define LL_KERNELS_BEGIN \
    namespace ll {       \
    namespace LAYERLAB_KERNEL_ISA {
#define LL_KERNELS_END \
    }                  \
    }
namespace ll {
namespace LAYERLAB_KERNEL_ISA {}
namespace isa = LAYERLAB_KERNEL_ISA;
}  // namespace ll
#else
#define LL_KERNELS_BEGIN namespace ll {
#define LL_KERNELS_END }
namespace ll {
namespace isa = ::ll;
}  // namespace ll
#endif

namespace ll {

// The kernels in use: "avx512", "avx2" or "sse" in the portable x86-64 build, else "compiled"
// (the compiler's target, one build), and their float vector width (16, 8, 4; 1 with SIMD off).
const char* kernel_isa();
int kernel_vector_width();
// Whether the kernels in use compute a * b + c with one rounding (FMA: the AVX2 and AVX-512 copies,
// where GCC fuses; never SSE, WebAssembly or clang's builds), which decides their last bits.
bool kernels_fuse_multiply_add();

}  // namespace ll
