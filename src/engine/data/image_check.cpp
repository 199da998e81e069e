// Structural checks of image files before stb_image sees them (image_check.h says why). JPEG's
// marker segments follow ITU-T T.81 Annex B: FF xx, a 2-byte big-endian length that counts itself,
// then the payload; SOS is followed by entropy-coded data in which FF is stuffed as FF 00 and RSTn
// markers may appear, up to the next real marker.
#include "engine/data/image_check.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace ll {

namespace {

struct Reader {
    const std::string& b;
    size_t size() const { return b.size(); }
    unsigned at(size_t i) const { return uint8_t(b[i]); }
    unsigned be16(size_t i) const { return at(i) << 8 | at(i + 1); }
};

std::string hex2(unsigned v) {
    const char* d = "0123456789ABCDEF";
    return std::string(1, d[(v >> 4) & 15]) + d[v & 15];
}

// "segment FFC4 at byte 2: "
std::string where(unsigned marker, size_t pos) {
    return "JPEG segment FF" + hex2(marker) + " at byte " + std::to_string(pos) + ": ";
}

bool is_sof(unsigned m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }

// DHT: one or more tables, each Tc/Th, 16 counts and sum(counts) values, filling the payload exactly.
// stb_image 2.27 builds its tables from the counts without checking that they sum to at most 256:
// larger sums write past its 256-entry arrays. Each table read sets bit 4 * class + id of defined.
Status check_dht(const Reader& r, size_t p, size_t end, size_t pos, unsigned& defined) {
    while (p < end) {
        if (end - p < 17) return Status::error(where(0xC4, pos) + "a Huffman table header is cut short");
        const unsigned tc = r.at(p) >> 4, th = r.at(p) & 15;
        if (tc > 1 || th > 3)
            return Status::error(where(0xC4, pos) + "Huffman table class " + std::to_string(tc) + " / id " +
                                 std::to_string(th) + " (class 0 or 1, id 0 to 3)");
        size_t total = 0;
        for (size_t k = 1; k <= 16; ++k) total += r.at(p + k);
        if (total > 256)
            return Status::error(where(0xC4, pos) + "the Huffman code counts sum to " + std::to_string(total) +
                                 " (at most 256 codes): a corrupt or hostile file");
        p += 17;
        if (end - p < total) return Status::error(where(0xC4, pos) + "the Huffman table's values run past the segment");
        p += total;
        defined |= 1u << (4 * tc + th);
    }
    return Status::ok();
}

// DQT: tables of 64 8-bit or 16-bit entries, filling the payload exactly. Each table read sets bit
// tq of defined.
Status check_dqt(const Reader& r, size_t p, size_t end, size_t pos, unsigned& defined) {
    while (p < end) {
        const unsigned pq = r.at(p) >> 4, tq = r.at(p) & 15;
        if (pq > 1 || tq > 3) return Status::error(where(0xDB, pos) + "bad quantisation table precision or id");
        const size_t n = 1 + (pq ? 128 : 64);
        if (end - p < n) return Status::error(where(0xDB, pos) + "a quantisation table runs past the segment");
        p += n;
        defined |= 1u << tq;
    }
    return Status::ok();
}

// SOF: 8-bit precision, 1 to 4 components (stb reads 1, 3 or 4), a size within LayerLab's limits,
// sampling factors 1 to 4, and a length of exactly 8 + 3 * components.
Status check_sof(const Reader& r, unsigned m, size_t p, size_t len, size_t pos, int& components, unsigned& quant_used) {
    if (len < 8) return Status::error(where(m, pos) + "frame header shorter than 8 bytes");
    const unsigned precision = r.at(p), h = r.be16(p + 1), w = r.be16(p + 3), nf = r.at(p + 5);
    if (precision != 8) return Status::error(where(m, pos) + std::to_string(precision) + "-bit samples (LayerLab reads 8-bit JPEG)");
    if (w == 0 || h == 0) return Status::error(where(m, pos) + "the frame is " + std::to_string(w) + " x " + std::to_string(h) + " pixels");
    if (w > unsigned(kMaxImageSide) || h > unsigned(kMaxImageSide) || int64_t(w) * h > kMaxImagePixels)
        return Status::error("the image is " + std::to_string(w) + " x " + std::to_string(h) +
                             " pixels; LayerLab reads at most " + std::to_string(kMaxImageSide) +
                             " pixels per side and 40 million in all");
    if (nf != 1 && nf != 3 && nf != 4) return Status::error(where(m, pos) + std::to_string(nf) + " colour components (1, 3 or 4)");
    if (len != 8 + 3 * size_t(nf))
        return Status::error(where(m, pos) + "length " + std::to_string(len) + " does not match " + std::to_string(nf) +
                             " components (" + std::to_string(8 + 3 * nf) + ")");
    for (unsigned c = 0; c < nf; ++c) {
        const unsigned hv = r.at(p + 7 + 3 * c), tq = r.at(p + 8 + 3 * c);
        if ((hv >> 4) < 1 || (hv >> 4) > 4 || (hv & 15) < 1 || (hv & 15) > 4 || tq > 3)
            return Status::error(where(m, pos) + "component " + std::to_string(c) + " has bad sampling factors or table id");
        quant_used |= 1u << tq;
    }
    components = int(nf);
    return Status::ok();
}

// SOS: 1 to 4 components (at most the frame's), a length of 6 + 2 * components, table ids 0 to 3 and,
// for progressive frames, a valid spectral band and approximation; and every Huffman table the scan
// decodes with defined by an earlier DHT (bits of `defined` as check_dht sets them). stb_image 2.27
// does not check that last point: it decodes with the uninitialised table and indexes its arrays with
// whatever symbol ids that gives (found by tests/fuzz/fuzz_image).
Status check_sos(const Reader& r, size_t p, size_t len, size_t pos, bool progressive, int frame_components,
                 unsigned defined) {
    const unsigned m = 0xDA;
    if (frame_components == 0) return Status::error(where(m, pos) + "scan before any frame header (SOF)");
    if (len < 6) return Status::error(where(m, pos) + "scan header shorter than 6 bytes");
    const unsigned ns = r.at(p);
    if (ns < 1 || ns > 4 || int(ns) > frame_components || len != 6 + 2 * size_t(ns))
        return Status::error(where(m, pos) + "scan header of length " + std::to_string(len) + " with " +
                             std::to_string(ns) + " components");
    for (unsigned c = 0; c < ns; ++c) {
        const unsigned t = r.at(p + 2 + 2 * c);
        if ((t >> 4) > 3 || (t & 15) > 3) return Status::error(where(m, pos) + "bad Huffman table id in the scan");
    }
    const size_t q = p + 1 + 2 * size_t(ns);
    const unsigned ss = r.at(q), se = r.at(q + 1), ah = r.at(q + 2) >> 4, al = r.at(q + 2) & 15;
    if (progressive && (ss > se || se > 63 || (ss == 0 && se != 0) || ah > 13 || al > 13))
        return Status::error(where(m, pos) + "bad progressive scan band " + std::to_string(ss) + ".." +
                             std::to_string(se) + " / approximation " + std::to_string(ah) + "," + std::to_string(al));
    // Baseline scans decode with both tables; a progressive DC scan with the DC table on its first
    // pass only (refinements read raw bits), an AC scan with the AC table.
    const bool uses_dc = !progressive || (ss == 0 && ah == 0), uses_ac = !progressive || ss > 0;
    for (unsigned c = 0; c < ns; ++c) {
        const unsigned t = r.at(p + 2 + 2 * c), dc = t >> 4, ac = t & 15;
        const auto missing = [&](const char* kind, unsigned id) {
            return Status::error(where(m, pos) + "the scan decodes with " + kind + " Huffman table " + std::to_string(id) +
                                 ", which no earlier DHT segment defines: a corrupt or cut-together file");
        };
        if (uses_dc && !(defined >> dc & 1)) return missing("DC", dc);
        if (uses_ac && !(defined >> (4 + ac) & 1)) return missing("AC", ac);
    }
    return Status::ok();
}

// The frame's components dequantise with the tables their SOF entries name (bits of used); stb_image
// 2.27 does not check that a DQT segment defined them and multiplies by whatever its freshly allocated
// decoder state holds (found by a long tests/fuzz/fuzz_image run: a file without any DQT, different
// garbage, and once a signed overflow, from run to run).
Status check_quant_defined(unsigned used, unsigned defined, size_t pos) {
    for (unsigned t = 0; t < 4; ++t)
        if ((used >> t & 1) && !(defined >> t & 1))
            return Status::error(where(0xDA, pos) + "the frame dequantises with table " + std::to_string(t) +
                                 ", which no DQT segment defines: a corrupt or cut-together file");
    return Status::ok();
}

}  // namespace

