// Structural checks of image files, run before stb_image decodes them. Debian's stb_image 2.27 trusts
// some header fields: a JPEG DHT segment whose sixteen code counts sum past 256 makes it write past its
// Huffman tables (a 282-byte file is enough). These walks refuse such files with a message that names
// the segment and the byte offset, and check the lengths and sizes that every later step relies on.
// They are not decoders: a file they pass may still be refused by stb as corrupt.
#pragma once
#include <string>

#include "engine/data/image.h"

namespace ll {

// Every marker segment up to EOI: lengths within the file, DHT counts summing to at most 256 and
// filling their segment, DQT tables, one SOF with 8-bit samples, 1/3/4 components, a size within
// kMaxImageSide / kMaxImagePixels and a length matching its components, SOS after SOF with a matching
// length and, in progressive files, valid spectral bands.
Status check_jpeg_structure(const std::string& bytes);
// File and info headers: a known info header size, the pixel data offset inside the file, 1 plane,
// a bit depth stb reads.
Status check_bmp_structure(const std::string& bytes);
// Every PNG chunk's data within the file. stb_image 2.27 grows its IDAT buffer to a chunk's stated
// length before it reads the data, so a 98-byte file whose IDAT claims 2 GB made it allocate 2 GB
// (found by tests/fuzz/fuzz_image). A file cut inside a chunk's CRC passes here (stb refuses it).
Status check_png_structure(const std::string& bytes);
// A PNG's zero-length IDAT chunks carry no data, but stb_image copies their 0 bytes to a null buffer
// (memcpy(NULL, ..., 0), undefined behaviour, found by tests/fuzz/fuzz_image). True, with out the file
// without them, when there were any; chunks past a damaged length are left for stb to refuse.
bool png_without_empty_idat(const std::string& bytes, std::string& out);
// The GIF87a / GIF89a signature and logical screen descriptor are present.
Status check_gif_structure(const std::string& bytes);

}  // namespace ll
