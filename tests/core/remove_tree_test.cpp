#include "toolkit/core/remove_tree.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

using jetstudy::core::remove_tree;

namespace {

std::filesystem::path fresh_path(const std::string& tag) {
  const auto path =
      std::filesystem::temp_directory_path() / ("jetstudy-remove-tree-" + tag + "-" + std::to_string(getpid()));
  std::filesystem::remove(path);  // a file left by an earlier run (folders are not left: each test removes its own)
  return path;
}

void write_file(const std::filesystem::path& path) { std::ofstream(path) << "x"; }

}  // namespace

TEST_CASE("remove_tree: a folder goes with its nested folders, files and hidden files") {
  const auto root = fresh_path("nested");
  std::filesystem::create_directories(root / "a" / "b" / "c");
  std::filesystem::create_directories(root / "empty");
  write_file(root / "top.txt");
  write_file(root / "a" / ".hidden");
  write_file(root / "a" / "b" / "c" / "deep.h5");
  CHECK(remove_tree(root));
  CHECK_FALSE(std::filesystem::exists(root));
}

TEST_CASE("remove_tree: a single file is removed, and a path with nothing there counts as removed") {
  const auto file = fresh_path("file");
  write_file(file);
  CHECK(remove_tree(file));
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK(remove_tree(file));
}

TEST_CASE("remove_tree: a symbolic link inside is removed, never followed") {
  const auto outside = fresh_path("outside");
  const auto root = fresh_path("links");
  std::filesystem::create_directories(outside);
  write_file(outside / "keep.txt");
  std::filesystem::create_directories(root);
  std::filesystem::create_directory_symlink(outside, root / "link");
  CHECK(remove_tree(root));
  CHECK_FALSE(std::filesystem::exists(root));
  CHECK(std::filesystem::exists(outside / "keep.txt"));
  CHECK(remove_tree(outside));
}

TEST_CASE("remove_tree: what cannot be removed is reported") {
  // /proc refuses unlink to everyone, root included, so this holds wherever the tests run.
  CHECK_FALSE(remove_tree("/proc/self/status"));
  CHECK(std::filesystem::exists("/proc/self/status"));
}
