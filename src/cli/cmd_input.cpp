// `layerlab input`: a network input built exactly as the page's Network lab builds it (the same engine
// code, engine/data/image.h), written as safetensors "input" (1, C, H, W) and, for a dataset sample,
// "label" (1) I64. And the hidden `layerlab export-dataset`, which writes a dataset split as IDX files
// (tools/prepare_web_assets.sh gzips them into the page's preloaded data), so the page's MNIST split
// is the engine's own.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/common.h"
#include "engine/data/dataset.h"
#include "engine/data/image.h"
#include "engine/io.h"

namespace llcli {

namespace {

void put_be32(std::string& s, uint32_t v) {
    for (int i = 3; i >= 0; --i) s += char((v >> (8 * i)) & 0xFF);
}

}  // namespace

int cmd_input(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    const std::string model = a.str("model"), image = a.str("image"), data = a.str("data"), out = a.str("out");
    const int index = a.integer("index", -1, 0);
    const ll::MemoryLimit limit = read_memory_limit(a);
    const std::string usage =
        "usage: layerlab input --model MODEL.json (--image FILE | --data fashion-mnist|mnist|DIR --index I) --out X.safetensors";
    if (ll::Status st = a.finish(); !st) return fail(st);
    if (model.empty() || out.empty() || image.empty() == data.empty() || (!data.empty() && index < 0) ||
        (!image.empty() && index >= 0) || !a.positional().empty())
        return fail(usage);
    ll::Model m;
    if (ll::Status st = load_model(model, m, limit); !st) return fail(st);
    int C = 0, H = 0, W = 0;
    if (ll::Status st = ll::input_chw(m.input_shape(), C, H, W); !st) return fail(st.with_context(model + ": "));

    ll::TensorFile f;
    ll::Tensor x;  // (1, C, H, W)
    if (!image.empty()) {
        std::string bytes;
        if (ll::Status st = ll::read_file(image, bytes); !st) return fail(st);
        if (ll::Status st = ll::image_bytes_to_input(bytes, C, H, W, x); !st)
            return fail(st.with_context(image + ": not an image LayerLab can read (PNG, JPEG, BMP, GIF): "));
        f.put("input", x);
        std::printf("input %s from %s\n", ll::shape_str(x.shape()).c_str(), image.c_str());
    } else {
        ll::Dataset ds;
        if (ll::Status st = load_dataset(data, "test", ds); !st) return fail(st);
        if (ll::Status st = ll::dataset_input(ds, index, C, H, W, x); !st) return fail(st.with_context(data + ": "));
        f.put("input", x);
        const int64_t label = ds.labels[size_t(index)];
        f.put_i64("label", {1}, {label});
        const std::string name = size_t(label) < ds.class_names.size() ? ds.class_names[size_t(label)] : "";
        std::printf("input %s from %s #%d, label %lld (%s)\n", ll::shape_str(x.shape()).c_str(), data.c_str(), index,
                    static_cast<long long>(label), name.c_str());
    }
    double sum = 0.0;
    for (float v : x.values()) sum += v;
    std::printf("sum %.6f\n", sum);
    if (ll::Status st = ll::write_tensor_file(out, f); !st) return fail(st);
    return 0;
}

// export-dataset --data NAME --split test|train --out DIR [--limit N]: DIR/{t10k,train}-{images-idx3,labels-idx1}-ubyte,
// the first N images only with --limit (the page's starter set: the same indices as the whole set).
int cmd_export_dataset(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    const std::string data = a.str("data"), split = a.str("split", "test"), dir = a.str("out");
    const std::string limit_text = a.str("limit", "0");
    if (ll::Status st = a.finish(); !st) return fail(st);
    const int limit = std::atoi(limit_text.c_str());
    if (data.empty() || dir.empty() || (split != "test" && split != "train") || limit < 0)
        return fail("usage: layerlab export-dataset --data fashion-mnist|mnist|DIR --split test|train --out DIR [--limit N]");
    ll::Dataset all, ds;
    if (ll::Status st = load_dataset(data, split, all); !st) return fail(st);
    const int total = all.size();
    if (limit > 0 && limit < total) ll::dataset_slice(all, 0, limit, ds);
    else ds = std::move(all);
    const int N = ds.size(), C = ds.images.dim(1), H = ds.images.dim(2), W = ds.images.dim(3);
    if (C != 1) return fail(data + ": IDX files hold grey images; this dataset has " + std::to_string(C) + " channels");
    std::string images, labels;
    put_be32(images, 0x00000803);
    put_be32(images, uint32_t(N));
    put_be32(images, uint32_t(H));
    put_be32(images, uint32_t(W));
    images.reserve(images.size() + ds.images.numel());
    for (float v : ds.images.values()) {
        const float c = v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
        images += char(uint8_t(int(c * 255.0f + 0.5f)));
    }
    put_be32(labels, 0x00000801);
    put_be32(labels, uint32_t(N));
    for (int64_t l : ds.labels) labels += char(uint8_t(l));
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const std::string stem = dir + "/" + (split == "test" ? "t10k" : "train");
    if (ll::Status st = ll::write_file(stem + "-images-idx3-ubyte", images); !st) return fail(st);
    if (ll::Status st = ll::write_file(stem + "-labels-idx1-ubyte", labels); !st) return fail(st);
    std::printf("wrote %d of %d images (%dx%d) and labels to %s-{images-idx3,labels-idx1}-ubyte\n", N, total, H, W, stem.c_str());
    return 0;
}

}  // namespace llcli