Status check_jpeg_structure(const std::string& bytes) {
    const Reader r{bytes};
    if (r.size() < 4 || r.at(0) != 0xFF || r.at(1) != 0xD8) return Status::error("JPEG: no start-of-image marker");
    size_t i = 2;
    int components = 0, frames = 0;
    unsigned huffman_tables = 0, quant_tables = 0, quant_used = 0;
    size_t first_scan = 0;  // where the first SOS starts (0: none yet)
    bool progressive = false;
    while (i < r.size()) {
        if (r.at(i) != 0xFF)
            return Status::error("JPEG: byte " + std::to_string(i) + " should start a marker (FF), it is " + hex2(r.at(i)));
        while (i < r.size() && r.at(i) == 0xFF) ++i;  // fill bytes
        if (i >= r.size()) break;
        const unsigned m = r.at(i);
        const size_t pos = i - 1;
        ++i;
        // A progressive frame dequantises once, after its last scan; a sequential one scan by scan.
        if (m == 0xD9) return progressive && first_scan ? check_quant_defined(quant_used, quant_tables, first_scan) : Status::ok();
        if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) continue;     // standalone markers
        if (m == 0x00 || m == 0xD8) return Status::error(where(m, pos) + "unexpected marker");
        if (r.size() - i < 2) return Status::error(where(m, pos) + "the length is cut off (truncated file)");
        const size_t len = r.be16(i);
        if (len < 2) return Status::error(where(m, pos) + "length " + std::to_string(len) + " (at least 2)");
        if (len > r.size() - i)
            return Status::error(where(m, pos) + "length " + std::to_string(len) + " runs past the end of the file (" +
                                 std::to_string(r.size() - i) + " bytes left)");
        const size_t p = i + 2, end = i + len;
        if (m == 0xC4) LL_TRY(check_dht(r, p, end, pos, huffman_tables));
        else if (m == 0xDB) LL_TRY(check_dqt(r, p, end, pos, quant_tables));
        else if (m == 0xDD && len != 4) return Status::error(where(m, pos) + "restart interval segment of length " + std::to_string(len) + " (4)");
        else if (is_sof(m)) {
            if (++frames > 1) return Status::error(where(m, pos) + "a second frame header (one image per file)");
            progressive = m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE;
            LL_TRY(check_sof(r, m, p, len, pos, components, quant_used));
        } else if (m == 0xDA) {
            LL_TRY(check_sos(r, p, len, pos, progressive, components, huffman_tables));
            if (!first_scan) first_scan = pos;
            if (!progressive) LL_TRY(check_quant_defined(quant_used, quant_tables, pos));
            // Entropy-coded data: skip to the next marker that is neither stuffing (FF 00) nor RSTn.
            i = end;
            while (i + 1 < r.size() && !(r.at(i) == 0xFF && r.at(i + 1) != 0x00 && !(r.at(i + 1) >= 0xD0 && r.at(i + 1) <= 0xD7)))
                ++i;
            if (i + 1 >= r.size()) break;  // data cut short: stb pads the scan with zeros
            continue;
        }
        i = end;
    }
    // No EOI: stb stops at the end of the data.
    return progressive && first_scan ? check_quant_defined(quant_used, quant_tables, first_scan) : Status::ok();
}

