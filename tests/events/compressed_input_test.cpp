#include "toolkit/events/compressed_input.h"

#include <zlib.h>
#include <zstd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"

namespace {

using jetstudy::events::CompressedInput;
using jetstudy::events::Compression;

std::string some_text() {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "P " + std::to_string(i) + " 211 1.5e+00 -2.25e+00 " + std::to_string(i * 0.5) + "\n";
  return text;
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string gzip(const std::string& text) {
  z_stream stream{};
  deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // +16: gzip wrapper
  std::string out(deflateBound(&stream, text.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const auto size = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  REQUIRE_FALSE(ZSTD_isError(size));
  out.resize(size);
  return out;
}

std::string read_all(const std::filesystem::path& path) {
  CompressedInput input(path);
  std::string all, line;
  while (std::getline(input, line)) all += line + "\n";
  return all;
}

}  // namespace

TEST_CASE("compressed input: plain, gzip and zstd copies of a file read back the same lines") {
  jetstudy::core::TempDirectory dir("compressed");
  const std::string text = some_text();
  write_bytes(dir / "a.txt", text);
  write_bytes(dir / "a.txt.gz", gzip(text));
  write_bytes(dir / "a.txt.zst", zstd(text));
  write_bytes(dir / "twice.gz", gzip(text) + gzip(text));  // concatenated gzip members, as `cat` makes
  CHECK(CompressedInput(dir / "a.txt").compression() == Compression::kNone);
  CHECK(CompressedInput(dir / "a.txt.gz").compression() == Compression::kGzip);
  CHECK(CompressedInput(dir / "a.txt.zst").compression() == Compression::kZstd);
  CHECK(read_all(dir / "a.txt") == text);
  CHECK(read_all(dir / "a.txt.gz") == text);
  CHECK(read_all(dir / "a.txt.zst") == text);
  CHECK(read_all(dir / "twice.gz") == text + text);
}

TEST_CASE("compressed input: the real zstd HepMC3 file decompresses to its 25 events") {
  CompressedInput input(JETSTUDY_SHARED_DATA "/hepmc3/sk_example_HS.hepmc.zst");
  std::string line;
  int lines = 0, events = 0;
  while (std::getline(input, line)) {
    ++lines;
    if (line.rfind("E ", 0) == 0) ++events;
  }
  CHECK(lines == 64642);
  CHECK(events == 25);
}

TEST_CASE("compressed input: corrupt gzip data is an input error naming the file") {
  jetstudy::core::TempDirectory dir("compressed");
  std::string bytes = gzip(some_text());
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  const auto path = dir / "corrupt.txt.gz";
  write_bytes(path, bytes);
  REQUIRE_THROWS_AS(read_all(path), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(read_all(path), Catch::Matchers::StartsWith(path.string() + ": corrupt gzip data"));
}

TEST_CASE("compressed input: a truncated zstd file says it ends in the middle of a frame") {
  jetstudy::core::TempDirectory dir("compressed");
  const std::string bytes = zstd(some_text());
  const auto path = dir / "cut.txt.zst";
  write_bytes(path, bytes.substr(0, bytes.size() / 2));
  REQUIRE_THROWS_WITH(read_all(path), Catch::Matchers::StartsWith(path.string() + ":") &&
                                          Catch::Matchers::Contains("ends in the middle of a frame"));
}

TEST_CASE("compressed input: a .zst name over plain text is refused before reading") {
  jetstudy::core::TempDirectory dir("compressed");
  const auto path = dir / "plain.hepmc.zst";
  write_bytes(path, "HepMC::Version 3.01.01\n");
  REQUIRE_THROWS_WITH(CompressedInput(path), path.string() + ": the name ends in .zst but the file is not Zstandard "
                                                             "data (it starts with other bytes)");
  REQUIRE_THROWS_WITH(CompressedInput(dir / "missing.gz"),
                      Catch::Matchers::Contains("missing.gz: cannot open (does the file exist?)"));
}
