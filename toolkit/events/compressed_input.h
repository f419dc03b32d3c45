// An std::istream over a file that is plain text, gzip/zlib (.gz) or Zstandard (.zst) compressed. The format is
// chosen by the file's magic bytes (1f 8b: gzip, 28 b5 2f fd: zstd); a .gz/.zst name whose contents are not
// of that kind is refused. Decompression streams in blocks: memory stays small whatever the file size.
// Corrupt or truncated compressed data throws core::InputError naming the file from the read that meets it.
#pragma once

#include <cstdio>
#include <filesystem>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <vector>

namespace jetstudy::events {

enum class Compression { kNone, kGzip, kZstd };

// "none", "gzip", "zstd".
const char* compression_name(Compression compression);

// What the file holds, from its first bytes (throws core::InputError if it cannot be opened or its name
// promises a compression that its contents do not have).
Compression detect_compression(const std::filesystem::path& path);

// The stream buffer behind CompressedInput: reads raw blocks from the file and hands out decompressed bytes.
class DecompressingBuffer : public std::streambuf {
 public:
  DecompressingBuffer(const std::filesystem::path& path, Compression compression);
  ~DecompressingBuffer() override;
  DecompressingBuffer(const DecompressingBuffer&) = delete;
  DecompressingBuffer& operator=(const DecompressingBuffer&) = delete;
  struct Codec;  // zlib or zstd, defined in the .cpp

 protected:
  int_type underflow() override;

 private:
  bool refill_raw();  // false at the end of the file
  std::filesystem::path path_;
  Compression compression_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<Codec> codec_;
  std::vector<char> raw_;       // compressed bytes read from the file
  std::size_t raw_begin_ = 0;   // first unconsumed byte of raw_
  std::size_t raw_end_ = 0;     // one past the last valid byte of raw_
  std::vector<char> output_;    // decompressed bytes handed to the stream
};

// Usage: CompressedInput in("events.hepmc.zst"); std::string line; while (std::getline(in, line)) ...
// Errors in the data propagate as core::InputError out of the reading call (the stream's badbit exception
// mask is set for that purpose; end of file is reported as usual).
class CompressedInput : public std::istream {
 public:
  explicit CompressedInput(const std::filesystem::path& path);
  Compression compression() const { return compression_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  Compression compression_;
  DecompressingBuffer buffer_;
};

}  // namespace jetstudy::events
