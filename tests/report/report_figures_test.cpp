#include "toolkit/report/report_figures.h"

#include <catch2/catch.hpp>

#include "tests/report/report_fixture.h"

using namespace jetstudy::report;
using jetstudy::core::TempDirectory;

namespace {

const Figure* figure(const std::vector<Figure>& figures, const std::string& title) {
  for (const Figure& f : figures)
    if (f.title == title) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("report_figures: ROC with ratio panel, SIC, learning curves and AUC against the swept filters") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const auto figures = report_figures(study_report(s, "top"));

  const Figure* roc = figure(figures, "ROC curves");
  REQUIRE(roc != nullptr);
  CHECK(roc->svg.rfind("<svg", 0) == 0);
  CHECK(roc->svg.find("narrow") != std::string::npos);
  CHECK(roc->svg.find("wide") != std::string::npos);
  CHECK(roc->svg.find("ratio to narrow") != std::string::npos);
  CHECK(roc->note.rfind("Ensemble ROC (mean output over seeds) for 1 of 2 configurations", 0) == 0);
  REQUIRE(figure(figures, "SIC curves") != nullptr);
  CHECK_FALSE(figure(figures, "SIC curves")->svg.empty());

  const Figure* learning = figure(figures, "Learning curves");
  REQUIRE(learning != nullptr);
  CHECK(learning->svg.find("narrow validation") != std::string::npos);

  const Figure* sweep = figure(figures, "AUC against model.filters");
  REQUIRE(sweep != nullptr);
  CHECK(sweep->svg.rfind("<svg", 0) == 0);
  CHECK(sweep->svg.find("model.filters") != std::string::npos);
}

TEST_CASE("report_figures: a figure whose data no run stored is skipped with a note saying so") {
  TempDirectory directory("report");
  auto s = jetstudy::store::Store::open(directory / "jetstudy.sqlite");
  s.upsert_study("bare", "recipes/bare.yaml", nlohmann::json::object());
  jetstudy::testing::add_done(s, "bare", {"r1", nlohmann::json::object(), "", 1, jetstudy::testing::test_metrics(0.9, 10, 5), {}, std::nullopt},
                              directory);
  const auto figures = report_figures(study_report(s, "bare"));
  REQUIRE(figures.size() == 3);
  CHECK(figures[0].title == "ROC curves");
  CHECK(figures[0].svg.empty());
  CHECK(figures[0].note == "no roc curve stored for any done run");
  CHECK(figures[2].note == "no learning curve stored for any done run");
}

TEST_CASE("report_figures: a GAN run's generated and real mass, pT and tau21 distributions get one figure each") {
  TempDirectory directory("report");
  auto s = jetstudy::store::Store::open(directory / "jetstudy.sqlite");
  s.upsert_study("lagan", "recipes/papers/lagan.yaml", nlohmann::json::object());
  s.add_run("lagan", "g1", {{"experiment", "generate"}}, 1, nlohmann::json::object(), "lagan");
  s.mark_running("g1", {"local", "node1", "cpu", "abc1234", false, nlohmann::json::object()});
  const auto histogram = [](double low, double high) {
    return nlohmann::json{{"edges", {low, (low + high) / 2, high}}, {"real", {0.25, 0.75}}, {"generated", {0.5, 0.5}}};
  };
  jetstudy::store::RunOutcome outcome;
  outcome.curves.push_back({"generation",
                            {{"epoch", {1, 2}}, {"mass_distance", {9.0, 4.25}}, {"pt_distance", {20.0, 12.5}},
                             {"tau21_distance", {0.1, 0.0625}}}});
  outcome.curves.push_back({"generation_distributions",
                            {{"epoch", 2}, {"jets", 80}, {"mass", histogram(0, 160)}, {"pt", histogram(100, 300)},
                             {"tau21", histogram(0, 1)}}});
  s.mark_done("g1", outcome, 12.0);

  const auto figures = report_figures(study_report(s, "lagan"));
  const Figure* mass = figure(figures, "GAN distribution, mass: lagan");
  const Figure* pt = figure(figures, "GAN distribution, pT: lagan");
  const Figure* tau21 = figure(figures, "GAN distribution, τ21: lagan");
  REQUIRE(mass != nullptr);
  REQUIRE(pt != nullptr);
  REQUIRE(tau21 != nullptr);
  CHECK(mass->note == "80 real and 80 generated test jets, both classes, at epoch 2 (closest in mass); "
                      "earth mover's distance 4.25 GeV");
  CHECK(pt->note.find("earth mover's distance 12.5 GeV") != std::string::npos);
  CHECK(tau21->note.find("earth mover's distance 0.0625") != std::string::npos);
  for (const Figure* f : {mass, pt, tau21}) {
    INFO(f->title);
    CHECK(f->svg.rfind("<svg", 0) == 0);
    CHECK(f->svg.find(">real<") != std::string::npos);       // both samples in the legend
    CHECK(f->svg.find(">generated<") != std::string::npos);
    CHECK(f->svg.find("fraction of jets") != std::string::npos);
  }
  CHECK(mass->svg.find("jet mass from the pixels [GeV]") != std::string::npos);
  CHECK(pt->svg.find("jet pT from the pixels") != std::string::npos);
  // Drawn after the distances per epoch, before the average images.
  CHECK(figure(figures, "GAN: distance of generated to real distributions") < mass);
}
