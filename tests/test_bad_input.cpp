// Issue 15's bad inputs at the engine's doors: files that are not regular files, oversized models,
// shape arithmetic that used to overflow int, non-finite arguments. Each case once crashed, aborted or
// passed silently; now each is a Status whose message names what is at fault.
#include <cstdio>
#include <string>

#include "engine/io.h"
#include "tests/test_util.h"

namespace {

ll::Status build(const std::string& text, ll::Model& m, const ll::MemoryLimit& limit = ll::MemoryLimit()) {
    ll::Json j;
    ll::Status st = ll::parse_json(text, j);
    REQUIRE(st.is_ok());
    return ll::Model::from_json(j, m, limit);
}

// The model's error, which must exist and mention every needle.
void expect_refused(const std::string& text, std::initializer_list<const char*> needles,
                    const ll::MemoryLimit& limit = ll::MemoryLimit()) {
    ll::Model m;
    const ll::Status st = build(text, m, limit);
    REQUIRE_MESSAGE(!st.is_ok(), text);
    for (const char* n : needles) CHECK_MESSAGE(st.message().find(n) != std::string::npos, st.message());
}

}  // namespace

TEST_CASE("read_file: folders, devices and oversized files are refused before reading") {
    std::string out;
    ll::Status st = ll::read_file("/tmp", out);
    REQUIRE(!st.is_ok());
    CHECK(st.message().find("/tmp: is a folder") != std::string::npos);
    st = ll::read_file("/dev/zero", out);
    REQUIRE(!st.is_ok());
    CHECK(st.message().find("not a regular file") != std::string::npos);
    const std::string p = "/tmp/layerlab_test_read_file_limit.txt";
    REQUIRE(ll::write_file(p, std::string(100, 'x')).is_ok());
    CHECK(ll::read_file(p, out, 100).is_ok());
    CHECK(out.size() == 100);
    st = ll::read_file(p, out, 99);
    REQUIRE(!st.is_ok());
    CHECK(st.message().find("100 bytes") != std::string::npos);
    std::remove(p.c_str());
}

TEST_CASE("Model: oversized layers are refused by the memory limit before allocating") {
    // 10^9 output channels: a range check.
    expect_refused(R"({"input_shape": [1, 8, 8], "layers": [{"type": "Conv2d", "out_channels": 1000000000, "kernel_size": 3}]})",
                   {"layer 0 (Conv2d)", "out_channels", "at most"});
    // A 16 GiB weight (4096 x 1024 x 32 x 32 floats), 32 GiB with its gradient.
    expect_refused(R"({"input_shape": [1024, 32, 32], "layers": [{"type": "Conv2d", "out_channels": 4096, "kernel_size": 32}]})",
                   {"layer 0 (Conv2d)", "weight 4096x1024x32x32", "32 GiB", "at most 1.0 GiB"});
    expect_refused(R"({"input_shape": [10000], "layers": [{"type": "Linear", "out_features": 67108864}]})",
                   {"layer 0 (Linear)", "weight 67108864x10000", "TiB"});
    expect_refused(R"({"input_shape": [1, 8, 8], "layers": [{"type": "LocalContrastNorm", "size": 2147483645}]})",
                   {"layer 0 (LocalContrastNorm)", "'size'", "at most"});
    expect_refused(R"({"input_shape": [1, 8, 8], "layers": [{"type": "Conv2d", "out_channels": 1, "kernel_size": 3, "dilation": 2000000000}]})",
                   {"'dilation'", "at most 65536"});
    // The hint and the total: two layers of 600 MB each pass alone but not together.
    ll::MemoryLimit limit;
    limit.hint = "raise it";
    expect_refused(R"({"input_shape": [8192], "layers": [{"type": "Linear", "out_features": 9000, "bias": false},
                                                          {"type": "Linear", "out_features": 8192, "bias": false}]})",
                   {"layer 1 (Linear)", "already holds", "(raise it)"}, limit);
    // A smaller limit (the page's) refuses what the default accepts; a larger one accepts more.
    const char* mid = R"({"input_shape": [4096], "layers": [{"type": "Linear", "out_features": 4096}]})";
    ll::Model m;
    CHECK(build(mid, m).is_ok());
    CHECK(m.state_bytes() >= int64_t(2) * 4096 * 4096 * 4);
    limit.bytes = 64 << 20;
    expect_refused(mid, {"weight 4096x4096", "128 MiB with its gradient", "at most 64 MiB"}, limit);
}

TEST_CASE("Model: a batch whose activations pass the limit is refused by check_batch") {
    ll::MemoryLimit limit;
    limit.bytes = 8 << 20;
    ll::Model m;
    REQUIRE(build(R"({"input_shape": [4, 64, 64], "layers": [{"type": "Conv2d", "out_channels": 8, "kernel_size": 3, "padding": 1}]})",
                  m, limit).is_ok());
    CHECK(m.check_batch(1, ll::Mode::Train).is_ok());
    const ll::Status st = m.check_batch(64, ll::Mode::Train);
    REQUIRE(!st.is_ok());
    CHECK(st.message().find("a batch of 64 samples needs") != std::string::npos);
    CHECK(st.message().find("layer 0 (Conv2d)") != std::string::npos);
}

TEST_CASE("Conv2d, ConvTranspose2d, pooling: shape arithmetic in 64 bits, arguments range-checked") {
    // The largest accepted arguments overflow int in D*(K-1) and I+2P; the messages show true sizes.
    expect_refused(R"({"input_shape": [1, 8, 8], "layers": [{"type": "Conv2d", "out_channels": 1, "kernel_size": 65536, "dilation": 65536}]})",
                   {"dilated kernel 4294901761x4294901761", "padded input 8x8"});
    expect_refused(R"({"input_shape": [1, 8, 8], "layers": [{"type": "Conv2d", "out_channels": 1, "kernel_size": 3, "padding": 1500000000}]})",
                   {"'padding' must be at most 65536"});
    expect_refused(R"({"input_shape": [1, 8, 8], "layers": [{"type": "Conv2d", "out_channels": 1, "kernel_size": 2147483647}]})",
                   {"'kernel_size' must be a whole number"});
    expect_refused(R"({"input_shape": [1, 4, 4], "layers": [{"type": "ConvTranspose2d", "out_channels": 1, "kernel_size": 3, "stride": 65536}]})",
                   {"layer 0 (ConvTranspose2d)", "too large"});
    expect_refused(R"({"input_shape": [1, 8, 8], "layers": [{"type": "MaxPool2d", "kernel_size": 65536, "dilation": 65536}]})",
                   {"layer 0 (MaxPool2d)", "dilated 4294901761x4294901761", "output would be"});
    expect_refused(R"({"input_shape": [1, 8, 8], "layers": [{"type": "AvgPool2d", "kernel_size": 3, "stride": 3000000000}]})",
                   {"'stride' must be a whole number"});
}

TEST_CASE("layer arguments: infinite and out-of-float-range numbers are refused naming the argument") {
    expect_refused(R"({"input_shape": [4], "layers": [{"type": "LeakyReLU", "negative_slope": 1e400}]})",
                   {"layer 0 (LeakyReLU)", "'negative_slope' must be a finite number, got infinity"});
    expect_refused(R"({"input_shape": [4], "layers": [{"type": "BatchNorm1d", "eps": 1e39}]})",
                   {"'eps' must be a finite number", "beyond float range"});
    expect_refused(R"({"input_shape": [2, 4, 4], "layers": [{"type": "LocalContrastNorm", "sigma": -1e400}]})",
                   {"'sigma' must be a finite number"});
}
