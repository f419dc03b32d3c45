#include "toolkit/sched/results_layout.h"

#include <catch2/catch.hpp>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/temp_directory.h"

using namespace jetstudy;

TEST_CASE("results_layout: a results path blocked by a file is a clear input error") {
  const core::TempDirectory temporary("layout");
  const auto& dir = temporary.path();
  core::write_file_atomically(dir / "file", "x");
  REQUIRE_THROWS_WITH(sched::prepare_results_for_writing(dir / "file"),
                      Catch::Matchers::EndsWith("results directory is a file, not a directory (use --results DIR)"));
  REQUIRE_THROWS_WITH(sched::open_results_for_reading(dir / "nothing-here"),
                      Catch::Matchers::Contains("no results directory here"));
}
