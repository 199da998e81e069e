// find_misclassified (mistakes.h): batched eval-mode forward passes over a window of the dataset.
#include "engine/mistakes.h"

#include <algorithm>
#include <cstring>

#include "engine/data/image.h"
#include "engine/trainer.h"

namespace ll {

Status find_misclassified(Model& model, const Dataset& ds, int start, int limit, int batch, MissSearch& out) {
    out = MissSearch();
    const int N = ds.size();
    if (N == 0 || ds.images.ndim() != 4) return Status::error("the dataset is empty");
    const Shape& classes = model.output_shape();
    if (classes.size() != 1) return Status::error("the model has no classifier (its output is not a vector of scores)");
    for (int64_t y : ds.labels)
        if (y < 0 || y >= classes[0])
            return Status::error("label " + std::to_string(y) + " is not one of the model's " +
                                 std::to_string(classes[0]) + " classes");
    int C = 0, H = 0, W = 0;
    LL_TRY(input_chw(model.input_shape(), C, H, W));
    const size_t per = size_t(C) * size_t(H) * size_t(W);
    limit = std::min(std::max(limit, 0), N);
    batch = std::max(batch, 1);
    start = ((start % N) + N) % N;
    // Samples already in the model's shape are copied as they are; others go through the same
    // conversion as a single picked input, so the search and the picked input agree exactly.
    const bool same = ds.images.dim(1) == C && ds.images.dim(2) == H && ds.images.dim(3) == W;
    Tensor xb, one;
    for (int done = 0; done < limit;) {
        const int n = std::min(batch, limit - done);
        xb.resize({n, C, H, W});  // (n, C, H, W)
        for (int k = 0; k < n; ++k) {
            const int i = (start + done + k) % N;
            if (same) {
                std::memcpy(xb.data() + size_t(k) * per, ds.images.data() + size_t(i) * per, per * sizeof(float));
            } else {
                LL_TRY(dataset_input(ds, i, C, H, W, one));
                std::memcpy(xb.data() + size_t(k) * per, one.data(), per * sizeof(float));
            }
        }
        const Tensor& logits = model.forward(xb, Mode::Eval);  // (n, classes)
        const int K = logits.dim(1);
        for (int k = 0; k < n; ++k) {
            const int i = (start + done + k) % N;
            const int pred = argmax_row(logits.data() + size_t(k) * size_t(K), K);
            if (pred != ds.labels[size_t(i)]) {
                out.index = i;
                out.predicted = pred;
                out.searched = done + k + 1;
                return Status::ok();
            }
        }
        done += n;
        out.searched = done;
    }
    return Status::ok();
}

}  // namespace ll
