// safetensors headers checked rule by rule (issue 15): offsets whole, in bounds, tiling the data
// section exactly; dtype sizes matching shapes; duplicate keys refused and many keys parsed in linear
// time; the header size limit; NaN and infinity in float tensors refused naming the key and index.
#include <cmath>
#include <cstring>
#include <string>

#include "engine/safetensors.h"
#include "tests/test_util.h"

namespace {

using lltest::contains;

// A file from a header's JSON text and data bytes, exactly as given (no check, no padding).
std::string file_of(const std::string& header, const std::string& data) {
    std::string out(8, '\0');
    const uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) out[size_t(i)] = char((n >> (8 * i)) & 0xFF);
    return out + header + data;
}

std::string parse_error(const std::string& bytes) {
    ll::TensorFile f;
    const ll::Status st = ll::TensorFile::parse(bytes, f, "w.safetensors");
    return st.is_ok() ? std::string() : st.message();
}

std::string floats(std::initializer_list<float> v) {
    std::string s(v.size() * 4, '\0');
    std::memcpy(&s[0], v.begin(), s.size());
    return s;
}

}  // namespace

TEST_CASE("safetensors: a well-formed file parses, and its own writer's output round-trips") {
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
                              floats({1, 2, 3}))) == "");
    ll::TensorFile f, g;
    f.put("x", ll::Tensor({2, 2}, {1, 2, 3, 4}));
    f.put_i64("n", {}, {7});
    REQUIRE(ll::TensorFile::parse(f.serialize(), g, "rt").is_ok());
    CHECK(g.tensors().size() == 2);
}

TEST_CASE("safetensors: offsets must be whole numbers from 0, printed as given") {
    const std::string e = parse_error(file_of(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[-1,3]}})", floats({1})));
    CHECK(e.find("data_offsets [-1,3] must be two whole numbers") != std::string::npos);
    CHECK(e.find("18446744073709551615") == std::string::npos);
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0.5,4.5]}})", floats({1}))).find("whole numbers") != std::string::npos);
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,1e400]}})", floats({1}))).find("whole numbers") != std::string::npos);
}

TEST_CASE("safetensors: offsets in bounds, and sized as the dtype and shape need") {
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", floats({1}))).find("truncated") != std::string::npos);
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F64","shape":[1],"data_offsets":[0,4]}})", floats({1}))).find("needs 8") != std::string::npos);
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[1, -2],"data_offsets":[0,4]}})", floats({1}))).find("bad shape") != std::string::npos);
}

TEST_CASE("safetensors: tensors tile the data section: no overlap, no gap, no trailing bytes") {
    const std::string overlap = parse_error(file_of(
        R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", floats({1, 2})));
    CHECK(overlap.find("overlap") != std::string::npos);
    const std::string gap = parse_error(file_of(
        R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})", floats({1, 2, 3})));
    CHECK(gap.find("gap") != std::string::npos);
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", floats({1, 2}))).find("4 bytes after the last") != std::string::npos);
    // Zero-size tensors take no bytes and sit anywhere on the tiling.
    CHECK(parse_error(file_of(R"({"e":{"dtype":"F32","shape":[0],"data_offsets":[4,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})", floats({1}))) == "");
}

TEST_CASE("safetensors: duplicate keys are refused; 200,000 keys parse (linear-time checks)") {
    const std::string dup = parse_error(file_of(
        R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})", floats({1, 2})));
    CHECK(dup.find("duplicate key \"a\"") != std::string::npos);
    // Quadratic key checks took minutes here; the time is not asserted, only that it completes.
    std::string header = "{";
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        header += (i ? ",\"" : "\"") + std::to_string(i) + "\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[" +
                  std::to_string(4 * i) + "," + std::to_string(4 * i + 4) + "]}";
    }
    header += "}";
    ll::TensorFile f;
    REQUIRE(ll::TensorFile::parse(file_of(header, std::string(size_t(n) * 4, '\0')), f, "many").is_ok());
    CHECK(f.tensors().size() == size_t(n));
}

TEST_CASE("safetensors: a header longer than 100 MB is refused from its length") {
    std::string bytes(8, '\0');
    const uint64_t n = (uint64_t(100) << 20) + 1;
    for (int i = 0; i < 8; ++i) bytes[size_t(i)] = char((n >> (8 * i)) & 0xFF);
    CHECK(parse_error(bytes + "{}").find("at most 100 MB") != std::string::npos);
}

TEST_CASE("safetensors: NaN and infinity in float tensors are refused naming the key and index") {
    ll::TensorFile f, g;
    f.put("0.weight", ll::Tensor({3}, {1.0f, 2.0f, std::nanf("")}));
    f.put("x", ll::Tensor({2}, {INFINITY, 0.0f}));
    REQUIRE(ll::TensorFile::parse(f.serialize(), g, "w").is_ok());
    ll::Tensor t;
    ll::Status st = g.get("0.weight", t);
    REQUIRE(!st.is_ok());
    CHECK(st.message() == "tensor \"0.weight\": element 2 is nan; weights and inputs must be finite numbers");
    st = g.get("x", t);
    REQUIRE(!st.is_ok());
    CHECK(st.message().find("element 0 is infinite") != std::string::npos);
    // F64 beyond float range becomes infinite as float32.
    double big = 1e300;
    std::string d(8, '\0');
    std::memcpy(&d[0], &big, 8);
    REQUIRE(ll::TensorFile::parse(file_of(R"({"y":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}})", d), g, "w").is_ok());
    st = g.get("y", t);
    REQUIRE(!st.is_ok());
    CHECK(st.message().find("infinite (as float32)") != std::string::npos);
}

TEST_CASE("safetensors: short, truncated and non-object headers are errors naming the file") {
    CHECK(parse_error("") == "w.safetensors: not a safetensors file (shorter than its 8-byte header length)");
    CHECK(parse_error(std::string(7, '\0')) == "w.safetensors: not a safetensors file (shorter than its 8-byte header length)");
    CHECK(parse_error(file_of("{}", "").substr(0, 9)) == "w.safetensors: truncated: the header needs 2 bytes, the file has 1");
    CHECK(contains(parse_error(file_of("{\"a\": ", "")), "w.safetensors: header: invalid JSON"));
    CHECK(parse_error(file_of("[1, 2]", "")) == "w.safetensors: header is not a JSON object");
    CHECK(parse_error(file_of("{}", "")) == "");  // no tensors at all is a valid, empty file
}

TEST_CASE("safetensors: entries need dtype, shape and offsets of a known dtype and a sane shape") {
    const std::string need = "w.safetensors: tensor \"a\": needs dtype, shape and data_offsets";
    CHECK(parse_error(file_of(R"({"a": 3})", "")) == need);
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[1]}})", floats({1}))) == need);
    CHECK(parse_error(file_of(R"({"a":{"dtype":7,"shape":[1],"data_offsets":[0,4]}})", floats({1}))) == need);
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}})", floats({1}))) == need);
    CHECK(parse_error(file_of(R"({"a":{"dtype":"Q3","shape":[1],"data_offsets":[0,4]}})", floats({1}))) ==
          "w.safetensors: tensor \"a\": unknown dtype Q3");
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", floats({1}))) ==
          "w.safetensors: tensor \"a\": bad shape [-1]");
    CHECK(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}})", floats({1}))) ==
          "w.safetensors: tensor \"a\": bad shape [1.5]");
    CHECK(contains(parse_error(file_of(R"({"a":{"dtype":"F32","shape":[65536,65536],"data_offsets":[0,4]}})", floats({1}))),
                   "is too large (at most 4 GB)"));
    // __metadata__ is not a tensor, whatever it holds.
    CHECK(parse_error(file_of(R"({"__metadata__":{"format":"pt"}})", "")) == "");
}

