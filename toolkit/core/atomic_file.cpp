#include "toolkit/core/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "toolkit/core/error.h"

namespace jetstudy::core {
namespace {

std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  static std::atomic<int> counter{0};
  return target.parent_path() /
         (target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
}

void fsync_path(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void produce_file_atomically(const std::filesystem::path& target,
                             const std::function<void(const std::filesystem::path&)>& write) {
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
  const auto temporary = temporary_beside(target);
  try {
    write(temporary);
    fsync_path(temporary);
    std::filesystem::rename(temporary, target);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

void write_file_atomically(const std::filesystem::path& target, std::string_view contents) {
  produce_file_atomically(target, [&](const std::filesystem::path& temporary) {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(temporary.string() + ": cannot write");
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) throw InputError(temporary.string() + ": write failed (disk full?)");
  });
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open (does the file exist?)");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace jetstudy::core
