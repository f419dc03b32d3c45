// A fresh directory under the system temp dir (its name: jetstudy-TAG-PID-N), removed with its contents when the
// object goes, also when an exception unwinds: the benchmarks' scratch folders and the tests' temporary ones.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "toolkit/core/remove_tree.h"

namespace jetstudy::core {

class TempDirectory {
 public:
  explicit TempDirectory(const std::string& tag) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("jetstudy-" + tag + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    remove_tree(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() { remove_tree(path_); }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace jetstudy::core
