#include "toolkit/jets/clustering_benchmark.h"

#include <algorithm>
#include <chrono>

#include <fastjet/ClusterSequence.hh>

#include "toolkit/core/error.h"
#include "toolkit/jets/substructure.h"

namespace jetstudy::jets {
namespace {

// Events per second of one pass of `work` over the events. `work` returns a checksum that is kept in a volatile
// so the work cannot be optimised away.
template <class Work>
double pass_rate(const std::vector<events::Event>& events, Work work) {
  static volatile double sink = 0;
  const auto start = std::chrono::steady_clock::now();
  double checksum = 0;
  for (const events::Event& event : events) checksum += work(event);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  sink = sink + checksum;
  return static_cast<double>(events.size()) / elapsed.count();
}

}  // namespace

ClusteringRates compare_clustering_rates(const std::vector<events::Event>& events, const JetSpec& spec,
                                         int repeats) {
  if (events.empty()) throw core::InputError("clustering benchmark: no events to time");
  if (repeats < 1) throw core::InputError("clustering benchmark: repeats must be >= 1");
  fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
  const fastjet::JetDefinition definition(fastjet::antikt_algorithm, spec.R);
  const auto plain_fastjet = [&](const events::Event& event) {
    std::vector<fastjet::PseudoJet> particles;
    particles.reserve(event.particles.size());
    for (const events::Particle& p : event.particles) particles.emplace_back(p.px, p.py, p.pz, p.e);
    const fastjet::ClusterSequence sequence(particles, definition);
    const std::vector<fastjet::PseudoJet> jets = fastjet::sorted_by_pt(sequence.inclusive_jets(0.0));
    return jets.empty() ? 0.0 : jets.front().pt();
  };
  const JetFinder finder(spec);
  const auto jetstudy_jets = [&](const events::Event& event) {
    const std::vector<Jet> jets = finder.find(event);
    return jets.empty() ? 0.0 : compute_substructure(jets.front()).tau21;
  };
  ClusteringRates best;
  for (int r = 0; r < repeats; ++r) {
    best.fastjet = std::max(best.fastjet, pass_rate(events, plain_fastjet));
    best.jetstudy = std::max(best.jetstudy, pass_rate(events, jetstudy_jets));
  }
  return best;
}

}  // namespace jetstudy::jets
