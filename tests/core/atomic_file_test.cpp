#include "toolkit/core/atomic_file.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <stdexcept>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"

namespace fs = std::filesystem;
using namespace jetstudy::core;

using jetstudy::core::TempDirectory;

TEST_CASE("atomic_file: a written file has exactly the contents, in a created directory") {
  const TempDirectory temporary("atomic-write");
  const auto& dir = temporary.path();
  write_file_atomically(dir / "sub" / "result.json", "{\"auc\": 0.9}");
  CHECK(read_file(dir / "sub" / "result.json") == "{\"auc\": 0.9}");
  CHECK(std::distance(fs::directory_iterator(dir / "sub"), fs::directory_iterator{}) == 1);
}

TEST_CASE("atomic_file: a writer that throws leaves neither the target nor a temporary file") {
  const TempDirectory temporary("atomic-throw");
  const auto& dir = temporary.path();
  write_file_atomically(dir / "cache.h5", "old complete file");
  REQUIRE_THROWS_WITH(produce_file_atomically(dir / "cache.h5",
                                              [](const fs::path& temporary) {
                                                write_file_atomically(temporary, "half");
                                                throw std::runtime_error("crash mid-write");
                                              }),
                      "crash mid-write");
  CHECK(read_file(dir / "cache.h5") == "old complete file");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);
}

TEST_CASE("atomic_file: reading a missing file names it") {
  REQUIRE_THROWS_AS(read_file("/nonexistent/jetstudy.yaml"), InputError);
  REQUIRE_THROWS_WITH(read_file("/nonexistent/jetstudy.yaml"),
                      Catch::Matchers::StartsWith("/nonexistent/jetstudy.yaml: cannot open"));
}
