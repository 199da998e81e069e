// DEFLATE (RFC 1951) and gzip (RFC 1952) decoding.
//
// A DEFLATE stream is a sequence of blocks: stored (raw bytes), fixed Huffman (codes defined by the
// RFC) or dynamic Huffman (code lengths sent in the block header). Huffman codes are packed starting
// at their most significant bit while every other field is packed least significant bit first, so a
// table indexed by the next k stream bits must hold each code bit-reversed. Codes are canonical:
// given the code lengths, codes of one length are consecutive integers in symbol order, which lets
// the decoder rebuild them from the lengths alone.
#include "engine/data/inflate.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace ll {

namespace {

// ---- CRC-32 ----

// Slicing-by-8: t[0] is the byte-at-a-time table of the reflected polynomial; t[k][b] is the CRC
// contribution of byte b followed by k zero bytes, so eight input bytes fold in with eight
// independent look-ups instead of a chain of eight dependent ones.
struct CrcTables {
    uint32_t t[8][256];
    constexpr CrcTables() : t() {
        for (uint32_t b = 0; b < 256; ++b) {
            uint32_t c = b;
            for (int k = 0; k < 8; ++k) c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
            t[0][b] = c;
        }
        for (int k = 1; k < 8; ++k)
            for (uint32_t b = 0; b < 256; ++b) t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xFFu];
    }
};
constexpr CrcTables kCrc;

