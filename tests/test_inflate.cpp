// The gzip inflater: fixtures from tests/data/make_fixtures.py (whose contents the LCG below
// regenerates), hand-assembled DEFLATE streams for each kind of corruption, truncations and bit flips.
#include "engine/data/inflate.h"
#include "engine/io.h"
#include "tests/test_util.h"

namespace {

std::string fixture(const std::string& name) {
    std::string bytes;
    ll::Status st = ll::read_file(lltest::source_path("tests/data/" + name), bytes);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    return bytes;
}

// The generators of make_fixtures.py: x = (x * 1103515245 + 12345) mod 2^31, v = x >> 16.
std::string lcg_bytes(size_t n, uint32_t seed, const std::string& alphabet = "") {
    std::string out;
    uint32_t x = seed;
    for (size_t i = 0; i < n; ++i) {
        x = (x * 1103515245u + 12345u) & 0x7FFFFFFFu;
        const uint32_t v = x >> 16;
        out += alphabet.empty() ? char(v & 0xFF) : alphabet[v % alphabet.size()];
    }
    return out;
}

std::string geometric_bytes(size_t n, uint32_t seed) {
    std::string out;
    uint32_t x = seed;
    for (size_t i = 0; i < n; ++i) {
        x = (x * 1103515245u + 12345u) & 0x7FFFFFFFu;
        const uint32_t v = (x >> 16) | 0x8000u;
        int k = 0;
        while (!((v >> k) & 1u)) ++k;  // trailing zeros: k with probability 2^-(k+1)
        out += char(0x40 + k);
    }
    return out;
}

std::string expected_content(const std::string& name) {
    if (name == "stored") return lcg_bytes(3000, 1);
    if (name == "fixed") {
        std::string s = lcg_bytes(2000, 2, "abcd ");
        for (int i = 0; i < 20; ++i) s += "hello hello hello hello hello world\n";
        return s;
    }
    const std::string a = lcg_bytes(17000, 3, "ab");
    return a + a + std::string(1000, '\0') + geometric_bytes(5000, 4);
}

// gunzip that must fail; returns the message.
std::string gunzip_error(const std::string& in, size_t max_output = size_t(1) << 30) {
    std::string out;
    ll::Status st = ll::gunzip(in, out, max_output);
    CHECK_FALSE(st.is_ok());
    return st.message();
}

using lltest::contains;

// DEFLATE bit packing: fields least significant bit first; Huffman codes most significant bit first.
struct BitWriter {
    std::string bytes;
    int nbits = 0;
    void put(uint32_t v, int n) {
        for (int i = 0; i < n; ++i, ++nbits) {
            if (nbits % 8 == 0) bytes += '\0';
            bytes.back() = char(uint8_t(bytes.back()) | (((v >> i) & 1u) << (nbits % 8)));
        }
    }
    void code(uint32_t c, int len) {
        for (int i = len - 1; i >= 0; --i) put((c >> i) & 1u, 1);
    }
    // Fixed Huffman codes (RFC 1951 3.2.6).
    void fixed_lit(int sym) {
        if (sym < 144) code(0x30u + uint32_t(sym), 8);
        else if (sym < 256) code(0x190u + uint32_t(sym - 144), 9);
        else if (sym < 280) code(uint32_t(sym - 256), 7);
        else code(0xC0u + uint32_t(sym - 280), 8);
    }
    void fixed_dist(int sym) { code(uint32_t(sym), 5); }
};

void put_le32(std::string& s, uint32_t v) {
    for (int i = 0; i < 4; ++i) s += char((v >> (8 * i)) & 0xFF);
}

// A gzip member around a raw DEFLATE stream, with the trailer of the given content.
std::string gzip_of(const std::string& deflate, const std::string& content) {
    std::string s("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
    s += deflate;
    put_le32(s, ll::crc32(content.data(), content.size()));
    put_le32(s, uint32_t(content.size()));
    return s;
}

// Dynamic block header whose literal/length code holds only end-of-block (one code of length 1)
// and no distance codes: code-length code 18 -> "0", 0 -> "10", 1 -> "11".
BitWriter lone_end_of_block_header() {
    BitWriter w;
    w.put(1, 1);
    w.put(2, 2);   // final, dynamic
    w.put(0, 5);   // HLIT: 257 codes
    w.put(0, 5);   // HDIST: 1 code
    w.put(14, 4);  // HCLEN: 18 code-length lengths, in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1
    const int cl[18] = {0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
    for (int l : cl) w.put(uint32_t(l), 3);
    w.code(0, 1);
    w.put(127, 7);  // 18: 138 zeros
    w.code(0, 1);
    w.put(107, 7);  // 18: 118 zeros (symbols 0..255)
    w.code(3, 2);   // symbol 256: length 1
    w.code(2, 2);   // the one distance code: length 0
    return w;
}

}  // namespace

// ---- CRC-32 and gunzip of valid data ----

TEST_CASE("crc32: the standard check value and continuation") {
    const std::string s = "123456789";
    CHECK(ll::crc32(s.data(), s.size()) == 0xCBF43926u);
    CHECK(ll::crc32(s.data(), 0) == 0u);
    const std::string long_text = lcg_bytes(1000, 9);  // exercises the 8-byte path and the tail
    const uint32_t whole = ll::crc32(long_text.data(), long_text.size());
    CHECK(ll::crc32(long_text.data() + 13, long_text.size() - 13, ll::crc32(long_text.data(), 13)) == whole);
}

TEST_CASE("gunzip: stored, fixed and dynamic Huffman blocks") {
    for (const char* name : {"stored", "fixed", "dynamic"}) {
        CAPTURE(name);
        std::string out;
        ll::Status st = ll::gunzip(fixture(std::string(name) + ".gz"), out);
        REQUIRE_MESSAGE(st.is_ok(), st.message());
        CHECK(out == expected_content(name));
    }
}

TEST_CASE("gunzip: several members, optional header fields, empty content") {
    std::string out;
    ll::Status st = ll::gunzip(fixture("multi.gz"), out);  // "first", then a named member, then an empty one
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    CHECK(out == "first member\nsecond member\n");

    st = ll::gunzip(fixture("header.gz"), out);  // FEXTRA, FNAME, FCOMMENT and a valid FHCRC
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    CHECK(out == "all header fields\nall header fields\nall header fields\n");

    out = "stale";
    st = ll::gunzip(fixture("empty.gz"), out);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    CHECK(out.empty());

    st = ll::gunzip(fixture("fixed.gz") + std::string(5, '\0'), out);  // zero padding after the member
    CHECK_MESSAGE(st.is_ok(), st.message());
}

TEST_CASE("inflate: hand-assembled fixed block with overlapping back-references") {
    BitWriter w;
    w.put(1, 1);
    w.put(1, 2);  // final, fixed Huffman
    w.fixed_lit('a');
    w.fixed_lit(264);  // length 10
    w.fixed_dist(0);   // distance 1: repeats 'a'
    for (char c : std::string("bc")) w.fixed_lit(c);
    w.fixed_lit(265);  // length 11 + 1 extra bit
    w.put(1, 1);       // = 12
    w.fixed_dist(2);   // distance 3: repeats the "abc" that ends the output so far
    w.fixed_lit(256);
    std::string out;
    size_t consumed = 0;
    ll::Status st = ll::inflate_raw(reinterpret_cast<const uint8_t*>(w.bytes.data()), w.bytes.size(), consumed, out,
                                    1000);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    CHECK(out == std::string(11, 'a') + "bc" + "abcabcabcabc");
    CHECK(consumed == w.bytes.size());

    // A lone literal/length code (end-of-block) and no distance codes is a valid, empty block.
    BitWriter e = lone_end_of_block_header();
    e.code(0, 1);
    st = ll::gunzip(gzip_of(e.bytes, ""), out);
    CHECK_MESSAGE(st.is_ok(), st.message());
    CHECK(out.empty());
}

// ---- gunzip errors ----

TEST_CASE("gunzip: not gzip, bad header, trailing data") {
    CHECK(contains(gunzip_error(""), "empty"));
    CHECK(contains(gunzip_error("PK\x03\x04 not a gzip"), "not a gzip"));
    std::string g = fixture("fixed.gz");
    std::string bad = g;
    bad[2] = 7;
    CHECK(contains(gunzip_error(bad), "compression method 7"));
    bad = g;
    bad[3] = char(0x20);
    CHECK(contains(gunzip_error(bad), "reserved flag"));
    bad = fixture("header.gz");
    bad[30] ^= 1;  // inside the comment: the header CRC-16 no longer matches
    CHECK(contains(gunzip_error(bad), "header CRC"));
    CHECK(contains(gunzip_error(g + "junk"), "unexpected data after gzip member 1"));
}

TEST_CASE("gunzip: CRC and length mismatches in the trailer") {
    const std::string g = fixture("dynamic.gz");
    std::string bad = g;
    bad[g.size() - 8] ^= 0x40;
    CHECK(contains(gunzip_error(bad), "CRC-32 mismatch"));
    bad = g;
    bad[g.size() - 4] ^= 0x01;
    CHECK(contains(gunzip_error(bad), "length mismatch"));
    bad = fixture("multi.gz");
    bad[bad.size() - 20 - 8] ^= 1;  // CRC of the second member
    CHECK(contains(gunzip_error(bad), "gzip member 2: CRC-32 mismatch"));
}

TEST_CASE("gunzip: every truncation of a member is reported as truncated") {
    for (const char* name : {"stored.gz", "fixed.gz", "dynamic.gz", "header.gz"}) {
        const std::string g = fixture(name);
        for (size_t n = 2; n < g.size(); ++n) {
            std::string out;
            ll::Status st = ll::gunzip(g.substr(0, n), out);
            if (st.is_ok() || !contains(st.message(), "truncated")) {
                FAIL_CHECK(name << " cut to " << n << " bytes: " << (st.is_ok() ? "accepted" : st.message()));
                break;
            }
        }
    }
}

TEST_CASE("gunzip: flipped bits never give wrong output silently") {
    for (const char* name : {"fixed.gz", "dynamic.gz"}) {
        const std::string g = fixture(name);
        const std::string want = expected_content(std::string(name).substr(0, std::string(name).size() - 3));
        int accepted = 0;
        for (size_t i = 0; i < g.size(); ++i) {
            if (i >= 4 && i < 10) continue;  // mtime, xfl, os: informational
            std::string bad = g;
            bad[i] = char(uint8_t(bad[i]) ^ (1u << (i % 8)));
            std::string out;
            ll::Status st = ll::gunzip(bad, out);
            if (st.is_ok()) {
                ++accepted;  // harmless flips: unused bits before the trailer, distance 1 vs 2 in a run of zeros
                CHECK(out == want);
            }
        }
        CHECK(accepted * 100 < int(g.size()));  // and nearly every flip is caught
    }
}

TEST_CASE("inflate: corrupt streams name what is wrong") {
    auto stream_error = [](const BitWriter& w) { return gunzip_error(gzip_of(w.bytes, "")); };
    BitWriter w;
    w.put(1, 1);
    w.put(3, 2);
    CHECK(contains(stream_error(w), "reserved block type"));

    w = BitWriter();
    w.put(1, 1);
    w.put(0, 2);
    w.put(5, 16);
    w.put(5, 16);  // NLEN must be ~LEN
    CHECK(contains(stream_error(w), "LEN and NLEN"));

    w = BitWriter();
    w.put(1, 1);
    w.put(1, 2);
    w.fixed_lit('a');
    w.fixed_lit(257);  // length 3
    w.fixed_dist(1);   // distance 2, but only 1 byte exists
    w.fixed_lit(256);
    CHECK(contains(stream_error(w), "distance 2 too far back"));

    w = BitWriter();
    w.put(1, 1);
    w.put(1, 2);
    w.fixed_lit(286);
    CHECK(contains(stream_error(w), "invalid length symbol"));

    w = BitWriter();
    w.put(1, 1);
    w.put(1, 2);
    w.fixed_lit('a');
    w.fixed_lit(257);
    w.fixed_dist(30);
    CHECK(contains(stream_error(w), "invalid distance symbol"));

    BitWriter e = lone_end_of_block_header();
    e.code(1, 1);  // the unassigned half of the code space
    CHECK(contains(stream_error(e), "invalid literal/length code"));
}

TEST_CASE("inflate: corrupt dynamic block headers") {
    auto header = [](uint32_t hlit, uint32_t hdist, std::vector<int> cl) {
        BitWriter w;
        w.put(1, 1);
        w.put(2, 2);
        w.put(hlit, 5);
        w.put(hdist, 5);
        w.put(uint32_t(cl.size() - 4), 4);
        for (int l : cl) w.put(uint32_t(l), 3);
        return w;
    };
    auto stream_error = [](const BitWriter& w) { return gunzip_error(gzip_of(w.bytes, "")); };
    BitWriter w = header(0, 0, {1, 1, 1, 1});  // four codes of length 1: over-subscribed
    CHECK(contains(stream_error(w), "invalid code-length code"));

    w = header(30, 0, {1, 0, 0, 1});  // HLIT 287
    CHECK(contains(stream_error(w), "too many"));

    w = header(0, 0, {1, 0, 0, 1});  // 0 -> "0", 16 -> "1"
    w.code(1, 1);                    // repeat with nothing to repeat
    w.put(0, 2);
    CHECK(contains(stream_error(w), "no previous length"));

    w = header(0, 0, {0, 0, 1, 1});  // 0 -> "0", 18 -> "1"; 258 lengths to send
    w.code(1, 1);
    w.put(127, 7);
    w.code(1, 1);
    w.put(127, 7);  // 276 zeros
    CHECK(contains(stream_error(w), "repeat past the end"));

    w = header(0, 0, {0, 0, 1, 1});
    w.code(1, 1);
    w.put(127, 7);
    w.code(1, 1);
    w.put(109, 7);  // exactly 258 zeros: no end-of-block code
    CHECK(contains(stream_error(w), "missing end-of-block"));
}

TEST_CASE("gunzip: the output size guard") {
    const std::string g = fixture("dynamic.gz");
    std::string out;
    CHECK(ll::gunzip(g, out, 40000).is_ok());
    CHECK(contains(gunzip_error(g, 39999), "exceeds the limit of 39999 bytes"));
    CHECK(contains(gunzip_error(g, 1000), "decompression bomb"));
}
