#include "toolkit/report/markdown_report.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/report/report_fixture.h"

using namespace jetstudy::report;
using jetstudy::core::TempDirectory;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::string markdown_of_top(const TempDirectory& directory, const std::string& wide_label = "wide") {
  const auto s = jetstudy::testing::top_study(directory, "top", wide_label);
  ReportOptions options;
  options.generated_at = jetstudy::testing::kReportTime;
  return markdown_report(study_report(s, "top", options));
}

bool has_line(const std::vector<std::string>& lines, const std::string& wanted) {
  return std::find(lines.begin(), lines.end(), wanted) != lines.end();
}

}  // namespace

TEST_CASE("markdown_report: a header, then one row per configuration with median ± spread over the done seeds") {
  TempDirectory directory("report");
  const auto lines = lines_of(markdown_of_top(directory));
  const std::vector<std::string> expected = {
      "# jetstudy report: top",
      "",
      "top vs QCD",
      "",
      "- recipe: recipes/top.yaml",
      "- runs: 7 (5 done, 1 pending, 1 failed)",
      "- configurations: 2",
      "- reference: narrow",
      "- generated: 2023-11-14T22:13:20Z",
      "",
      "## Configurations",
      "",
      "| configuration | seeds done | status | AUC | 1/εB@0.3 | 1/εB@0.5 | parameters | training time [s] | notes |",
      "|:--|--:|:--|--:|--:|--:|--:|--:|:--|",
      "| narrow | 3/3 | 3 done | 0.9200 ± 0.0200 | 110.0 ± 15.3 | 40.0 ± 3.1 | 1234 ± 0 | 20.0 ± 10.0 | no roc curve "
      "stored for 2 of 3 done runs; ensemble of 2 seeds: no predictions.h5 for 1 run |",
      "| wide | 2/4 | 2 done, 1 pending, 1 failed | 0.9400 ± 0.0141 | 205.0 ± 7.1 | 85.0 ± 7.1 | 1234 ± 0 | 45.0 ± 7.1 "
      "| no ensemble: predictions.h5 found for 0 of 2 done runs |",
  };
  REQUIRE(lines.size() > expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(lines[i] == expected[i]);
}

TEST_CASE("markdown_report: ensemble, paired differences, expectations, failures and provenance follow") {
  TempDirectory directory("report");
  const auto lines = lines_of(markdown_of_top(directory));
  CHECK(has_line(lines, "| narrow | 2 | 4 | 0.8750 | ∞ | ∞ | 1.41 | 0.9200 |"));
  CHECK(has_line(lines, "## Paired differences to narrow"));
  CHECK(has_line(lines, "| wide | narrow | AUC | 2 | +0.02000 | 0.01000 |"));
  CHECK(has_line(lines, "| wide | narrow | 1/εB@0.3 | 2 | +90.00 | 10.00 |"));
  CHECK(has_line(lines, "| narrow | AUC | 0.93 | ± 0.02 | toptag_h5 (test: c.h5; train: a.h5) | 0.9200 | within |"));
  CHECK(has_line(lines, "| narrow | 1/εB@0.5 | 60 | ± 5 | toptag_h5 (test: c.h5; train: a.h5) | 40.0 | outside |"));
  CHECK(has_line(lines, "| wide | 3 | b3ffffffffff | failed | 1 | CUDA out of memory while allocating 2 GiB |"));
  CHECK(has_line(lines, "| wide | 4 | b4 | pending | 0 |  |"));
  CHECK(has_line(lines, "| git revision | abc1234 (dirty: uncommitted changes) | 1 |"));
}

TEST_CASE("markdown_report: the header says how many runs of earlier recipe versions are not shown") {
  TempDirectory directory("report");
  auto s = jetstudy::testing::top_study(directory);
  jetstudy::testing::edit_top_recipe(s, directory);
  ReportOptions options;
  options.generated_at = jetstudy::testing::kReportTime;
  const auto lines = lines_of(markdown_report(study_report(s, "top", options)));
  CHECK(has_line(lines, "- runs: 2 (2 done)"));
  CHECK(has_line(lines, "- 6 runs of earlier versions of the recipe are not shown (--all to include them)"));
  CHECK(has_line(lines, "- configurations: 1"));
  CHECK(has_line(lines, "| narrow | AUC | 0.93 | ± 0.02 | top-tagging reference dataset (arXiv:1902.09914) | 0.8500 | "
                        "outside |"));
}

TEST_CASE("markdown_report: labels with pipes, backslashes, line breaks and '<' cannot break the table") {
  CHECK(escape_markdown_cell("a|b") == "a\\|b");
  CHECK(escape_markdown_cell("C:\\x") == "C:\\\\x");
  CHECK(escape_markdown_cell("two\nlines\r\n") == "two lines  ");
  CHECK(escape_markdown_cell("<script>") == "&lt;script>");

  TempDirectory directory("report");
  const auto lines = lines_of(markdown_of_top(directory, "wide | deep"));
  CHECK(has_line(lines, "| wide \\| deep | 3 | b3ffffffffff | failed | 1 | CUDA out of memory while allocating 2 GiB |"));
}
