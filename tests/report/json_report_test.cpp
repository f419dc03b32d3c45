#include "toolkit/report/json_report.h"

#include <catch2/catch.hpp>

#include "tests/report/report_fixture.h"

using namespace jetstudy::report;
using jetstudy::core::TempDirectory;

TEST_CASE("json_report: every configuration with per-seed values, summaries, ensemble and curves, then the rest") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  ReportOptions options;
  options.generated_at = jetstudy::testing::kReportTime;
  // Through text and back, as a script would read it.
  const auto json = nlohmann::json::parse(json_report(study_report(s, "top", options)).dump());

  CHECK(json.at("title") == "top");
  CHECK(json.at("generated_at") == "2023-11-14T22:13:20Z");
  CHECK(json.at("reference") == "narrow");
  CHECK(json.at("metrics").size() == 5);
  const auto& narrow = json.at("configurations").at(0);
  CHECK(narrow.at("label") == "narrow");
  CHECK(narrow.at("done") == 3);
  CHECK(narrow.at("runs").size() == 3);
  CHECK(narrow.at("runs").at(0).at("hash") == "a1");
  CHECK(narrow.at("metrics").at("auc").at("median").get<double>() == Approx(0.92));
  CHECK(narrow.at("metrics").at("auc").at("spread").get<double>() == Approx(0.02));
  CHECK(narrow.at("metrics").at("auc").at("by_seed").at("2").get<double>() == 0.94);
  CHECK(narrow.at("ensemble").at("auc").get<double>() == Approx(0.875));
  CHECK(narrow.at("ensemble").at("rejection@0.5") == "inf");  // JSON has no infinity
  CHECK(narrow.at("ensemble").at("roc").at("eps_s").size() >= 2);
  CHECK(narrow.at("curves").contains("learning"));
  CHECK(json.at("configurations").at(1).at("ensemble").is_null());

  CHECK(json.at("paired_differences").at(0).at("metric") == "auc");
  CHECK(json.at("paired_differences").at(0).at("standard_error").get<double>() == Approx(0.01));
  CHECK(json.at("expectations").at(0).at("within") == true);
  CHECK(json.at("expectations").at(1).at("within") == false);
  CHECK(json.at("runs_not_done").at(0).at("error") == "CUDA out of memory\nwhile allocating 2 GiB");
  CHECK(json.at("provenance").size() >= 5);
}
