#include "toolkit/report/study_report.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "tests/report/report_fixture.h"
#include "toolkit/core/error.h"

namespace store = jetstudy::store;
using namespace jetstudy::report;
using jetstudy::core::TempDirectory;
using nlohmann::json;

namespace {

ReportOptions fixed_time() {
  ReportOptions options;
  options.generated_at = jetstudy::testing::kReportTime;
  return options;
}

const PairedDifference* difference(const StudyReport& report, const std::string& metric) {
  for (const PairedDifference& d : report.differences)
    if (d.metric == metric) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("study_report: each configuration gives median and spread over its done seeds, cost figures included") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const StudyReport report = study_report(s, "top", fixed_time());

  CHECK(report.title == "top");
  CHECK(report.description == "top vs QCD");
  CHECK(report.generated_at == "2023-11-14T22:13:20Z");
  CHECK(report.run_count() == 7);
  REQUIRE(report.configurations.size() == 2);
  CHECK(report.configurations[0].label == "narrow");
  CHECK(report.configurations[1].label == "wide");
  CHECK(report.metrics == std::vector<std::string>{"auc", "rejection@0.3", "rejection@0.5", kParametersMetric,
                                                   kTrainingTimeMetric});

  const Configuration& narrow = report.configurations[0];
  CHECK(narrow.done_runs() == 3);
  CHECK(narrow.metrics.at("auc").summary.median == Approx(0.92));
  CHECK(*narrow.metrics.at("auc").summary.spread == Approx(0.02));
  CHECK(narrow.metrics.at("rejection@0.3").summary.median == Approx(110.0));
  CHECK(*narrow.metrics.at("rejection@0.3").summary.spread == Approx(15.2753).epsilon(1e-5));
  CHECK(narrow.metrics.at(kTrainingTimeMetric).summary.median == Approx(20.0));
  CHECK(*narrow.metrics.at(kTrainingTimeMetric).summary.spread == Approx(10.0));
  CHECK(narrow.metrics.at(kParametersMetric).summary.median == 1234.0);
  CHECK(narrow.metrics.at("auc").by_seed == std::map<std::int64_t, double>{{1, 0.90}, {2, 0.94}, {3, 0.92}});

  const Configuration& wide = report.configurations[1];
  CHECK(wide.done_runs() == 2);
  CHECK(wide.runs.size() == 4);
  CHECK(wide.metrics.at("auc").summary.median == Approx(0.94));
  CHECK(*wide.metrics.at("auc").summary.spread == Approx(0.0141421).epsilon(1e-5));

  // The representative run (the figures' curves) is the seed whose AUC is the median.
  CHECK(narrow.representative_run == "a3");
  CHECK(narrow.curves.count("learning") == 1);
}

TEST_CASE("study_report: the ensemble averages the seeds' outputs per jet and re-scores them (AUC 0.875 by hand)") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const StudyReport report = study_report(s, "top", fixed_time());

  // Seed 1 scores (0.75, 0.25 | 0.5, 0.125), seed 2 (0.5, 0.75 | 0.25, 0.875) for signal | background (AUC 0.75 and
  // 0.5 alone): the means are 0.625, 0.5 | 0.375, 0.5. Signal above background in 3 of 4 pairs, one tie (0.5 = 0.5)
  // counting 1/2: AUC 3.5/4. (Scores exact in binary, so the tie is a tie.)
  const Configuration& narrow = report.configurations[0];
  REQUIRE(narrow.ensemble.has_value());
  CHECK(narrow.ensemble->members == 2);
  CHECK(narrow.ensemble->jets == 4);
  CHECK(narrow.ensemble->auc == Approx(0.875));
  CHECK(std::isinf(narrow.ensemble->rejection_05));  // eps_S = 0.5 reached at the cut 0.625: no background left
  CHECK(narrow.ensemble->sic_max == Approx(1.0 / std::sqrt(0.5)));
  CHECK(narrow.notes == std::vector<std::string>{"no roc curve stored for 2 of 3 done runs",
                                                 "ensemble of 2 seeds: no predictions.h5 for 1 run"});

  CHECK_FALSE(report.configurations[1].ensemble.has_value());
  CHECK(report.configurations[1].notes ==
        std::vector<std::string>{"no ensemble: predictions.h5 found for 0 of 2 done runs"});
}

