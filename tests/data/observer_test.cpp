#include "toolkit/data/observer.h"

#include <catch2/catch.hpp>

#include <cmath>

#include "tests/data/small_config.h"
#include "toolkit/data/dataset_spec.h"
#include "toolkit/jets/energy_correlation.h"
#include "toolkit/jets/nsubjettiness.h"

using namespace jetstudy;

namespace {

jets::Jet three_particle_jet() {
  jets::Jet jet;
  jet.R = 1.0;
  const double particles[3][4] = {{100, 0, 0, 1}, {20, 0, 0.1, -1}, {60, 0, 0.8, 0}};
  for (const auto& p : particles) {
    jets::Constituent c;
    c.pt = p[0];
    c.eta = p[1];
    c.phi = p[2];
    c.e = p[0] * std::cosh(p[1]);
    c.charge = static_cast<int>(p[3]);
    jet.constituents.push_back(c);
    jet.px += c.pt * std::cos(c.phi);
    jet.py += c.pt * std::sin(c.phi);
    jet.e += c.e;
  }
  jet.pt = std::hypot(jet.px, jet.py);
  jet.phi = std::atan2(jet.py, jet.px);
  return jet;
}

}  // namespace

TEST_CASE("observer: substructure observers give the jets stage's numbers for a three-particle jet") {
  const jets::Jet jet = three_particle_jet();
  // WTA axes by hand (tests/jets/nsubjettiness_test.cpp): tau2 = 20 * 0.1 / 180, tau1 = 50 / 180.
  CHECK(data::find_observer("tau21").value(jet) == Approx(2.0 / 50.0).epsilon(1e-12));
  CHECK(data::find_observer("tau2").value(jet) == Approx(2.0 / 180).epsilon(1e-12));
  CHECK(data::find_observer("tau3").value(jet) == 0);  // three constituents: tau_3 = 0
  CHECK(data::find_observer("tau32").value(jet) == 0);
  CHECK(data::find_observer("tau21_kt").value(jet) ==
        jets::nsubjettiness(jet, jets::NsubjettinessAxes::exclusive_kt).tau21());
  CHECK(data::find_observer("nconst").value(jet) == 3);
  CHECK(data::find_observer("d2").value(jet) == jets::energy_correlations(jet).beta1.d2());
  CHECK(data::find_observer("c2_beta2").value(jet) == jets::energy_correlations(jet).beta2.c2());
  const double expected_charge = (std::pow(100, 0.3) - std::pow(20, 0.3)) / std::pow(jet.pt, 0.3);
  CHECK(data::find_observer("charge").value(jet) == Approx(expected_charge).epsilon(1e-12));
  CHECK(data::find_observer("ptd").value(jet) == Approx(std::sqrt(10000 + 400 + 3600) / 180).epsilon(1e-12));
  CHECK(data::find_observer("width").value(jet) > 0);
}

