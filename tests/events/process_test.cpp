#include <catch2/catch.hpp>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/generator.h"

using namespace jetstudy::events::generator;

TEST_CASE("process: every name parses back to itself") {
  REQUIRE(process_names() == std::vector<std::string>{"qcd", "w", "z", "h", "top", "wprime"});
  for (const auto& name : process_names()) CHECK(process_name(parse_process(name)) == name);
}

TEST_CASE("process: a misspelt process is an input error that suggests the closest name") {
  REQUIRE_THROWS_AS(parse_process("tops"), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(parse_process("tops"), Catch::Matchers::Contains("unknown generator process 'tops'") &&
                                                Catch::Matchers::Contains("did you mean 'top'?"));
  REQUIRE_THROWS_WITH(parse_process("gcd"), Catch::Matchers::Contains("did you mean 'qcd'?"));
}
