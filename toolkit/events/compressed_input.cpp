#include "toolkit/events/compressed_input.h"

#include <zlib.h>
#include <zstd.h>

#include <array>
#include <cstring>

#include "toolkit/core/error.h"

namespace jetstudy::events {
namespace {

constexpr std::size_t kRawBlock = 1 << 17;     // compressed bytes read per fread
constexpr std::size_t kOutputBlock = 1 << 18;  // decompressed bytes handed out per underflow

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw core::InputError(path.string() + ": " + what);
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

const char* compression_name(Compression compression) {
  switch (compression) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kNone: break;
  }
  return "none";
}

Compression detect_compression(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) fail(path, "cannot open (does the file exist?)");
  std::array<unsigned char, 4> magic{};
  const std::size_t n = std::fread(magic.data(), 1, magic.size(), file);
  std::fclose(file);
  Compression found = Compression::kNone;
  if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) found = Compression::kGzip;
  if (n >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd) found = Compression::kZstd;
  const std::string name = path.filename().string();
  if (ends_with(name, ".gz") && found != Compression::kGzip) {
    fail(path, "the name ends in .gz but the file is not gzip data (it starts with other bytes)");
  }
  if (ends_with(name, ".zst") && found != Compression::kZstd) {
    fail(path, "the name ends in .zst but the file is not Zstandard data (it starts with other bytes)");
  }
  return found;
}

// One decompressor (zlib or zstd) behind a common call: decompress what it can from `in` into `out`.
struct DecompressingBuffer::Codec {
  virtual ~Codec() = default;
  // Returns the number of bytes written to `out`; sets `consumed` to the bytes taken from `in`.
  virtual std::size_t decompress(const char* in, std::size_t in_size, std::size_t& consumed, char* out,
                                 std::size_t out_size) = 0;
  // True when the data seen so far ends at a complete stream/frame boundary.
  virtual bool complete() const = 0;
};

namespace {

class GzipCodec : public DecompressingBuffer::Codec {
 public:
  explicit GzipCodec(std::filesystem::path path) : path_(std::move(path)) {
    std::memset(&stream_, 0, sizeof stream_);
    // 15 + 32: the largest window, and accept both gzip and zlib headers.
    if (inflateInit2(&stream_, 15 + 32) != Z_OK) fail(path_, "cannot start the gzip decompressor");
  }
  ~GzipCodec() override { inflateEnd(&stream_); }

  std::size_t decompress(const char* in, std::size_t in_size, std::size_t& consumed, char* out,
                         std::size_t out_size) override {
    consumed = 0;
    if (in_size == 0 && finished_) return 0;
    if (finished_) {  // concatenated gzip members (as `cat a.gz b.gz` makes): start the next one
      inflateReset(&stream_);
      finished_ = false;
    }
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
    stream_.avail_in = static_cast<uInt>(in_size);
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(out_size);
    const int status = inflate(&stream_, Z_NO_FLUSH);
    consumed = in_size - stream_.avail_in;
    const std::size_t produced = out_size - stream_.avail_out;
    if (status == Z_STREAM_END) {
      finished_ = true;
    } else if (status != Z_OK && status != Z_BUF_ERROR) {
      fail(path_, std::string("corrupt gzip data (zlib: ") + (stream_.msg != nullptr ? stream_.msg : "error " + std::to_string(status)) + ")");
    }
    return produced;
  }
  bool complete() const override { return finished_; }

 private:
  std::filesystem::path path_;
  z_stream stream_;
  bool finished_ = false;
};

class ZstdCodec : public DecompressingBuffer::Codec {
 public:
  explicit ZstdCodec(std::filesystem::path path) : path_(std::move(path)), stream_(ZSTD_createDStream()) {
    if (stream_ == nullptr || ZSTD_isError(ZSTD_initDStream(stream_))) fail(path_, "cannot start the zstd decompressor");
  }
  ~ZstdCodec() override { ZSTD_freeDStream(stream_); }

  std::size_t decompress(const char* in, std::size_t in_size, std::size_t& consumed, char* out,
                         std::size_t out_size) override {
    ZSTD_inBuffer input{in, in_size, 0};
    ZSTD_outBuffer output{out, out_size, 0};
    const std::size_t hint = ZSTD_decompressStream(stream_, &output, &input);
    if (ZSTD_isError(hint)) fail(path_, std::string("corrupt zstd data (zstd: ") + ZSTD_getErrorName(hint) + ")");
    consumed = input.pos;
    // 0: a frame is complete and flushed. Keep the last answer that came with any progress.
    if (input.pos > 0 || output.pos > 0) frame_complete_ = hint == 0;
    return output.pos;
  }
  bool complete() const override { return frame_complete_; }

 private:
  std::filesystem::path path_;
  ZSTD_DStream* stream_;
  bool frame_complete_ = true;  // an empty file is a complete (empty) stream
};

}  // namespace

DecompressingBuffer::DecompressingBuffer(const std::filesystem::path& path, Compression compression)
    : path_(path), compression_(compression), raw_(kRawBlock) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) fail(path_, "cannot open (does the file exist?)");
  if (compression_ == Compression::kGzip) codec_ = std::make_unique<GzipCodec>(path_);
  if (compression_ == Compression::kZstd) codec_ = std::make_unique<ZstdCodec>(path_);
  if (codec_) output_.resize(kOutputBlock);
  setg(nullptr, nullptr, nullptr);
}

DecompressingBuffer::~DecompressingBuffer() {
  if (file_ != nullptr) std::fclose(file_);
}

bool DecompressingBuffer::refill_raw() {
  raw_begin_ = 0;
  raw_end_ = std::fread(raw_.data(), 1, raw_.size(), file_);
  if (raw_end_ == 0 && std::ferror(file_)) fail(path_, "read error");
  return raw_end_ > 0;
}

DecompressingBuffer::int_type DecompressingBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!codec_) {  // plain file: hand out the raw block itself
    if (!refill_raw()) return traits_type::eof();
    setg(raw_.data(), raw_.data(), raw_.data() + raw_end_);
    raw_begin_ = raw_end_;
    return traits_type::to_int_type(*gptr());
  }
  for (;;) {
    std::size_t consumed = 0;
    const std::size_t produced =
        codec_->decompress(raw_.data() + raw_begin_, raw_end_ - raw_begin_, consumed, output_.data(), output_.size());
    raw_begin_ += consumed;
    if (produced > 0) {
      setg(output_.data(), output_.data(), output_.data() + produced);
      return traits_type::to_int_type(*gptr());
    }
    if (raw_begin_ < raw_end_) continue;  // headers consumed, nothing produced yet
    if (!refill_raw()) {
      if (!codec_->complete()) {
        fail(path_, std::string("the ") + compression_name(compression_) +
                        " data ends in the middle of a frame (truncated or partly copied file?)");
      }
      return traits_type::eof();
    }
  }
}

CompressedInput::CompressedInput(const std::filesystem::path& path)
    : std::istream(nullptr), path_(path), compression_(detect_compression(path)), buffer_(path, compression_) {
  rdbuf(&buffer_);
  // Let the InputError thrown by the buffer reach the caller instead of only setting badbit.
  exceptions(std::ios::badbit);
}

}  // namespace jetstudy::events