Status check_bmp_structure(const std::string& b) {
    const Reader r{b};
    auto le32 = [&](size_t i) { return uint32_t(r.at(i)) | uint32_t(r.at(i + 1)) << 8 | uint32_t(r.at(i + 2)) << 16 | uint32_t(r.at(i + 3)) << 24; };
    if (r.size() < 26) return Status::error("BMP: the headers are cut short");
    const uint32_t offset = le32(10), hsz = le32(14);
    if (hsz != 12 && hsz != 40 && hsz != 56 && hsz != 108 && hsz != 124)
        return Status::error("BMP: info header size " + std::to_string(hsz) + " (12, 40, 56, 108 or 124)");
    if (r.size() < 14 + size_t(hsz)) return Status::error("BMP: the info header is cut short");
    if (offset < 14 + hsz || offset > r.size())
        return Status::error("BMP: pixel data offset " + std::to_string(offset) + " lies outside the file (" +
                             std::to_string(r.size()) + " bytes)");
    // Planes and bit depth follow 16-bit sizes in the OS/2 header (12 bytes), 32-bit ones otherwise.
    auto le16 = [&](size_t i) { return r.at(i) | r.at(i + 1) << 8; };
    const size_t at = hsz == 12 ? 22 : 26;
    const unsigned planes = le16(at), bpp = le16(at + 2);
    if (planes != 1) return Status::error("BMP: " + std::to_string(planes) + " colour planes (1)");
    if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
        return Status::error("BMP: " + std::to_string(bpp) + " bits per pixel (1, 4, 8, 16, 24 or 32)");
    return Status::ok();
}

