// gzip (RFC 1952) and DEFLATE (RFC 1951) decompression, written for the engine so that the native
// and the Emscripten builds read .gz datasets with the same code (zlib is not part of the web build).
// Decoding is table-driven: a 10-bit lookup table resolves the common short Huffman codes in one
// step, and the rare longer codes (11..15 bits) fall back to canonical decoding.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/status.h"

namespace ll {

// CRC-32 as used by gzip (reflected polynomial 0xEDB88320, init and final xor 0xFFFFFFFF).
// Pass the previous result as crc to continue a running checksum; crc32(p, 0) == 0.
uint32_t crc32(const void* data, size_t n, uint32_t crc = 0);

// Decompresses one raw DEFLATE stream starting at in[0]. consumed receives the number of input
// bytes up to the end of the final block (rounded up to a whole byte). Appends to out; fails when
// out would grow past max_output bytes. Back-references may reach only bytes this call wrote.
Status inflate_raw(const uint8_t* in, size_t n, size_t& consumed, std::string& out, size_t max_output);

// Decompresses a .gz file's bytes (one or more members, concatenated output). Errors: not gzip,
// truncated, corrupt (bad Huffman code, distance too far back), CRC or length mismatch; and a size
// guard (max_output bytes, default 1 GiB) against decompression bombs.
Status gunzip(const std::string& in, std::string& out, size_t max_output = size_t(1) << 30);

// True when bytes start with the gzip magic 1f 8b.
bool is_gzip(const std::string& bytes);

}  // namespace ll
