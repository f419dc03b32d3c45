#include "toolkit/report/csv_report.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "tests/report/report_fixture.h"

using namespace jetstudy::report;
using jetstudy::core::TempDirectory;

TEST_CASE("csv_report: RFC 4180 quoting: commas, quotes and line breaks inside double quotes, quotes doubled") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("") == "");
}

TEST_CASE("csv_report: one file per table, median, spread and count in their own columns at full precision") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory, "top", "wide, \"deep\"");
  const auto files = csv_report(study_report(s, "top"));
  std::vector<std::string> names;
  for (const auto& [name, contents] : files) names.push_back(name);
  CHECK(names == std::vector<std::string>{"configurations.csv", "ensemble.csv", "expectations.csv",
                                          "paired_differences.csv", "provenance.csv", "runs_not_done.csv"});

  std::istringstream configurations(files.at("configurations.csv"));
  std::string header, narrow, wide;
  std::getline(configurations, header);
  std::getline(configurations, narrow);
  std::getline(configurations, wide);
  CHECK(header ==
        "configuration,study,point,runs,done,status,auc median,auc spread,auc n,rejection@0.3 median,"
        "rejection@0.3 spread,rejection@0.3 n,rejection@0.5 median,rejection@0.5 spread,rejection@0.5 n,"
        "parameters median,parameters spread,parameters n,training_time_s median,training_time_s spread,"
        "training_time_s n,notes\r");
  CHECK(narrow.rfind("narrow,top,\"{\"\"model.filters\"\":8}\",3,3,3 done,0.92,0.019999999999999962,3,110,", 0) == 0);
  CHECK(wide.rfind("\"wide, \"\"deep\"\"\",top,\"{\"\"model.filters\"\":64}\",4,2,\"2 done, 1 pending, 1 failed\",0.94,", 0) == 0);

  // The failure's error keeps its line break, quoted.
  CHECK(files.at("runs_not_done.csv").find("failed,1,\"CUDA out of memory\nwhile allocating 2 GiB\"\r\n") !=
        std::string::npos);
  CHECK(files.at("ensemble.csv") ==
        "configuration,members,jets,auc,rejection@0.3,rejection@0.5,sic_max,seed median auc\r\n"
        "narrow,2,4,0.875,inf,inf,1.414213562373095,0.92\r\n");
}