Status check_gif_structure(const std::string& b) {
    if (b.size() < 13 || (b.compare(0, 6, "GIF87a") != 0 && b.compare(0, 6, "GIF89a") != 0))
        return Status::error("GIF: not a GIF87a or GIF89a header");
    return Status::ok();
}

Status check_png_structure(const std::string& bytes) {
    const Reader r{bytes};
    const auto be32 = [&](size_t i) { return uint32_t(r.at(i)) << 24 | uint32_t(r.at(i + 1)) << 16 | uint32_t(r.at(i + 2)) << 8 | r.at(i + 3); };
    for (size_t i = 8; i + 8 <= r.size();) {
        const uint64_t length = be32(i), data_end = uint64_t(i) + 8 + length;
        if (data_end > r.size()) {
            std::string type;
            for (size_t k = 4; k < 8; ++k) {
                const char c = bytes[i + k];
                type += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? c : '?';
            }
            return Status::error("corrupt or truncated PNG data (chunk " + type + " at byte " + std::to_string(i) +
                                 " says it holds " + std::to_string(length) + " bytes, but the file ends " +
                                 std::to_string(r.size() - i - 8) + " bytes later)");
        }
        i = size_t(data_end) + 4;  // the CRC
    }
    return Status::ok();
}

bool png_without_empty_idat(const std::string& bytes, std::string& out) {
    const auto be32 = [&](size_t i) {
        return uint32_t(uint8_t(bytes[i])) << 24 | uint32_t(uint8_t(bytes[i + 1])) << 16 |
               uint32_t(uint8_t(bytes[i + 2])) << 8 | uint32_t(uint8_t(bytes[i + 3]));
    };
    bool dropped = false;
    size_t kept = 8;  // the signature
    out.assign(bytes, 0, 8);
    // stb copies a chunk's data as soon as it has read its length and type, before its CRC, so an
    // empty IDAT whose CRC is cut off by the end of the file counts too (a fuzzer found that one).
    for (size_t i = 8; i + 8 <= bytes.size();) {
        const uint64_t end = uint64_t(i) + 12 + be32(i);  // length, type, data, CRC
        if (be32(i) == 0 && bytes.compare(i + 4, 4, "IDAT") == 0) {
            out.append(bytes, kept, i - kept);
            kept = size_t(std::min<uint64_t>(end, bytes.size()));
            dropped = true;
        }
        if (end >= bytes.size()) break;
        i = size_t(end);
    }
    if (!dropped) return false;
    out.append(bytes, kept, std::string::npos);
    return true;
}

}  // namespace ll
