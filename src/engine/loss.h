// Losses with their gradients, as torch.nn.functional computes them (reduction = 'mean').
// cross_entropy takes raw logits and class indices: loss = mean_n (logsumexp(x_n) - x_n[t_n]), computed
// with the row maximum subtracted (log-sum-exp trick) so large logits cannot overflow exp().
// Every function resizes its output tensor (keeping the allocation) and never allocates otherwise.
#pragma once
#include <cstdint>

#include "engine/tensor.h"

namespace ll {

// Mean cross-entropy from logits (N, C) and class indices; writes dlogits (N, C) = (softmax - onehot)/N.
// Returns the loss. Targets must be in [0, C) (the caller checks its labels).
float cross_entropy(const Tensor& logits, const int64_t* target, Tensor& dlogits);
// Mean squared error over all elements; writes dpred = 2*(pred - target)/numel. Returns the loss.
float mse_loss(const Tensor& pred, const Tensor& target, Tensor& dpred);
// Softmax probabilities of logits (N, C) into probs.
void softmax_rows(const Tensor& logits, Tensor& probs);

}  // namespace ll
