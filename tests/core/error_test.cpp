#include "toolkit/core/error.h"

#include <catch2/catch.hpp>

using namespace jetstudy::core;

TEST_CASE("error: numbers in messages have six significant digits and no trailing zeros") {
  CHECK(rounded(7000) == "7000");
  CHECK(rounded(6997.5155) == "6997.52");
  CHECK(rounded(0.1 + 0.7 + 0.1) == "0.9");  // not 0.8999999999999999
  CHECK(rounded(-5) == "-5");
  CHECK(rounded(1e-7) == "1e-07");
}

TEST_CASE("error: a recipe error reads file:line:col: message") {
  const RecipeError error({"r.yaml", 3, 7}, "model.arch: unknown");
  CHECK(std::string(error.what()) == "r.yaml:3:7: model.arch: unknown");
  CHECK(SourceLocation{"r.yaml", 3, 0}.to_string() == "r.yaml:3");
  CHECK(SourceLocation{"r.yaml", 0, 0}.to_string() == "r.yaml");
}
