#include "toolkit/core/remove_tree.h"

#include <ftw.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>

namespace jetstudy::core {
namespace {

// nftw visits a directory's entries before the directory itself (FTW_DEPTH), so each directory is empty when removed.
int remove_entry(const char* path, const struct stat*, int, struct FTW*) { return std::remove(path) == 0 ? 0 : -1; }

}  // namespace

bool remove_tree(const std::filesystem::path& path) noexcept {
  struct stat status {};
  if (lstat(path.c_str(), &status) != 0) return errno == ENOENT;
  constexpr int kOpenDirectories = 16;
  if (nftw(path.c_str(), remove_entry, kOpenDirectories, FTW_DEPTH | FTW_PHYS) == 0) return true;
  return lstat(path.c_str(), &status) != 0 && errno == ENOENT;
}

}  // namespace jetstudy::core
