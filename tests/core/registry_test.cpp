#include "toolkit/core/registry.h"

#include <catch2/catch.hpp>

using namespace jetstudy::core;

namespace {
struct Entry {
  const char* name;
  int value;
};
const std::vector<Entry> kTable = {{"deeptop", 1}, {"resnext", 2}};
}  // namespace

TEST_CASE("registry: a name finds its entry, a typo names the kind of thing and the closest name") {
  CHECK(find_by_name(kTable, "resnext", "architecture").value == 2);
  CHECK(names_of(kTable) == std::vector<std::string>{"deeptop", "resnext"});
  REQUIRE_THROWS_AS(find_by_name(kTable, "resnxt", "architecture"), InputError);
  REQUIRE_THROWS_WITH(find_by_name(kTable, "resnxt", "architecture"),
                      "unknown architecture 'resnxt'; did you mean 'resnext'?");
  REQUIRE_THROWS_WITH(find_by_name(kTable, "transformer", "architecture"), "unknown architecture 'transformer'");
}
