#include "toolkit/report/report_output.h"

#include <catch2/catch.hpp>

#include "tests/report/report_fixture.h"
#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"

using namespace jetstudy::report;
using jetstudy::core::TempDirectory;

TEST_CASE("report_output: each format lands in <stem>.<ext> in the directory, csv one <stem>-<table>.csv per table") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const StudyReport report = study_report(s, "top");
  const auto out = directory / "reports" / "top";

  CHECK(write_report(report, ReportFormat::html, out, "top") == std::vector<std::filesystem::path>{out / "top.html"});
  CHECK(jetstudy::core::read_file(out / "top.html").rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(write_report(report, ReportFormat::markdown, out, "top") == std::vector<std::filesystem::path>{out / "top.md"});
  CHECK(jetstudy::core::read_file(out / "top.md").rfind("# jetstudy report: top\n", 0) == 0);
  write_report(report, ReportFormat::json, out, "top");
  CHECK(nlohmann::json::parse(jetstudy::core::read_file(out / "top.json")).at("title") == "top");
  CHECK(write_report(report, ReportFormat::csv, out, "top").size() == 6);
  CHECK(std::filesystem::exists(out / "top-configurations.csv"));
  // Nothing but the reports: no temporary files left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(out), std::filesystem::directory_iterator()) == 9);
}

TEST_CASE("report_output: formats by name, an unknown one names the ones that exist") {
  CHECK(parse_report_format("html") == ReportFormat::html);
  CHECK(parse_report_format("md") == ReportFormat::markdown);
  CHECK(parse_report_format("markdown") == ReportFormat::markdown);
  CHECK(parse_report_format("csv") == ReportFormat::csv);
  CHECK(parse_report_format("json") == ReportFormat::json);
  CHECK_THROWS_AS(parse_report_format("htm"), jetstudy::core::InputError);
  CHECK_THROWS_WITH(parse_report_format("htm"),
                    "--format htm: unknown report format; did you mean 'html'?; expected html, md, csv or json");
}

TEST_CASE("report_output: a study name becomes one safe directory name") {
  CHECK(safe_directory_name("top-vs-qcd_v2.1") == "top-vs-qcd_v2.1");
  CHECK(safe_directory_name("<script>alert(1)</script>") == "_script_alert_1___script_");
  CHECK(safe_directory_name("../etc") == ".._etc");
  CHECK(safe_directory_name("..") == "_..");
  CHECK(safe_directory_name("") == "_");
}
