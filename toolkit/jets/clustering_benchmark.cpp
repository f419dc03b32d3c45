#include "toolkit/jets/clustering_benchmark.h"

#include <algorithm>
#include <chrono>

#include <fastjet/ClusterSequence.hh>

#include "toolkit/core/error.h"
#include "toolkit/jets/substructure.h"

namespace jetstudy::jets {
namespace {

// Best of `repeats` passes of `pass` over the events, in events per second. `pass` returns a checksum that
// is kept in a volatile so the work cannot be optimised away.
template <class Pass>
double best_rate(const std::vector<events::Event>& events, int repeats, Pass pass) {
  if (events.empty()) throw core::InputError("clustering benchmark: no events to time");
  if (repeats < 1) throw core::InputError("clustering benchmark: repeats must be >= 1");
  volatile double sink = 0;
  double best = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    double checksum = 0;
    for (const events::Event& event : events) checksum += pass(event);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    sink = sink + checksum;
    best = std::max(best, static_cast<double>(events.size()) / elapsed.count());
  }
  return best;
}

}  // namespace

double fastjet_clustering_rate(const std::vector<events::Event>& events, double R, int repeats) {
  fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
  const fastjet::JetDefinition definition(fastjet::antikt_algorithm, R);
  return best_rate(events, repeats, [&](const events::Event& event) {
    std::vector<fastjet::PseudoJet> particles;
    particles.reserve(event.particles.size());
    for (const events::Particle& p : event.particles) particles.emplace_back(p.px, p.py, p.pz, p.e);
    const fastjet::ClusterSequence sequence(particles, definition);
    const std::vector<fastjet::PseudoJet> jets = fastjet::sorted_by_pt(sequence.inclusive_jets(0.0));
    return jets.empty() ? 0.0 : jets.front().pt();
  });
}

double jet_substructure_rate(const std::vector<events::Event>& events, const JetSpec& spec, int repeats) {
  const JetFinder finder(spec);
  return best_rate(events, repeats, [&](const events::Event& event) {
    const std::vector<Jet> jets = finder.find(event);
    if (jets.empty()) return 0.0;
    return compute_substructure(jets.front()).tau21;
  });
}

}  // namespace jetstudy::jets