TEST_CASE("study_report: ensemble_of refuses predictions of other test jets, naming the file") {
  TempDirectory directory("report");
  const auto a = directory / "a.h5", b = directory / "b.h5";
  jetstudy::data::write_predictions_file(a, {"d", {0.1f, 0.9f}, {0, 1}, {}});
  jetstudy::data::write_predictions_file(b, {"d", {0.1f, 0.9f, 0.5f}, {0, 1, 1}, {}});
  CHECK_THROWS_WITH(ensemble_of({a, b}), Catch::Matchers::StartsWith(b.string() + ": 3 jets, other than " + a.string()));
  CHECK(ensemble_of({a}).auc == 1.0);
}

TEST_CASE("study_report: paired differences use the seeds both configurations share (mean and standard error)") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const StudyReport report = study_report(s, "top", fixed_time());

  // wide - narrow on seeds 1 and 2: AUC 0.03, 0.01 -> mean 0.02, sd 0.01414, se 0.01; 1/eps_B@0.3: 100, 80 -> 90 ± 10.
  CHECK(report.reference == "narrow");
  const PairedDifference* auc = difference(report, "auc");
  REQUIRE(auc != nullptr);
  CHECK(auc->configuration == "wide");
  CHECK(auc->reference == "narrow");
  CHECK(auc->pairs == 2);
  CHECK(auc->mean == Approx(0.02));
  CHECK(*auc->standard_error == Approx(0.01));
  const PairedDifference* rejection = difference(report, "rejection@0.3");
  REQUIRE(rejection != nullptr);
  CHECK(rejection->mean == Approx(90.0));
  CHECK(*rejection->standard_error == Approx(10.0));

  ReportOptions reversed = fixed_time();
  reversed.reference = "wide";
  const StudyReport against_wide = study_report(s, "top", reversed);
  CHECK(difference(against_wide, "auc")->configuration == "narrow");
  CHECK(difference(against_wide, "auc")->mean == Approx(-0.02));

  const auto single = paired_difference({{1, 0.5}, {7, 0.9}}, {{1, 0.25}, {2, 0.0}});
  REQUIRE(single.has_value());
  CHECK(single->pairs == 1);
  CHECK(single->mean == 0.25);
  CHECK_FALSE(single->standard_error.has_value());
  CHECK_FALSE(paired_difference({{1, 0.5}}, {{2, 0.5}}).has_value());
}

TEST_CASE("study_report: an unknown reference label lists the configurations") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  ReportOptions options = fixed_time();
  options.reference = "wdie";
  CHECK_THROWS_AS(study_report(s, "top", options), jetstudy::core::InputError);
  CHECK_THROWS_WITH(study_report(s, "top", options),
                    "--reference wdie: no configuration with this label; did you mean 'wide'?; the configurations "
                    "are: narrow, wide");
}

TEST_CASE("study_report: the recipe's expect: figures sit beside our medians, marked within or outside tolerance") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const StudyReport report = study_report(s, "top", fixed_time());

  REQUIRE(report.expectations.size() == 4);  // 2 figures x 2 configurations
  const ExpectationCheck& auc = report.expectations[0];
  CHECK(auc.configuration == "narrow");
  CHECK(auc.metric == "auc");
  CHECK(auc.published == 0.93);
  CHECK(auc.tolerance == 0.02);
  CHECK(*auc.ours == Approx(0.92));
  CHECK(auc.within());
  CHECK(auc.dataset == "toptag_h5 (test: c.h5; train: a.h5)");
  const ExpectationCheck& rejection = report.expectations[1];
  CHECK(rejection.metric == "rejection@0.5");
  CHECK(*rejection.ours == Approx(40.0));
  CHECK_FALSE(rejection.within());
  CHECK(report.expectations[2].configuration == "wide");
  CHECK(report.expectations[2].within());

  ExpectationCheck unmeasured;
  unmeasured.published = 1.0;
  CHECK_FALSE(unmeasured.within());
  CHECK(dataset_label({{"kind", "generator"}, {"signal", "top"}, {"pt", {350, 450}}}) ==
        "generator (pt: [350,450]; signal: top)");
}

