// Test helper: a small top-vs-QCD dataset config (as the recipe stage hands it over) and progress lines.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace jetstudy::data::testing {

inline nlohmann::json small_config(int jets = 200, const std::string& center_on = "leading_subjet") {
  return {
      {"data",
       {{"source",
         {{"kind", "generator"}, {"signal", "top"}, {"background", "qcd"}, {"jets", jets}, {"pt", {350, 450}},
          {"pileup", 0}, {"quark_fraction", 0.5}, {"seed", 1}}},
        {"jets", {{"algorithm", "antikt"}, {"R", 1.5}, {"ptmin", 0}, {"groom", {{"trim", {{"R", 0.2}, {"fcut", 0.05}}}}}}},
        {"select", {{"pt", {300, 500}}, {"mass", {0, 300}}}},
        {"split", {{"train", 0.8}, {"val", 0.1}, {"test", 0.1}}},
        {"observers", {"mass", "pt"}}}},
      {"images",
       {{"size", {12, 12}},
        {"extent", {{-1.6, 1.6}, {-1.6, 1.6}}},
        {"channels", {"pt"}},
        {"steps", {{{"center", {{"on", center_on}}}}}}}},
  };
}

// Collects progress lines.
struct ProgressLines {
  std::vector<std::string> lines;
  std::function<void(const std::string&)> callback() {
    return [this](const std::string& line) { lines.push_back(line); };
  }
  bool any_contains(const std::string& text) const {
    return std::any_of(lines.begin(), lines.end(), [&](const auto& line) { return line.find(text) != std::string::npos; });
  }
};

}  // namespace jetstudy::data::testing