// Little-endian loads written byte by byte: portable, and compilers turn them into a single load.
inline uint32_t load_le16(const uint8_t* p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8; }
inline uint32_t load_le32(const uint8_t* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
inline uint64_t load_le64(const uint8_t* p) { return uint64_t(load_le32(p)) | uint64_t(load_le32(p + 4)) << 32; }

// ---- Bit reader ----

// Holds up to 64 stream bits, least significant first. Past the end of the input it shifts in zero
// bytes and counts them (pad_), so decoding needs no bounds check per field: a decoder asks
// overrun() at a few points to learn whether it has used bits that were never there (truncation).
class BitReader {
public:
    BitReader(const uint8_t* p, size_t n) : begin_(p), p_(p), end_(p + n) {}

    // Tops the buffer up to at least 56 bits.
    void refill() {
        if (end_ - p_ >= 8) {
            // Loads 8 bytes but keeps only the whole bytes that fit; the partial byte's low bits sit
            // above count_ and are ORed in again, identically, by the next refill.
            bits_ |= load_le64(p_) << count_;
            p_ += (63 - count_) >> 3;
            count_ |= 56;
            return;
        }
        while (count_ <= 56) {
            if (p_ < end_) bits_ |= uint64_t(*p_++) << count_;
            else pad_ += 8;
            count_ += 8;
        }
    }
    uint64_t peek() const { return bits_; }
    void consume(int n) { bits_ >>= n; count_ -= n; }
    uint32_t take(int n) {
        const uint32_t v = uint32_t(bits_ & ((uint64_t(1) << n) - 1));
        consume(n);
        return v;
    }
    bool overrun() const { return pad_ > count_; }

    // Drops the bits up to the next byte boundary and hands the whole bytes still buffered back to
    // the input, so stored blocks and the gzip trailer can be read as plain bytes.
    void align() {
        consume(count_ & 7);
        const int buffered = (count_ - pad_) / 8;
        p_ -= buffered;
        bits_ = 0;
        count_ = pad_ = 0;
    }
    // Byte access after align().
    const uint8_t* pos() const { return p_; }
    size_t remaining() const { return size_t(end_ - p_); }
    void skip(size_t n) { p_ += n; }
    size_t offset() const { return size_t(p_ - begin_); }

private:
    const uint8_t* begin_;
    const uint8_t* p_;
    const uint8_t* end_;
    uint64_t bits_ = 0;
    int count_ = 0;  // valid bits in bits_
    int pad_ = 0;    // of which zero bits invented past the end of the input
};

// ---- Huffman tables ----

constexpr int kMaxBits = 15;
constexpr int kFastBits = 10;

struct Huffman {
    uint16_t fast[1 << kFastBits];  // by the next kFastBits stream bits: (symbol << 4) | code length;
                                    // 0 when the code is longer than kFastBits (or unassigned)
    uint16_t count[kMaxBits + 1];   // number of codes of each length
    uint16_t sorted[288];           // symbols in canonical order: by length, then by value
};

enum class Completeness { Required, SingleOrEmptyAllowed };

// Builds the tables from code lengths (0 = symbol unused). Fails for an over-subscribed set (more
// codes than the lengths have room for) and for an incomplete set unless allowed: RFC 1951 permits
// a lone distance code of length 1, and a block that copies nothing may have no distance codes.
bool build_huffman(Huffman& h, const uint8_t* lengths, int n, Completeness rule) {
    std::fill(h.count, h.count + kMaxBits + 1, uint16_t(0));
    for (int s = 0; s < n; ++s) ++h.count[lengths[s]];
    h.count[0] = 0;
    // Kraft: each length-L code uses 2^-L of the code space; left counts the unused part.
    int left = 1, max_len = 0, total = 0;
    for (int len = 1; len <= kMaxBits; ++len) {
        left = (left << 1) - h.count[len];
        if (left < 0) return false;
        if (h.count[len]) max_len = len;
        total += h.count[len];
    }
    if (left > 0) {
        const bool lone = max_len == 1 && total == 1;
        if (rule == Completeness::Required || !(lone || total == 0)) return false;
    }
    uint16_t offs[kMaxBits + 2] = {};
    for (int len = 1; len <= kMaxBits; ++len) offs[len + 1] = uint16_t(offs[len] + h.count[len]);
    for (int s = 0; s < n; ++s)
        if (lengths[s]) h.sorted[offs[lengths[s]]++] = uint16_t(s);

    // Canonical codes: consecutive within a length; the first code of length L+1 is
    // (last code of length L + 1) << 1. Each short code fills every table slot whose low bits are
    // its reversed code.
    std::fill(h.fast, h.fast + (1 << kFastBits), uint16_t(0));
    uint32_t code = 0;
    int index = 0;
    for (int len = 1; len <= kFastBits; ++len) {
        for (int k = 0; k < h.count[len]; ++k, ++code) {
            const uint16_t sym = h.sorted[index++];
            uint32_t rev = 0;
            for (int b = 0; b < len; ++b) rev |= ((code >> b) & 1u) << (len - 1 - b);
            for (uint32_t r = rev; r < (1u << kFastBits); r += 1u << len) h.fast[r] = uint16_t(sym << 4 | len);
        }
        code <<= 1;
    }
    return true;
}

// Canonical decoding bit by bit, for codes longer than the fast table: the code read so far is
// compared with the range of codes of each length [first, first + count).
int decode_slow(const Huffman& h, uint64_t bits, int& sym) {
    int code = 0, first = 0, index = 0;
    for (int len = 1; len <= kMaxBits; ++len) {
        code |= int(bits & 1u);
        bits >>= 1;
        const int count = h.count[len];
        if (code - first < count) {
            sym = h.sorted[index + code - first];
            return len;
        }
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    return 0;
}

// Next symbol, or -1 for a bit pattern that is no code. Needs 15 buffered bits.
inline int decode(const Huffman& h, BitReader& br) {
    const uint64_t bits = br.peek();
    const uint32_t e = h.fast[bits & ((1u << kFastBits) - 1)];
    if (e) {
        br.consume(int(e & 15u));
        return int(e >> 4);
    }
    int sym = 0;
    const int len = decode_slow(h, bits, sym);
    if (!len) return -1;
    br.consume(len);
    return sym;
}

// Length symbols 257..285 and distance symbols 0..29: base value plus this many extra bits.
constexpr uint16_t kLenBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                   31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLenExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t kDistBase[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr uint8_t kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

// Order in which a dynamic block sends the lengths of the code-length alphabet.
constexpr uint8_t kCodeLengthOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// ---- Inflater ----

// Decodes one DEFLATE stream, appending to out. The output string is grown ahead of the write
// position (pos_) and cut back to it at the end, so the hot loop writes through a raw pointer.
class Inflater {
public:
    Inflater(const uint8_t* in, size_t n, std::string& out, size_t max_output)
        : br_(in, n), out_(out), max_output_(max_output), start_(out.size()), pos_(out.size()),
          cap_(out.size()), buf_(&out[0]) {}

    Status run(size_t& consumed) {
        Status st = blocks();
        out_.resize(pos_);
        if (!st) return st;
        consumed = br_.offset();
        return Status::ok();
    }

private:
    Status blocks() {
        bool final_block = false;
        while (!final_block) {
            br_.refill();
            final_block = br_.take(1) != 0;
            const uint32_t type = br_.take(2);
            if (br_.overrun()) return truncated();
            if (type == 0) LL_TRY(stored());
            else if (type == 1) LL_TRY(fixed());
            else if (type == 2) LL_TRY(dynamic());
            else return corrupt("reserved block type 3");
        }
        br_.align();
        return Status::ok();
    }

    // Stored: up to the next byte boundary, LEN and its ones' complement NLEN, then LEN raw bytes.
    Status stored() {
        br_.align();
        if (br_.remaining() < 4) return truncated();
        const uint32_t len = load_le16(br_.pos()), nlen = load_le16(br_.pos() + 2);
        if ((len ^ 0xFFFFu) != nlen) return corrupt("stored block length check failed (LEN and NLEN disagree)");
        br_.skip(4);
        if (br_.remaining() < len) return truncated();
        LL_TRY(reserve(len));
        std::memcpy(buf_ + pos_, br_.pos(), len);
        pos_ += len;
        br_.skip(len);
        return Status::ok();
    }

    // Fixed codes (RFC 1951 3.2.6): literal/length 0-143: 8 bits, 144-255: 9, 256-279: 7,
    // 280-287: 8; distances 0-31: 5 bits. Built once per stream, on first use.
    Status fixed() {
        if (!fixed_built_) {
            uint8_t lens[288];
            std::fill(lens, lens + 144, uint8_t(8));
            std::fill(lens + 144, lens + 256, uint8_t(9));
            std::fill(lens + 256, lens + 280, uint8_t(7));
            std::fill(lens + 280, lens + 288, uint8_t(8));
            uint8_t dlens[32];
            std::fill(dlens, dlens + 32, uint8_t(5));
            build_huffman(fixed_lit_, lens, 288, Completeness::Required);
            build_huffman(fixed_dist_, dlens, 32, Completeness::Required);
            fixed_built_ = true;
        }
        return codes(fixed_lit_, fixed_dist_);
    }

    Status dynamic() {
        LL_TRY(read_dynamic_tables());
        return codes(lit_, dist_);
    }

    // Block header of a dynamic block: HLIT, HDIST, HCLEN; the code-length code; then the
    // literal/length and distance code lengths run-length coded with it (16: repeat the previous
    // length 3-6 times, 17: 3-10 zeros, 18: 11-138 zeros), as one sequence across both alphabets.
    Status read_dynamic_tables() {
        br_.refill();
        const int nlit = int(br_.take(5)) + 257, ndist = int(br_.take(5)) + 1, nclen = int(br_.take(4)) + 4;
        if (nlit > 286 || ndist > 30) return fail("too many literal/length or distance codes");
        uint8_t cl_lens[19] = {};
        for (int i = 0; i < nclen; ++i) {
            br_.refill();
            cl_lens[kCodeLengthOrder[i]] = uint8_t(br_.take(3));
        }
        if (br_.overrun()) return truncated();
        Huffman cl;
        if (!build_huffman(cl, cl_lens, 19, Completeness::Required)) return fail("invalid code-length code");

        uint8_t lens[286 + 30] = {};
        const int total = nlit + ndist;
        for (int n = 0; n < total;) {
            br_.refill();
            const int sym = decode(cl, br_);
            if (sym < 0) return fail("invalid code-length code");
            if (sym < 16) {
                lens[n++] = uint8_t(sym);
                continue;
            }
            int rep = 0;
            uint8_t value = 0;
            if (sym == 16) {
                if (n == 0) return fail("length repeat with no previous length");
                value = lens[n - 1];
                rep = 3 + int(br_.take(2));
            } else if (sym == 17) {
                rep = 3 + int(br_.take(3));
            } else {
                rep = 11 + int(br_.take(7));
            }
            if (n + rep > total) return fail("code lengths repeat past the end of the table");
            std::fill(lens + n, lens + n + rep, value);
            n += rep;
        }
        if (br_.overrun()) return truncated();
        if (lens[256] == 0) return corrupt("missing end-of-block code");
        if (!build_huffman(lit_, lens, nlit, Completeness::SingleOrEmptyAllowed))
            return corrupt("invalid literal/length code lengths");
        if (!build_huffman(dist_, lens + nlit, ndist, Completeness::SingleOrEmptyAllowed))
            return corrupt("invalid distance code lengths");
        return Status::ok();
    }

    // The compressed data of a Huffman block: literals, and (length, distance) back-references into
    // the output, until the end-of-block symbol 256. One refill gives 56 bits, enough for the
    // longest pair: 15 + 5 extra (length) + 15 + 13 extra (distance) = 48.
    Status codes(const Huffman& lit, const Huffman& dist) {
        for (;;) {
            br_.refill();
            if (br_.overrun()) return truncated();
            int sym = decode(lit, br_);
            if (sym < 256) {
                if (sym < 0) return fail("invalid literal/length code");
                if (pos_ == cap_) LL_TRY(reserve(1));
                buf_[pos_++] = char(sym);
                continue;
            }
            if (sym == 256) return br_.overrun() ? truncated() : Status::ok();
            sym -= 257;
            if (sym >= 29) return fail("invalid length symbol");
            const size_t len = kLenBase[sym] + br_.take(kLenExtra[sym]);
            const int dsym = decode(dist, br_);
            if (dsym < 0) return fail("invalid distance code");
            if (dsym >= 30) return fail("invalid distance symbol");
            const size_t d = kDistBase[dsym] + br_.take(kDistExtra[dsym]);
            if (br_.overrun()) return truncated();
            if (d > pos_ - start_)
                return corrupt("distance " + std::to_string(d) + " too far back (only " +
                               std::to_string(pos_ - start_) + " bytes written)");
            if (cap_ - pos_ < len) LL_TRY(reserve(len));
            char* o = buf_ + pos_;
            const char* s = o - d;
            if (d >= len) std::memcpy(o, s, len);
            else for (size_t i = 0; i < len; ++i) o[i] = s[i];  // overlap repeats the last d bytes
            pos_ += len;
        }
    }

    // Makes room for need more bytes, doubling to keep appends linear. Within the capacity that
    // gunzip reserved from the trailer's ISIZE, growing never reallocates (and zero-fills only what
    // is about to be written, so a forged ISIZE costs address space, not time).
    Status reserve(size_t need) {
        if (cap_ - pos_ >= need) return Status::ok();
        if (pos_ + need > max_output_)
            return Status::error("decompressed data exceeds the limit of " + std::to_string(max_output_) +
                                 " bytes (a corrupt file or a decompression bomb)");
        size_t size = std::max({pos_ + need, out_.size() * 2, size_t(1) << 16});
        if (out_.capacity() >= pos_ + need) size = std::min(size, out_.capacity());
        size = std::min(size, max_output_);
        out_.resize(size);
        buf_ = &out_[0];
        cap_ = size;
        return Status::ok();
    }

    Status truncated() const { return Status::error("truncated: the data ends inside a compressed block"); }
    Status corrupt(const std::string& what) const { return Status::error("corrupt compressed data: " + what); }
    // Zero bits invented past the end of the input decode as anything; report the truncation then.
    Status fail(const std::string& what) const { return br_.overrun() ? truncated() : corrupt(what); }

    BitReader br_;
    std::string& out_;
    size_t max_output_;
    size_t start_;      // first output byte of this stream: back-references may not reach before it
    size_t pos_;        // next output byte
    size_t cap_;        // bytes of out_ usable through buf_
    char* buf_;
    Huffman lit_, dist_;
    Huffman fixed_lit_, fixed_dist_;
    bool fixed_built_ = false;
};

// ---- gzip ----

constexpr uint8_t kFlagHcrc = 2, kFlagExtra = 4, kFlagName = 8, kFlagComment = 16;

// Member header (RFC 1952 2.3): magic 1f 8b, method 8, flags, mtime, xfl, os, then the optional
// extra field, zero-terminated name and comment, and a CRC-16 of the header (low half of its CRC-32).
Status parse_gzip_header(const uint8_t* p, size_t n, size_t& header_len) {
    if (n < 2 || p[0] != 0x1f || p[1] != 0x8b) return Status::error("not a gzip file (it does not start with the bytes 1f 8b)");
    const Status trunc = Status::error("truncated: the file ends inside a gzip header");
    if (n < 10) return trunc;
    if (p[2] != 8) return Status::error("unsupported gzip compression method " + std::to_string(p[2]) + " (only 8, deflate, exists)");
    const uint8_t flags = p[3];
    if (flags & 0xE0) return Status::error("corrupt gzip header: reserved flag bits are set");
    size_t i = 10;
    if (flags & kFlagExtra) {
        if (n - i < 2) return trunc;
        const size_t xlen = load_le16(p + i);
        i += 2;
        if (n - i < xlen) return trunc;
        i += xlen;
    }
    for (uint8_t f : {kFlagName, kFlagComment}) {
        if (!(flags & f)) continue;
        const void* z = std::memchr(p + i, 0, n - i);
        if (!z) return trunc;
        i = size_t(static_cast<const uint8_t*>(z) - p) + 1;
    }
    if (flags & kFlagHcrc) {
        if (n - i < 2) return trunc;
        if ((crc32(p, i) & 0xFFFFu) != load_le16(p + i)) return Status::error("corrupt gzip header: header CRC mismatch");
        i += 2;
    }
    header_len = i;
    return Status::ok();
}

std::string hex32(uint32_t v) {
    char s[16];
    std::snprintf(s, sizeof s, "0x%08x", unsigned(v));
    return s;
}

// One member: header, DEFLATE data, CRC-32 and ISIZE (output length mod 2^32) of this member.
Status gunzip_member(const uint8_t* p, size_t n, std::string& out, size_t max_output, size_t& used) {
    size_t header = 0;
    LL_TRY(parse_gzip_header(p, n, header));
    const size_t start = out.size();
    size_t consumed = 0;
    LL_TRY(Inflater(p + header, n - header, out, max_output).run(consumed));
    const size_t at = header + consumed;
    if (n - at < 8) return Status::error("truncated: the file ends before the gzip trailer (CRC-32 and length)");
    const uint32_t want_crc = load_le32(p + at), want_size = load_le32(p + at + 4);
    const uint32_t got_crc = crc32(out.data() + start, out.size() - start);
    if (got_crc != want_crc)
        return Status::error("CRC-32 mismatch (stored " + hex32(want_crc) + ", computed " + hex32(got_crc) +
                             "): the data is corrupt");
    const size_t got_size = out.size() - start;
    if (uint32_t(got_size) != want_size)
        return Status::error("length mismatch: the trailer says " + std::to_string(want_size) +
                             " bytes, decompressed " + std::to_string(got_size));
    used = at + 8;
    return Status::ok();
}

}  // namespace

uint32_t crc32(const void* data, size_t n, uint32_t crc) {
    const uint8_t* p = static_cast<const uint8_t*>(data);
    const auto& t = kCrc.t;
    uint32_t c = ~crc;
    for (; n >= 8; p += 8, n -= 8) {
        const uint32_t lo = c ^ load_le32(p), hi = load_le32(p + 4);
        c = t[7][lo & 0xFFu] ^ t[6][(lo >> 8) & 0xFFu] ^ t[5][(lo >> 16) & 0xFFu] ^ t[4][lo >> 24] ^
            t[3][hi & 0xFFu] ^ t[2][(hi >> 8) & 0xFFu] ^ t[1][(hi >> 16) & 0xFFu] ^ t[0][hi >> 24];
    }
    for (; n > 0; ++p, --n) c = t[0][(c ^ *p) & 0xFFu] ^ (c >> 8);
    return ~c;
}

Status inflate_raw(const uint8_t* in, size_t n, size_t& consumed, std::string& out, size_t max_output) {
    return Inflater(in, n, out, max_output).run(consumed);
}

bool is_gzip(const std::string& bytes) {
    return bytes.size() >= 2 && uint8_t(bytes[0]) == 0x1f && uint8_t(bytes[1]) == 0x8b;
}

Status gunzip(const std::string& in, std::string& out, size_t max_output) {
    out.clear();
    if (in.empty()) return Status::error("not a gzip file (the input is empty)");
    const uint8_t* p = reinterpret_cast<const uint8_t*>(in.data());
    const size_t n = in.size();
    // The last ISIZE is the whole output's size for the usual single-member file: one allocation.
    // DEFLATE expands at most ~1032:1, which bounds what a forged ISIZE can make us allocate.
    if (n >= 18) out.reserve(std::min({size_t(load_le32(p + n - 4)), n * 1032, max_output}));
    size_t at = 0;
    for (int member = 1;; ++member) {
        size_t used = 0;
        Status st = gunzip_member(p + at, n - at, out, max_output, used);
        if (!st) return member == 1 ? st : st.with_context("gzip member " + std::to_string(member) + ": ");
        at += used;
        if (at == n) return Status::ok();
        // Another member starts with the magic; zero bytes after the last member are padding
        // that some writers add (gzip itself skips them too).
        if (p[at] == 0x1f) continue;
        if (std::all_of(p + at, p + n, [](uint8_t b) { return b == 0; })) return Status::ok();
        return Status::error("unexpected data after gzip member " + std::to_string(member) + " (at byte " +
                             std::to_string(at) + ")");
    }
}

}  // namespace ll
