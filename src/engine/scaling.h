// Feature scaling of data before it reaches a model (the Normalization lab's "scale the inputs" step).
// A Scaler is fitted on one tensor (the training set) and applied to others (the test set) with the
// training statistics, and inverted. Statistics are per feature of a (N, F) tensor, or per channel of
// a (N, C, H, W) (or any (N, C, ...)) tensor over the batch and every spatial position:
//   min-max   y = (x - min) / (max - min)          -> [0, 1] on the fitted data
//   z-score   y = (x - mean) / std                 -> mean 0, std 1 on the fitted data; std is the
//             population one (divides by the count), as sklearn's StandardScaler
// A constant feature (max == min) gets scale 1, so it maps to 0 and never to NaN (sklearn's choice).
// Sums run in double.
#pragma once
#include <string>

#include "engine/status.h"
#include "engine/tensor.h"

namespace ll {

enum class ScaleKind { MinMax, ZScore };

const char* scale_kind_name(ScaleKind k);                      // "minmax", "zscore"
Status parse_scale_kind(const std::string& s, ScaleKind& out);  // the names above

// y = (x - shift_f) / scale_f for feature (channel) f.
struct Scaler {
    ScaleKind kind = ScaleKind::ZScore;
    Tensor shift;  // (F): min (MinMax) or mean (ZScore)
    Tensor scale;  // (F): max - min or population std; 1 where the feature is constant
    int features() const { return int(shift.numel()); }
    bool fitted() const { return !shift.empty(); }
};

// x: (N, F) or (N, C, ...) with at least one value per feature.
Status fit_scaler(const Tensor& x, ScaleKind kind, Scaler& out);
// x: (N', F) or (N', C, ...) with the fitted F (C); the spatial size and N' may differ from the fit's.
// y is resized to x's shape.
Status scaler_transform(const Scaler& s, const Tensor& x, Tensor& y);
// The inverse map, x = y * scale_f + shift_f.
Status scaler_inverse(const Scaler& s, const Tensor& y, Tensor& x);

}  // namespace ll
