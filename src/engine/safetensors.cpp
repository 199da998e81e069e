#include "engine/safetensors.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "engine/io.h"

namespace ll {

namespace {

constexpr uint64_t kMaxHeader = 100u << 20;    // the format's own limit (100 MB)
constexpr uint64_t kMaxTensorBytes = 1ull << 32;

int dtype_size(const std::string& s, DType& d) {
    if (s == "F32") { d = DType::F32; return 4; }
    if (s == "F64") { d = DType::F64; return 8; }
    if (s == "I64") { d = DType::I64; return 8; }
    if (s == "I32") { d = DType::I32; return 4; }
    d = DType::Other;
    if (s == "F16" || s == "BF16" || s == "I16" || s == "U16") return 2;
    if (s == "I8" || s == "U8" || s == "BOOL" || s == "F8_E4M3" || s == "F8_E5M2") return 1;
    if (s == "U32") return 4;
    if (s == "U64") return 8;
    return 0;
}

// A data_offsets entry: a whole number from 0 to 2^53 (where doubles stop being exact). The value is
// printed as given ("-1", not 18446744073709551615).
bool offset_value(const Json& v, uint64_t& out) {
    if (!v.is_number() || !(v.as_number() >= 0.0) || v.as_number() > 9007199254740992.0 ||
        std::floor(v.as_number()) != v.as_number())
        return false;
    out = uint64_t(v.as_number());
    return true;
}

// The first NaN or infinity of a float tensor, by flat index: "tensor "0.weight": element 12 is nan".
Status check_finite(const StoredTensor& t) {
    for (size_t i = 0; i < t.f32.size(); ++i) {
        if (!std::isfinite(t.f32[i]))
            return Status::error("tensor \"" + t.name + "\": element " + std::to_string(i) + " is " +
                                 (std::isnan(t.f32[i]) ? "nan" : "infinite") +
                                 (t.dtype == DType::F64 ? " (as float32)" : "") +
                                 "; weights and inputs must be finite numbers");
    }
    return Status::ok();
}

struct Span {
    uint64_t begin, end;
    size_t index;  // into the file's tensors, for the message
};

}  // namespace

void TensorFile::put(const std::string& name, const Tensor& t) {
    StoredTensor s;
    s.name = name;
    s.dtype = DType::F32;
    s.dtype_name = "F32";
    s.shape = t.shape();
    s.f32.assign(t.data(), t.data() + t.numel());
    for (StoredTensor& old : tensors_)
        if (old.name == name) { old = std::move(s); return; }
    tensors_.push_back(std::move(s));
}

void TensorFile::put_i64(const std::string& name, const Shape& shape, std::vector<int64_t> values) {
    StoredTensor s;
    s.name = name;
    s.dtype = DType::I64;
    s.dtype_name = "I64";
    s.shape = shape;
    s.i64 = std::move(values);
    for (StoredTensor& old : tensors_)
        if (old.name == name) { old = std::move(s); return; }
    tensors_.push_back(std::move(s));
}

const StoredTensor* TensorFile::find(const std::string& name) const {
    for (const StoredTensor& t : tensors_)
        if (t.name == name) return &t;
    return nullptr;
}

Status TensorFile::get(const std::string& name, Tensor& out, const Shape& expect) const {
    const StoredTensor* t = find(name);
    if (!t) return Status::error("missing tensor \"" + name + "\"");
    if (t->dtype != DType::F32 && t->dtype != DType::F64)
        return Status::error("tensor \"" + name + "\" has dtype " + t->dtype_name + ", expected F32");
    if (!expect.empty() && t->shape != expect)
        return Status::error("tensor \"" + name + "\" has shape [" + shape_str(t->shape) + "], expected [" +
                             shape_str(expect) + "]");
    LL_TRY(check_finite(*t));
    out = Tensor(t->shape, t->f32);
    return Status::ok();
}

Status TensorFile::get_i64(const std::string& name, std::vector<int64_t>& out, Shape* shape) const {
    const StoredTensor* t = find(name);
    if (!t) return Status::error("missing tensor \"" + name + "\"");
    if (t->dtype != DType::I64 && t->dtype != DType::I32)
        return Status::error("tensor \"" + name + "\" has dtype " + t->dtype_name + ", expected I64");
    out = t->i64;
    if (shape) *shape = t->shape;
    return Status::ok();
}

std::string TensorFile::serialize() const {
    Json header = Json::object();
    uint64_t offset = 0;
    // A parsed file's I32 and F64 tensors are held widened and narrowed: they are written as I64 and F32.
    for (const StoredTensor& t : tensors_) {
        const bool ints = t.dtype == DType::I64 || t.dtype == DType::I32;
        const uint64_t bytes = ints ? t.i64.size() * 8 : t.f32.size() * 4;
        Json e = Json::object();
        e.set("dtype", Json::string(ints ? "I64" : "F32"));
        Json shape = Json::array();
        for (int d : t.shape) shape.push(Json::number(d));
        e.set("shape", shape);
        Json off = Json::array();
        off.push(Json::number(double(offset)));
        off.push(Json::number(double(offset + bytes)));
        e.set("data_offsets", off);
        header.set(t.name, e);
        offset += bytes;
    }
    std::string h = header.dump();
    while ((8 + h.size()) % 8 != 0) h += ' ';  // keeps tensor data 8-byte aligned, as torch's writer does
    std::string out(8, '\0');
    const uint64_t n = h.size();
    for (int i = 0; i < 8; ++i) out[size_t(i)] = char((n >> (8 * i)) & 0xFF);
    out += h;
    out.reserve(out.size() + offset);
    for (const StoredTensor& t : tensors_) {
        // Little-endian hosts only (x86, wasm): the bytes are the values.
        if (t.dtype == DType::I64 || t.dtype == DType::I32)
            out.append(reinterpret_cast<const char*>(t.i64.data()), t.i64.size() * 8);
        else out.append(reinterpret_cast<const char*>(t.f32.data()), t.f32.size() * 4);
    }
    return out;
}

Status TensorFile::parse(const std::string& bytes, TensorFile& out, const std::string& label) {
    out = TensorFile();
    const std::string pre = label + ": ";
    if (bytes.size() < 8) return Status::error(pre + "not a safetensors file (shorter than its 8-byte header length)");
    uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n |= uint64_t(static_cast<unsigned char>(bytes[size_t(i)])) << (8 * i);
    if (n > kMaxHeader) return Status::error(pre + "header length " + std::to_string(n) + " is too large (at most 100 MB): not a safetensors file, or corrupt");
    if (8 + n > bytes.size()) return Status::error(pre + "truncated: the header needs " + std::to_string(n) + " bytes, the file has " + std::to_string(bytes.size() - 8));
    Json header;
    // The parser refuses duplicate keys (in linear time: 200,000 keys load in a fraction of a second).
    LL_TRY(parse_json(bytes.substr(8, n), header).with_context(pre + "header: "));
    if (!header.is_object()) return Status::error(pre + "header is not a JSON object");
    const uint64_t data_size = bytes.size() - 8 - n;
    const char* data = bytes.data() + 8 + n;
    std::vector<Span> spans;
    spans.reserve(header.size());
    for (const auto& m : header.members()) {
        if (m.first == "__metadata__") continue;
        const std::string key = pre + "tensor \"" + m.first + "\": ";
        const Json& e = m.second;
        const Json* dt = e.is_object() ? e.find("dtype") : nullptr;
        const Json* sh = e.is_object() ? e.find("shape") : nullptr;
        const Json* off = e.is_object() ? e.find("data_offsets") : nullptr;
        if (!dt || !dt->is_string() || !sh || !sh->is_array() || !off || !off->is_array() || off->size() != 2)
            return Status::error(key + "needs dtype, shape and data_offsets");
        uint64_t b = 0, end = 0;
        if (!offset_value((*off)[0], b) || !offset_value((*off)[1], end))
            return Status::error(key + "data_offsets " + off->dump() + " must be two whole numbers from 0");
        StoredTensor t;
        t.name = m.first;
        t.dtype_name = dt->as_string();
        const int elem = dtype_size(t.dtype_name, t.dtype);
        if (elem == 0) return Status::error(key + "unknown dtype " + t.dtype_name);
        uint64_t numel = 1;
        for (const Json& d : sh->items()) {
            if (!d.is_int() || d.as_int() < 0) return Status::error(key + "bad shape " + sh->dump());
            t.shape.push_back(d.as_int());
            numel *= uint64_t(d.as_int());
            if (numel * uint64_t(elem) > kMaxTensorBytes) return Status::error(key + "shape " + sh->dump() + " is too large (at most 4 GB)");
        }
        if (end < b || end > data_size)
            return Status::error(key + "data_offsets " + off->dump() + " run past the end of the file (" +
                                 std::to_string(data_size) + " data bytes): the file is truncated");
        if (end - b != numel * uint64_t(elem))
            return Status::error(key + "data_offsets hold " + std::to_string(end - b) + " bytes but shape [" +
                                 shape_str(t.shape) + "] of " + t.dtype_name + " needs " + std::to_string(numel * uint64_t(elem)));
        spans.push_back({b, end, out.tensors_.size()});
        const char* p = data + b;
        switch (t.dtype) {
            // (An empty tensor's data() may be null, which memcpy must not get even for 0 bytes.)
            case DType::F32: t.f32.resize(numel); if (numel) std::memcpy(t.f32.data(), p, numel * 4); break;
            case DType::F64: {
                t.f32.resize(numel);
                for (uint64_t i = 0; i < numel; ++i) { double v; std::memcpy(&v, p + 8 * i, 8); t.f32[i] = float(v); }
                break;
            }
            case DType::I64: t.i64.resize(numel); if (numel) std::memcpy(t.i64.data(), p, numel * 8); break;
            case DType::I32: {
                t.i64.resize(numel);
                for (uint64_t i = 0; i < numel; ++i) { int32_t v; std::memcpy(&v, p + 4 * i, 4); t.i64[i] = v; }
                break;
            }
            default: break;  // kept by name so a lookup can say which dtype it has
        }
        out.tensors_.push_back(std::move(t));
    }
    // The format's rule: sorted by begin, the tensors tile the data section exactly, with no overlap
    // (two keys sharing bytes) and no hole or trailing bytes (a file cut or glued together).
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) {
        return x.begin != y.begin ? x.begin < y.begin : x.end < y.end;
    });
    uint64_t at = 0;
    for (const Span& sp : spans) {
        const std::string& name = out.tensors_[sp.index].name;
        if (sp.begin < at)
            return Status::error(pre + "tensor \"" + name + "\": data_offsets [" + std::to_string(sp.begin) + ", " +
                                 std::to_string(sp.end) + "] overlap another tensor's bytes (which end at " +
                                 std::to_string(at) + ")");
        if (sp.begin > at)
            return Status::error(pre + "tensor \"" + name + "\": data_offsets start at " + std::to_string(sp.begin) +
                                 " but the previous tensor ends at " + std::to_string(at) + ": a gap in the data");
        at = sp.end;
    }
    if (at != data_size)
        return Status::error(pre + std::to_string(data_size - at) + " bytes after the last tensor's data (the tensors cover " +
                             std::to_string(at) + " of " + std::to_string(data_size) + ")");
    return Status::ok();
}

