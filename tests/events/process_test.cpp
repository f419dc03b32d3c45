#include <catch2/catch.hpp>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/generator.h"

using namespace jetstudy::events::generator;

TEST_CASE("process: every name parses back to itself") {
  REQUIRE(process_names() == std::vector<std::string>{"qcd", "w", "z", "h", "top", "wprime", "quark", "gluon"});
  for (const auto& name : process_names()) CHECK(process_name(parse_process(name)) == name);
}

TEST_CASE("process: a misspelt process is an input error that suggests the closest name") {
  REQUIRE_THROWS_AS(parse_process("tops"), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(parse_process("tops"), Catch::Matchers::Contains("unknown generator process 'tops'") &&
                                                Catch::Matchers::Contains("did you mean 'top'?"));
  REQUIRE_THROWS_WITH(parse_process("gcd"), Catch::Matchers::Contains("did you mean 'qcd'?"));
}

TEST_CASE("process: quark and gluon are lone-parton processes with their quark fraction forced") {
  CHECK(parse_process("quark") == Process::quark);
  CHECK(parse_process("gluon") == Process::gluon);
  for (const Process process : {Process::qcd, Process::quark, Process::gluon}) CHECK(is_lone_parton(process));
  for (const Process process : {Process::w, Process::z, Process::h, Process::top, Process::wprime})
    CHECK_FALSE(is_lone_parton(process));
  GeneratorOptions options;
  options.quark_fraction = 0.3;
  options.process = Process::qcd;
  CHECK(effective_quark_fraction(options) == 0.3);
  options.process = Process::quark;
  CHECK(effective_quark_fraction(options) == 1.0);
  options.process = Process::gluon;
  CHECK(effective_quark_fraction(options) == 0.0);
}

TEST_CASE("process: an unknown name still suggests the closest, now among quark and gluon too") {
  REQUIRE_THROWS_WITH(parse_process("gluons"), Catch::Matchers::Contains("unknown generator process 'gluons'") &&
                                                  Catch::Matchers::Contains("did you mean 'gluon'?") &&
                                                  Catch::Matchers::Contains("quark, gluon"));
  REQUIRE_THROWS_WITH(parse_process("qaurk"), Catch::Matchers::Contains("did you mean 'quark'?"));
  REQUIRE_THROWS_WITH(parse_process("gcd"), Catch::Matchers::Contains("did you mean 'qcd'?"));
}