TEST_CASE("safetensors: an empty tensor parses and reads back empty") {
    ll::TensorFile f;
    REQUIRE(ll::TensorFile::parse(file_of(R"({"e":{"dtype":"F32","shape":[0,4],"data_offsets":[0,0]},"n":{"dtype":"I64","shape":[0],"data_offsets":[0,0]}})", ""),
                                  f, "w.safetensors").is_ok());
    ll::Tensor t;
    REQUIRE(f.get("e", t).is_ok());
    CHECK(t.shape() == ll::Shape({0, 4}));
    std::vector<int64_t> n{1};
    REQUIRE(f.get_i64("n", n).is_ok());
    CHECK(n.empty());
}

TEST_CASE("safetensors: get and get_i64 name a missing key, a wrong dtype and a wrong shape") {
    ll::TensorFile f;
    f.put("x", ll::Tensor({2, 3}));
    f.put_i64("k", {1}, {4});
    ll::Tensor t;
    std::vector<int64_t> v;
    CHECK(f.get("y", t).message() == "missing tensor \"y\"");
    CHECK(f.get("k", t).message() == "tensor \"k\" has dtype I64, expected F32");
    CHECK(f.get("x", t, {3, 2}).message() == "tensor \"x\" has shape [2x3], expected [3x2]");
    CHECK(f.get_i64("y", v).message() == "missing tensor \"y\"");
    CHECK(f.get_i64("x", v).message() == "tensor \"x\" has dtype F32, expected I64");
    ll::Shape s;
    REQUIRE(f.get_i64("k", v, &s).is_ok());
    CHECK(v == std::vector<int64_t>({4}));
    CHECK(s == ll::Shape({1}));
}

TEST_CASE("safetensors: a parsed file's I32 and F64 tensors are written back as I64 and F32") {
    // Found by tests/fuzz/fuzz_safetensors: serialize() wrote an I32 tensor as F32 with no bytes.
    std::string data(8, '\0');
    const double d[2] = {0.25, -1.0};
    std::memcpy(&data[0], d, 8);
    data.resize(16);
    std::memcpy(&data[8], d + 1, 8);
    const int32_t k[2] = {3, -7};
    data.append(reinterpret_cast<const char*>(k), 8);
    ll::TensorFile f, back;
    REQUIRE(ll::TensorFile::parse(file_of(R"({"x":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"k":{"dtype":"I32","shape":[2],"data_offsets":[16,24]}})", data),
                                  f, "w.safetensors").is_ok());
    const ll::Status st = ll::TensorFile::parse(f.serialize(), back, "back");
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    REQUIRE(back.find("k") != nullptr);
    CHECK(back.find("k")->dtype_name == "I64");
    CHECK(back.find("k")->i64 == std::vector<int64_t>({3, -7}));
    CHECK(back.find("x")->dtype_name == "F32");
    CHECK(back.find("x")->f32 == std::vector<float>({0.25f, -1.0f}));
}