TEST_CASE("observer: the names list every observer and a misspelt one suggests the closest") {
  const auto names = data::observer_names();
  for (const char* name : {"mass", "pt", "eta", "tau1", "tau4", "tau21", "tau32", "c2", "d2", "nconst", "width",
                           "ptd", "charge"}) {
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
  REQUIRE_THROWS_WITH(data::find_observer("tau12"), Catch::Matchers::Contains("unknown observer 'tau12'") &&
                                                          Catch::Matchers::Contains("did you mean"));
}

TEST_CASE("observer: data.jets.groom parses each groomer, one at a time, with range checks") {
  auto config = data::testing::small_config();
  config["data"]["jets"]["groom"] = {{"soft_drop", {{"beta", 1.0}, {"zcut", 0.2}}}};
  auto spec = data::dataset_spec_from_json(config).jets;
  REQUIRE(std::holds_alternative<jets::SoftDropSpec>(spec.groom));
  CHECK(std::get<jets::SoftDropSpec>(spec.groom) == jets::SoftDropSpec{1.0, 0.2, 0.0});
  CHECK_FALSE(spec.trim.has_value());
  config["data"]["jets"]["groom"] = {{"mmdt", {{"zcut", 0.15}}}};
  CHECK(std::get<jets::MmdtSpec>(data::dataset_spec_from_json(config).jets.groom) == jets::MmdtSpec{0.15, 1.0});
  config["data"]["jets"]["groom"] = {{"prune", {{"rcut_factor", 0.3}}}};
  CHECK(std::get<jets::PruneSpec>(data::dataset_spec_from_json(config).jets.groom) == jets::PruneSpec{0.1, 0.3});
  config["data"]["jets"]["groom"] = {{"trim", {{"fcut", 0.03}}}};
  spec = data::dataset_spec_from_json(config).jets;
  CHECK(std::get<jets::TrimSpec>(spec.groom) == jets::TrimSpec{0.2, 0.03});
  CHECK(spec.trim == jets::TrimSpec{0.2, 0.03});

  config["data"]["jets"]["groom"] = {{"trim", nlohmann::json::object()}, {"prune", nlohmann::json::object()}};
  REQUIRE_THROWS_WITH(data::dataset_spec_from_json(config), Catch::Matchers::Contains("choose one groomer"));
  config["data"]["jets"]["groom"] = {{"soft_drop", {{"zcut", 1.5}}}};
  REQUIRE_THROWS_WITH(data::dataset_spec_from_json(config),
                      Catch::Matchers::StartsWith("data.jets.groom.soft_drop: soft drop zcut must be in [0, 1)"));
}

TEST_CASE("observer: truth_pt sums the hard-scatter constituents and pileup_pt_fraction the pile-up share") {
  auto jet = three_particle_jet();  // pT 100 at phi 0, 20 at phi 0.1, 60 at phi 0.8
  jet.constituents[1].from_pileup = true;
  const double hard_px = 100 + 60 * std::cos(0.8), hard_py = 60 * std::sin(0.8);
  CHECK(data::find_observer("truth_pt").value(jet) == Approx(std::hypot(hard_px, hard_py)).epsilon(1e-12));
  CHECK(data::find_observer("pileup_pt_fraction").value(jet) == Approx(20.0 / 180).epsilon(1e-12));
  jet.constituents[1].from_pileup = false;
  CHECK(data::find_observer("truth_pt").value(jet) == Approx(jet.pt).epsilon(1e-12));  // no pile-up: the jet pT
  CHECK(data::find_observer("pileup_pt_fraction").value(jet) == 0);
}

TEST_CASE("observer: generator pile-up keeps its flag through clustering and trimming, and shows in the observers") {
  namespace gen = events::generator;
  gen::GeneratorOptions options;
  options.process = gen::Process::qcd;
  options.pileup_mu = 40;
  options.seed = 7;
  gen::Generator generator(options);
  jets::JetSpec plain;
  plain.R = 1.0;
  plain.max_jets = 1;
  jets::JetSpec trimmed = plain;
  trimmed.groom = jets::TrimSpec{0.2, 0.05};
  const jets::JetFinder plain_finder(plain), trimmed_finder(trimmed);
  double plain_fraction = 0, trimmed_fraction = 0;
  int pileup_in_event = 0, jets_seen = 0;
  for (int i = 0; i < 20; ++i) {
    const auto event = generator.next();
    for (const auto& p : event.particles) pileup_in_event += p.from_pileup ? 1 : 0;
    const auto jet = plain_finder.find(event);
    const auto groomed = trimmed_finder.find(event);
    if (jet.empty() || groomed.empty()) continue;
    ++jets_seen;
    plain_fraction += data::find_observer("pileup_pt_fraction").value(jet.front());
    trimmed_fraction += data::find_observer("pileup_pt_fraction").value(groomed.front());
    CHECK(data::find_observer("truth_pt").value(jet.front()) < jet.front().pt);
  }
  REQUIRE(pileup_in_event > 20 * 100);  // mu = 40 soft interactions per event
  REQUIRE(jets_seen == 20);
  // Ungroomed R = 1.0 jets catch pile-up; trimming removes most of it (arXiv:0912.1342).
  CHECK(plain_fraction / jets_seen > 0.02);
  CHECK(trimmed_fraction < plain_fraction);
}
