// A fresh directory under the system temp dir for one test, removed (with its contents) when the test ends.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "toolkit/core/remove_tree.h"

namespace jetstudy::testing {

class TempDirectory {
 public:
  explicit TempDirectory(const std::string& tag) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("jetstudy-" + tag + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    core::remove_tree(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() { core::remove_tree(path_); }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace jetstudy::testing
