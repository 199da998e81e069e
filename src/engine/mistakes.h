// Finding a sample the model gets wrong, for the Network lab's "an example it gets wrong": a test
// image whose loss is large, so one training step visibly moves the prediction. The search runs the
// model in eval mode (the network's test-time answer, BatchNorm on its running statistics), a batch
// at a time, and stops at the first batch that holds a miss, so it costs a few batches when the
// network errs often and at most `limit` images when it rarely does.
#pragma once
#include "engine/data/dataset.h"
#include "engine/model.h"

namespace ll {

struct MissSearch {
    int index = -1;      // the first misclassified sample, -1 when none in the searched range
    int predicted = -1;  // the model's class for it (argmax of the output)
    int searched = 0;    // samples looked at
};

// Samples start, start + 1, ... (wrapping round from the last to 0), at most `limit` of them and never
// more than the dataset holds, are converted to the model's input shape (as dataset_input does) and
// classified `batch` at a time. The result is the first whose argmax differs from its label.
// Errors: the model is not a classifier of at least max label + 1 classes, its input is not a
// picture, or the dataset is empty. The model's cached outputs are overwritten (pass a copy to keep
// a stepper's view intact).
Status find_misclassified(Model& model, const Dataset& ds, int start, int limit, int batch, MissSearch& out);

}  // namespace ll