TEST_CASE("study_report: runs of an earlier version of the recipe are left out, counted, and shown apart with --all") {
  TempDirectory directory("report");
  auto s = jetstudy::testing::top_study(directory);
  jetstudy::testing::edit_top_recipe(s, directory);

  const StudyReport report = study_report(s, "top", fixed_time());
  REQUIRE(report.configurations.size() == 1);  // "wide" was planned by version 1 only
  const Configuration& narrow = report.configurations[0];
  CHECK(narrow.label == "narrow");
  REQUIRE(narrow.runs.size() == 2);
  CHECK(narrow.runs[0].hash == "a1");  // planned by both versions: current
  CHECK(narrow.runs[1].hash == "v2");
  CHECK(narrow.metrics.at("auc").summary.median == Approx(0.85));  // 0.90 and 0.80, not a2's 0.94 or a3's 0.92
  CHECK(report.earlier_version_runs == 6);
  CHECK_FALSE(report.earlier_versions_included);
  CHECK(earlier_versions_remark(report) ==
        "6 runs of earlier versions of the recipe are not shown (--all to include them)");
  CHECK(report.runs_not_done.empty());  // b3 (failed) and b4 (pending) are of version 1

  ReportOptions all = fixed_time();
  all.include_earlier_versions = true;
  const StudyReport everything = study_report(s, "top", all);
  REQUIRE(everything.configurations.size() == 3);
  CHECK(everything.configurations[0].label == "narrow");  // current first: the default reference
  CHECK(everything.configurations[0].current);
  CHECK(everything.configurations[0].runs.size() == 2);
  CHECK(everything.configurations[1].label == "wide (recipe v1)");  // then in the order their runs were added
  CHECK_FALSE(everything.configurations[1].current);
  CHECK(everything.configurations[1].runs.size() == 4);
  CHECK(everything.configurations[2].label == "narrow (recipe v1)");
  CHECK(everything.configurations[2].runs.size() == 2);  // a2, a3
  CHECK(everything.reference == "narrow");
  CHECK(everything.expectations.size() == 2);  // the recipe's figures against its current version only
  CHECK(everything.runs_not_done.size() == 2);
  CHECK(earlier_versions_remark(everything) ==
        "6 runs of earlier versions of the recipe are included, as configurations labelled \"(recipe vN)\"");

  // compare STUDY leaves them out the same way; a run named by its hash is shown whatever its version.
  const StudyReport compared = comparison_report(s, {"top", "b1"}, fixed_time());
  CHECK(compared.earlier_version_runs == 5);  // b1, named, is shown
  REQUIRE(compared.configurations.size() == 2);
  CHECK(compared.configurations[1].label == "wide (recipe v1)");
  CHECK(compared.configurations[1].runs.size() == 1);
}

TEST_CASE("study_report: an expect entry's dataset: names where the published figure was measured") {
  TempDirectory directory("report");
  auto s = jetstudy::testing::top_study(directory);
  jetstudy::testing::edit_top_recipe(s, directory);
  const StudyReport report = study_report(s, "top", fixed_time());
  REQUIRE(report.expectations.size() == 2);
  CHECK(report.expectations[0].metric == "auc");
  CHECK(report.expectations[0].dataset == "top-tagging reference dataset (arXiv:1902.09914)");
  CHECK(report.expectations[1].metric == "rejection@0.5");
  CHECK(report.expectations[1].dataset == "generator (signal: top)");  // no dataset: the recipe's data.source
}

TEST_CASE("study_report: a three-class study shows accuracy and one-vs-rest AUCs like a binary study's figures") {
  TempDirectory directory("report");
  auto s = store::Store::open(directory / "jetstudy.sqlite");
  s.upsert_study("three", "recipes/three.yaml", {{"study", "three"}, {"expect", {{"accuracy", {{"value", 0.6}}}}}});
  // What experiments/classify.cpp stores for classes [qcd, w, top]: accuracy, auc_<class>, loss.
  const auto metrics = [](double accuracy, double auc_top) {
    return std::vector<store::MetricValue>{{"test", "accuracy", accuracy, std::nullopt},
                                           {"test", "auc_qcd", 0.77, std::nullopt},
                                           {"test", "auc_w", 0.63, std::nullopt},
                                           {"test", "auc_top", auc_top, std::nullopt},
                                           {"test", "loss", 0.97, std::nullopt},
                                           {"val", "accuracy", 0.5, 1}};
  };
  const json small = {{"model.filters", 4}}, large = {{"model.filters", 16}};
  for (const auto& run : {jetstudy::testing::FakeRun{"s1", small, "small", 1, metrics(0.55, 0.80)},
                          jetstudy::testing::FakeRun{"s2", small, "small", 2, metrics(0.59, 0.84)},
                          jetstudy::testing::FakeRun{"s3", small, "small", 3, metrics(0.60, 0.86)},
                          jetstudy::testing::FakeRun{"l1", large, "large", 1, metrics(0.65, 0.90)},
                          jetstudy::testing::FakeRun{"l2", large, "large", 2, metrics(0.67, 0.92)}})
    jetstudy::testing::add_done(s, "three", run, directory);

  const StudyReport report = study_report(s, "three", fixed_time());
  REQUIRE(report.metrics.size() >= 5);
  CHECK(report.metrics[0] == "accuracy");
  CHECK(report.metrics[1] == "auc_qcd");
  CHECK(report.configurations[0].metrics.at("accuracy").summary.median == Approx(0.59));
  CHECK(metric_heading("auc_top") == "AUC top vs rest");
  CHECK(metric_heading("auc_beyond_mass_tau32") == "auc_beyond_mass_tau32");
  CHECK(report.configurations[0].representative_run == "s2");  // the seed with the median accuracy

  const PairedDifference* accuracy = difference(report, "accuracy");
  REQUIRE(accuracy != nullptr);
  CHECK(accuracy->mean == Approx(0.09));
  const PairedDifference* top = difference(report, "auc_top");
  REQUIRE(top != nullptr);
  CHECK(top->mean == Approx(0.09));
  REQUIRE(report.expectations.size() == 2);
  CHECK(*report.expectations[0].ours == Approx(0.59));
  CHECK(*report.expectations[1].ours == Approx(0.66));
}

