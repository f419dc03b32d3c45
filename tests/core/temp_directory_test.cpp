#include "toolkit/core/temp_directory.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <stdexcept>

using jetstudy::core::TempDirectory;

TEST_CASE("temp_directory: a fresh empty folder per object, gone with its contents at the end of the scope") {
  std::filesystem::path first, second;
  {
    const TempDirectory a("unit"), b("unit");
    first = a.path();
    second = b.path();
    CHECK(first != second);  // the same tag twice gives two folders
    CHECK(std::filesystem::is_directory(first));
    CHECK(std::filesystem::is_empty(first));
    std::filesystem::create_directories(a / "nested" / "deeper");
    std::ofstream(a / "nested" / "file.txt") << "x";
  }
  CHECK_FALSE(std::filesystem::exists(first));
  CHECK_FALSE(std::filesystem::exists(second));
}

TEST_CASE("temp_directory: an exception unwinding past it removes the folder") {
  std::filesystem::path where;
  try {
    const TempDirectory scratch("unwind");
    where = scratch.path();
    std::ofstream(scratch / "half-written.h5") << "partial";
    throw std::runtime_error("a benchmark failed midway");
  } catch (const std::runtime_error&) {
  }
  REQUIRE_FALSE(where.empty());
  CHECK_FALSE(std::filesystem::exists(where));
}
