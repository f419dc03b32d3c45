// Substructure as one struct, and the physics it must show on the built-in generator's jets: two-prong W and
// three-prong top jets against QCD, and grooming that removes soft wide-angle radiation.
#include "toolkit/jets/substructure.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "tests/jets/make_jet.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/jets/energy_correlation.h"
#include "toolkit/jets/jet_finder.h"
#include "toolkit/jets/jet_shapes.h"
#include "toolkit/jets/nsubjettiness.h"

using namespace jetstudy;
using events::generator::Process;
using jets::testing::make_jet;

namespace {

double median(std::vector<double> values) {
  REQUIRE(!values.empty());
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

std::vector<events::Event> generate(Process process, double pt_min, double pt_max, int n) {
  events::generator::GeneratorOptions options;
  options.process = process;
  options.pt_min_gev = pt_min;
  options.pt_max_gev = pt_max;
  options.seed = 31;
  events::generator::Generator generator(options);
  std::vector<events::Event> events;
  for (int i = 0; i < n; ++i) events.push_back(generator.next());
  return events;
}

std::vector<jets::Substructure> leading(const std::vector<events::Event>& events, const jets::JetSpec& spec) {
  const jets::JetFinder finder(spec);
  std::vector<jets::Substructure> out;
  for (const auto& event : events) {
    const auto found = finder.find(event);
    if (!found.empty()) out.push_back(jets::compute_substructure(found.front()));
  }
  return out;
}

template <class Field>
std::vector<double> column(const std::vector<jets::Substructure>& rows, Field field) {
  std::vector<double> out;
  for (const auto& row : rows) out.push_back(row.*field);
  return out;
}

jets::JetSpec trimmed(double R) {
  jets::JetSpec spec;
  spec.R = R;
  spec.pt_min_gev = 100;
  spec.groom = jets::TrimSpec{0.2, 0.05};
  return spec;
}

}  // namespace

TEST_CASE("substructure: the struct carries every observable as computed on its own") {
  const jets::Jet jet = make_jet({{100, 0, 0, 1}, {60, 0.3, 0.2, -1}, {25, -0.2, 0.4, 1}, {10, 0.1, -0.3, 0}}, 0.8);
  const jets::Substructure s = jets::compute_substructure(jet, {.R0 = 0, .kappa = 0.5});
  CHECK(s.m == jet.m);
  CHECK(s.pt == jet.pt);
  CHECK(s.eta == jet.eta);
  CHECK(s.phi == jet.phi);
  CHECK(s.constituents == 4);
  const auto wta = jets::nsubjettiness(jet, jets::NsubjettinessAxes::wta_kt, 0.8);
  const auto kt = jets::nsubjettiness(jet, jets::NsubjettinessAxes::exclusive_kt, 0.8);
  CHECK(s.tau_wta == wta.tau);
  CHECK(s.tau_kt == kt.tau);
  CHECK(s.tau21 == wta.tau21());
  CHECK(s.tau32_kt == kt.tau32());
  CHECK(s.tau_wta[3] == 0);  // four constituents: tau_4 = 0 by definition
  const auto ecf = jets::energy_correlations(jet);
  CHECK(s.c2_beta1 == ecf.beta1.c2());
  CHECK(s.d2_beta2 == ecf.beta2.d2());
  CHECK(s.charge == jets::jet_charge(jet, 0.5));
  CHECK(s.width == jets::jet_width(jet));
  CHECK(s.ptd == jets::jet_ptd(jet));
  // A jet with no constituents is all zeros, not an error.
  const jets::Substructure empty = jets::compute_substructure(jets::Jet{});
  CHECK(empty.tau21 == 0);
  CHECK(empty.d2_beta1 == 0);
  CHECK(empty.constituents == 0);
}

TEST_CASE("substructure: W jets (250-300 GeV, trimmed R=1.0) have lower tau21 and D2 than QCD jets") {
  const auto w = leading(generate(Process::w, 250, 300, 600), trimmed(1.0));
  const auto qcd = leading(generate(Process::qcd, 250, 300, 600), trimmed(1.0));
  REQUIRE(w.size() > 550);
  REQUIRE(qcd.size() > 550);
  const double w_tau21 = median(column(w, &jets::Substructure::tau21));
  const double qcd_tau21 = median(column(qcd, &jets::Substructure::tau21));
  CHECK(w_tau21 < qcd_tau21);
  CHECK(median(column(w, &jets::Substructure::tau21_kt)) < median(column(qcd, &jets::Substructure::tau21_kt)));
  CHECK(median(column(w, &jets::Substructure::d2_beta1)) < median(column(qcd, &jets::Substructure::d2_beta1)));
  // N-subjettiness ratios live in [0, 1] for these axes in practice.
  CHECK(w_tau21 > 0.05);
  CHECK(qcd_tau21 < 1.0);
}

TEST_CASE("substructure: top jets (350-450 GeV, trimmed R=1.5) have lower tau32 than QCD jets") {
  const auto top = leading(generate(Process::top, 350, 450, 500), trimmed(1.5));
  const auto qcd = leading(generate(Process::qcd, 350, 450, 500), trimmed(1.5));
  REQUIRE(top.size() > 450);
  REQUIRE(qcd.size() > 450);
  CHECK(median(column(top, &jets::Substructure::tau32)) < median(column(qcd, &jets::Substructure::tau32)));
  CHECK(median(column(top, &jets::Substructure::tau32_kt)) < median(column(qcd, &jets::Substructure::tau32_kt)));
  // Three prongs spread the top jet: more mass and more width than QCD at the same pT.
  CHECK(median(column(top, &jets::Substructure::m)) > median(column(qcd, &jets::Substructure::m)));
  CHECK(median(column(top, &jets::Substructure::width)) > median(column(qcd, &jets::Substructure::width)));
}

TEST_CASE("substructure: soft drop and pruning never raise the jet mass and cut the QCD mass in half") {
  const auto events = generate(Process::qcd, 350, 450, 500);
  jets::JetSpec plain;
  plain.R = 1.0;
  plain.pt_min_gev = 100;
  jets::JetSpec soft_drop = plain, pruned = plain;
  soft_drop.groom = jets::SoftDropSpec{0, 0.1, 0};
  pruned.groom = jets::PruneSpec{0.1, 0.5};
  const jets::JetFinder plain_finder(plain), soft_drop_finder(soft_drop), pruned_finder(pruned);
  std::vector<double> plain_mass, soft_drop_mass, pruned_mass;
  int compared = 0, raised = 0;
  for (const auto& event : events) {
    const auto a = plain_finder.find(event), b = soft_drop_finder.find(event), c = pruned_finder.find(event);
    if (a.empty() || b.empty() || c.empty()) continue;
    plain_mass.push_back(a[0].m);
    soft_drop_mass.push_back(b[0].m);
    pruned_mass.push_back(c[0].m);
    // Groomed constituents are a subset of the jet's: (P + k)^2 >= P^2 for physical k.
    ++compared;
    if (b[0].m > a[0].m + 1e-6 || c[0].m > a[0].m + 1e-6) ++raised;
    CHECK(b[0].constituents.size() <= a[0].constituents.size());
  }
  REQUIRE(compared > 450);
  CHECK(raised == 0);
  CHECK(median(soft_drop_mass) < 0.5 * median(plain_mass));
  CHECK(median(pruned_mass) < 0.5 * median(plain_mass));
}
