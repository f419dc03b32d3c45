#include "toolkit/sched/shell_quote.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"

using namespace jetstudy;

namespace {

// What bash makes of `printf %s <quoted>`.
std::string bash_echo(const std::string& quoted) {
  const std::string command = "bash -c " + sched::shell_quote("printf %s " + quoted);
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  pclose(pipe);
  return out;
}

}  // namespace

TEST_CASE("shell_quote: bash reads back exactly the text, quotes, dollars and newlines included") {
  for (const std::string& text : {std::string("plain"), std::string("it's"), std::string("a \"b\" $HOME `id` \\n"),
                                 std::string("two\nlines"), std::string("'"), std::string("")}) {
    CAPTURE(text);
    CHECK(bash_echo(sched::shell_quote(text)) == text);
  }
  CHECK(sched::shell_quote("it's") == "'it'\\''s'");
}

TEST_CASE("shell_quote: a command substitution in a value is never executed") {
  core::TempDirectory directory("shell-quote");
  const auto marker = directory / "pwned";
  CHECK(bash_echo(sched::shell_quote("$(touch " + marker.string() + ")")) == "$(touch " + marker.string() + ")");
  CHECK_FALSE(std::filesystem::exists(marker));
}

TEST_CASE("sbatch_quote: quotes, backslashes and # are escaped -- a newline is refused naming the key") {
  CHECK(sched::sbatch_quote("debug", "run.slurm.partition") == "\"debug\"");
  CHECK(sched::sbatch_quote("a b#c\"d\\e", "x") == "\"a b\\#c\\\"d\\\\e\"");
  REQUIRE_THROWS_AS(sched::sbatch_quote("gpu\n#SBATCH --x", "run.slurm.partition"), core::InputError);
  REQUIRE_THROWS_WITH(sched::sbatch_quote("gpu\nrm -rf /", "run.slurm.partition"),
                      "run.slurm.partition: \"gpu\\nrm -rf /\" holds a line break or control character; a cluster "
                      "submission takes one line");
}

TEST_CASE("condor_value: a dollar becomes $(DOLLAR) -- arguments double their quotes") {
  CHECK(sched::condor_value("/data/$(USER)/r", "results directory") == "/data/$(DOLLAR)(USER)/r");
  CHECK(sched::condor_argument("it's \"x\"", "a") == "'it''s \"\"x\"\"'");
  REQUIRE_THROWS_WITH(sched::condor_value("4GB\nqueue 1000", "run.htcondor.request_memory"),
                      Catch::Matchers::StartsWith("run.htcondor.request_memory: \"4GB\\nqueue 1000\" holds a line break"));
}