Status read_tensor_file(const std::string& path, TensorFile& out) {
    std::string bytes;
    LL_TRY(read_file(path, bytes));
    return TensorFile::parse(bytes, out, path);
}

Status write_tensor_file(const std::string& path, const TensorFile& f) { return write_file(path, f.serialize()); }

void save_state(Model& m, TensorFile& f) {
    for (const ParamRef& p : m.params()) f.put(p.name, *p.value);
    for (const BufferRef& b : m.buffers()) {
        if (b.value) f.put(b.name, *b.value);
        else f.put_i64(b.name, {}, {*b.count});
    }
}

Status load_state(Model& m, const TensorFile& f, const std::string& label) {
    const std::string pre = label + ": ";
    std::vector<std::string> expected;
    for (const ParamRef& p : m.params()) {
        LL_TRY(f.get(p.name, *p.value, p.value->shape()).with_context(pre));
        expected.push_back(p.name);
    }
    for (const BufferRef& b : m.buffers()) {
        expected.push_back(b.name);
        if (b.value) {
            LL_TRY(f.get(b.name, *b.value, b.value->shape()).with_context(pre));
        } else {
            std::vector<int64_t> v;
            LL_TRY(f.get_i64(b.name, v).with_context(pre));
            if (v.size() != 1) return Status::error(pre + "tensor \"" + b.name + "\" must hold one value");
            *b.count = v[0];
        }
    }
    for (const StoredTensor& t : f.tensors()) {
        const size_t dot = t.name.find('.');
        if (dot == std::string::npos || dot == 0) continue;
        bool indexed = true;
        for (size_t i = 0; i < dot; ++i) indexed = indexed && t.name[i] >= '0' && t.name[i] <= '9';
        if (!indexed) continue;
        const std::string rest = t.name.substr(dot + 1);
        // "{i}.output" and "{i}.weight.grad" are results that `run` writes, not state.
        if (rest == "output" || (rest.size() > 5 && rest.compare(rest.size() - 5, 5, ".grad") == 0)) continue;
        bool known = false;
        for (const std::string& e : expected) known = known || e == t.name;
        if (!known) return Status::error(pre + "unexpected key \"" + t.name + "\": the weights do not belong to this model");
    }
    return Status::ok();
}

}  // namespace ll
