// Single-precision matrix multiply, row-major, BLAS-style: C = alpha * op(A) * op(B) + beta * C.
// op(A) is M x K, op(B) is K x N, C is M x N; op(X) = X^T when trans_x. lda/ldb/ldc are row strides
// of the matrices as stored (A is M x K when !trans_a, K x M when trans_a). beta == 0 ignores C's old
// values (NaN-safe, as BLAS). No heap allocation: the packing buffers are fixed-size thread-locals.
// Called outside a parallel_for with enough work, sgemm splits C into column (or row) blocks over the
// threads (engine/parallel.h); every element sums in the same order either way: k slices of 256,
// each from zero in k order, added to C in order (bit-identical for any thread count or SIMD width).
// Reference: Goto & van de Geijn, "Anatomy of high-performance matrix multiplication" (2008); the
// BLIS micro-kernel design (van Zee & van de Geijn, 2015).
#pragma once

namespace ll {

void sgemm(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
           const float* B, int ldb, float beta, float* C, int ldc);

// The textbook triple loop (double accumulator), for tests and as the definition sgemm must match.
void sgemm_naive(bool trans_a, bool trans_b, int M, int N, int K, float alpha, const float* A, int lda,
                 const float* B, int ldb, float beta, float* C, int ldc);

}  // namespace ll
