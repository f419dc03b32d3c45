// The built-in generator's jets against the sanity figures of the events issue: boosted W and top masses,
// falling QCD mass spectra, and quark/gluon multiplicities -- measured with the real jet finder.
#include <catch2/catch.hpp>

#include <algorithm>

#include "toolkit/events/generator/generator.h"
#include "toolkit/jets/jet_finder.h"

using namespace jetstudy;
using events::generator::GeneratorOptions;
using events::generator::Process;

namespace {

struct Sample {
  std::vector<double> mass;
  std::vector<double> constituents;
};

Sample leading_jets(Process process, double pt_min, double pt_max, double R, bool trim, int n,
                    double quark_fraction = 0.5) {
  GeneratorOptions options;
  options.process = process;
  options.pt_min_gev = pt_min;
  options.pt_max_gev = pt_max;
  options.quark_fraction = quark_fraction;
  options.seed = 2024;
  events::generator::Generator generator(options);
  jets::JetSpec spec;
  spec.R = R;
  spec.pt_min_gev = 100;
  if (trim) spec.trim = jets::TrimSpec{0.2, 0.05};
  const jets::JetFinder finder(spec);
  Sample sample;
  for (int i = 0; i < n; ++i) {
    const auto jets = finder.find(generator.next());
    if (jets.empty()) continue;
    sample.mass.push_back(jets[0].m);
    sample.constituents.push_back(static_cast<double>(jets[0].constituents.size()));
  }
  return sample;
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
}

}  // namespace

TEST_CASE("generated_jets: trimmed anti-kT R=1.0 W jets at 250-300 GeV peak near the W mass") {
  const Sample w = leading_jets(Process::w, 250, 300, 1.0, true, 2500);
  REQUIRE(w.mass.size() > 2400);
  const double median = quantile(w.mass, 0.5);
  CHECK(median > 70);
  CHECK(median < 90);
  // The bulk sits in a window around 80 GeV.
  const auto in_window = std::count_if(w.mass.begin(), w.mass.end(), [](double m) { return m > 65 && m < 95; });
  CHECK(static_cast<double>(in_window) / w.mass.size() > 0.6);
}

TEST_CASE("generated_jets: trimmed anti-kT R=1.5 top jets at 350-450 GeV have a median mass of 150-190 GeV") {
  const Sample top = leading_jets(Process::top, 350, 450, 1.5, true, 2000);
  REQUIRE(top.mass.size() > 1900);
  const double median = quantile(top.mass, 0.5);
  CHECK(median > 150);
  CHECK(median < 190);
  // Untrimmed, the three prongs and the radiation inside R=1.5 give a peak at and above the top mass.
  const Sample untrimmed = leading_jets(Process::top, 350, 450, 1.5, false, 1000);
  CHECK(quantile(untrimmed.mass, 0.5) > 165);
  CHECK(quantile(untrimmed.mass, 0.5) < 200);
}

TEST_CASE("generated_jets: the QCD jet mass spectrum peaks low and falls above its peak") {
  const Sample qcd = leading_jets(Process::qcd, 350, 450, 1.0, false, 2500);
  std::vector<int> histogram(30, 0);  // 10 GeV bins
  for (double m : qcd.mass) {
    if (m < 300) ++histogram[static_cast<std::size_t>(m / 10)];
  }
  const auto peak = std::max_element(histogram.begin(), histogram.end()) - histogram.begin();
  CHECK(peak * 10 < 100);  // QCD jets are light: the peak is well below the W mass
  // Falling above the peak: each 40 GeV band holds fewer jets than the one before.
  int previous = 1 << 30;
  for (std::size_t start = static_cast<std::size_t>(peak) + 2; start + 4 <= 30; start += 4) {
    int band = 0;
    for (std::size_t b = start; b < start + 4; ++b) band += histogram[b];
    CHECK(band <= previous);
    previous = band;
  }
  CHECK(quantile(qcd.mass, 0.5) < 80);
}

TEST_CASE("generated_jets: gluon jets have more constituents than quark jets, counts are realistic") {
  const Sample quarks = leading_jets(Process::qcd, 280, 320, 1.0, false, 1500, 1.0);
  const Sample gluons = leading_jets(Process::qcd, 280, 320, 1.0, false, 1500, 0.0);
  const double quark_median = quantile(quarks.constituents, 0.5);
  const double gluon_median = quantile(gluons.constituents, 0.5);
  CHECK(gluon_median > 1.2 * quark_median);
  CHECK(quantile(gluons.mass, 0.5) > quantile(quarks.mass, 0.5));
  // Tens of particles in an R=1.0 jet at 300 GeV with the underlying event.
  for (const double median : {quark_median, gluon_median}) {
    CHECK(median > 20);
    CHECK(median < 120);
  }
}
