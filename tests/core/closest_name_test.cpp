#include "toolkit/core/closest_name.h"

#include <catch2/catch.hpp>

using namespace jetstudy::core;

TEST_CASE("closest_name: edit distance counts insertions, deletions, substitutions and adjacent swaps") {
  CHECK(edit_distance("acu", "auc") == 1);
  CHECK(edit_distance("resnxt", "resnext") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest_name: a typo suggests the intended name, nonsense suggests nothing") {
  const std::vector<std::string> names{"deeptop", "resnext", "two_stream"};
  CHECK(closest_name("deeptp", names) == "deeptop");
  CHECK(did_you_mean("resnxt", names) == "; did you mean 'resnext'?");
  CHECK_FALSE(closest_name("transformer", names).has_value());
  CHECK(did_you_mean("transformer", names).empty());
}

TEST_CASE("closest_name: short names tolerate one edit, so 'mse' is not taken for 'bce'") {
  CHECK_FALSE(closest_name("mse", {"bce"}).has_value());
  CHECK(closest_name("bc", {"bce"}) == "bce");
  CHECK(closest_name("tpo", {"top", "w"}) == "top");
}