TEST_CASE("study_report: failed and pending runs are listed with their errors, failures first") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const StudyReport report = study_report(s, "top", fixed_time());
  REQUIRE(report.runs_not_done.size() == 2);
  CHECK(report.runs_not_done[0].hash == "b3ffffffffffffffff");
  CHECK(report.runs_not_done[0].status == store::RunStatus::failed);
  CHECK(report.runs_not_done[0].configuration == "wide");
  CHECK(report.runs_not_done[0].error == "CUDA out of memory\nwhile allocating 2 GiB");
  CHECK(report.runs_not_done[1].hash == "b4");
  CHECK(report.runs_not_done[1].status == store::RunStatus::pending);
}

TEST_CASE("study_report: provenance counts runs per git revision (dirty marked), device, library and dataset") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const StudyReport report = study_report(s, "top", fixed_time());
  std::map<std::string, std::size_t> seen;
  for (const ProvenanceEntry& entry : report.provenance) seen[entry.what + ": " + entry.value] = entry.runs;
  CHECK(seen.at("git revision: abc1234") == 5);
  CHECK(seen.at("git revision: abc1234 (dirty: uncommitted changes)") == 1);
  CHECK(seen.at("device: cpu") == 5);
  CHECK(seen.at("device: cuda:0") == 1);
  CHECK(seen.at("library: libtorch 2.1.2") == 5);
  std::size_t datasets = 0;
  for (const auto& [key, runs] : seen)
    if (key.rfind("dataset: ", 0) == 0) datasets += runs;
  CHECK(datasets == 5);  // the five done runs carry data: and images: in their config
}

TEST_CASE("study_report: an unknown study is bad input listing the studies that exist") {
  TempDirectory directory("report");
  auto s = jetstudy::testing::top_study(directory);
  s.upsert_study("w-tagging", "recipes/w.yaml", json::object());
  CHECK_THROWS_AS(study_report(s, "tpo"), jetstudy::core::InputError);
  CHECK_THROWS_WITH(study_report(s, "tpo"),
                    s.path().string() + ": no study 'tpo'; did you mean 'top'?; the studies there are: top, w-tagging");
}

TEST_CASE("comparison_report: runs and studies side by side, labelled with their study") {
  TempDirectory directory("report");
  auto s = jetstudy::testing::top_study(directory);
  s.upsert_study("other", "recipes/other.yaml", json::object());
  jetstudy::testing::add_done(s, "other",
                              {"c1deadbeef", {{"lr", 1}}, "lr=1", 1, jetstudy::testing::test_metrics(0.96, 300, 120), {}, std::nullopt},
                              directory);

  ReportOptions options = fixed_time();
  options.reference = "top / narrow";
  const StudyReport report = comparison_report(s, {"top", "c1dead"}, options);
  CHECK(report.title == "comparison of top, c1dead");
  CHECK(report.studies == std::vector<std::string>{"top", "other"});
  REQUIRE(report.configurations.size() == 3);
  CHECK(report.configurations[2].label == "other / lr=1");
  CHECK(report.configurations[2].metrics.at("auc").summary.median == 0.96);
  const PairedDifference* auc = nullptr;
  for (const PairedDifference& d : report.differences)
    if (d.configuration == "other / lr=1" && d.metric == "auc") auc = &d;
  REQUIRE(auc != nullptr);
  CHECK(auc->pairs == 1);
  CHECK(auc->mean == Approx(0.06));

  CHECK_THROWS_WITH(comparison_report(s, {"top", "zzz"}),
                    Catch::Matchers::StartsWith("compare: 'zzz' is neither a study nor a run (") &&
                        Catch::Matchers::EndsWith("the studies are: other, top"));
}
