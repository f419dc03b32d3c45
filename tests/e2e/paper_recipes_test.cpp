// The paper recipes (recipes/papers/, docs/papers.md): the one-line switch to real data that each header names
// validates, and every published figure a recipe expects is one that ../shared/ANCHORS.md gives.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/command.h"

using namespace jetstudy::e2e;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

std::vector<fs::path> paper_recipes() {
  std::vector<fs::path> recipes;
  for (const auto& entry : fs::directory_iterator("recipes/papers")) {
    if (entry.path().extension() == ".yaml") recipes.push_back(entry.path());
  }
  std::sort(recipes.begin(), recipes.end());
  return recipes;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The `--set 'data.source=...'` overrides written in a recipe's header comment.
std::vector<std::string> real_data_lines(const fs::path& recipe) {
  std::vector<std::string> lines;
  std::ifstream in(recipe);
  std::string line;
  while (std::getline(in, line) && line.rfind("#", 0) == 0) {
    const auto at = line.find("--set 'data.source=");
    if (at != std::string::npos) lines.push_back(line.substr(at));
  }
  return lines;
}

// The numbers after `value:` in a recipe's expect: block (the last top-level block of every paper recipe).
std::vector<std::string> expected_values(const fs::path& recipe) {
  const auto text = read_text(recipe);
  const auto block = text.find("\nexpect:");
  std::vector<std::string> values;
  if (block == std::string::npos) return values;
  const std::regex value(R"(value:\s*([-+0-9.eE]+))");
  const auto tail = text.substr(block);
  for (auto it = std::sregex_iterator(tail.begin(), tail.end(), value); it != std::sregex_iterator(); ++it) {
    values.push_back((*it)[1]);
  }
  return values;
}

}  // namespace

TEST_CASE("paper recipes: the real-data line in each header (--set 'data.source=...') validates") {
  int lines = 0;
  for (const auto& recipe : paper_recipes()) {
    for (const auto& line : real_data_lines(recipe)) {
      ++lines;
      const auto result = run_jetstudy("validate " + recipe.string() + " " + line);
      INFO(recipe.string() + " " + line + "\n" + result.output);
      CHECK(result.exit_code == 0);
      CHECK_THAT(result.output, Contains(": valid; study '"));
    }
  }
  // At least one per paper recipe.
  CHECK(lines >= 17);
}

TEST_CASE("paper recipes: every expect: value is a number ../shared/ANCHORS.md gives") {
  const fs::path anchors = fs::path(JETSTUDY_SHARED_DATA).parent_path() / "ANCHORS.md";
  if (!fs::exists(anchors)) {
    WARN("no " + anchors.string() + " on this machine: nothing to compare with");
    return;
  }
  const auto published = read_text(anchors);
  int values = 0;
  for (const auto& recipe : paper_recipes()) {
    for (const auto& value : expected_values(recipe)) {
      ++values;
      INFO(recipe.string() + " expects " + value);
      // As a whole number in the text: 914 must not match inside 9142, 0.931 not inside 0.9314.
      const std::regex whole("(^|[^0-9.])" + std::regex_replace(value, std::regex(R"(\.)"), R"(\.)") + "([^0-9]|$)");
      CHECK(std::regex_search(published, whole));
    }
  }
  // landscape CNN and ResNeXt (AUC, accuracy, 1/eps_B at 0.3 each), Macaluso-Shih (1/eps_B at 0.5).
  CHECK(values >= 7);
}
