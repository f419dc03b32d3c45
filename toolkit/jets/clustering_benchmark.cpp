#include "toolkit/jets/clustering_benchmark.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fastjet/ClusterSequence.hh>

#include "toolkit/core/error.h"
#include "toolkit/jets/kt_clustering.h"
#include "toolkit/jets/pseudojets.h"
#include "toolkit/jets/substructure.h"
#include "toolkit/jets/trimming.h"

namespace jetstudy::jets {
namespace {

// Events per second of one pass of `work` over the events. `work` returns a checksum that is kept in a volatile
// so the work cannot be optimised away.
template <class Item, class Work>
double pass_rate(const std::vector<Item>& items, Work work) {
  static volatile double sink = 0;
  const auto start = std::chrono::steady_clock::now();
  double checksum = 0;
  for (const Item& item : items) checksum += work(item);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  sink = sink + checksum;
  return static_cast<double>(items.size()) / elapsed.count();
}

// What both sides of the reclustering comparison start from: the leading jet's constituents, outside any cluster
// sequence, and its pT^2.
struct LeadingJet {
  std::vector<fastjet::PseudoJet> constituents;
  double pt2 = 0;
};

std::vector<LeadingJet> leading_jets(const std::vector<events::Event>& events, const JetSpec& spec) {
  const fastjet::JetDefinition definition(fastjet::antikt_algorithm, spec.R);
  std::vector<LeadingJet> out;
  for (const events::Event& event : events) {
    std::vector<fastjet::PseudoJet> particles;
    for (std::size_t i = 0; i < event.particles.size(); ++i) {
      check_particle_momentum(event, i);
      const events::Particle& p = event.particles[i];
      particles.emplace_back(p.px, p.py, p.pz, p.e);
    }
    const fastjet::ClusterSequence sequence(particles, definition);
    const std::vector<fastjet::PseudoJet> jets = fastjet::sorted_by_pt(sequence.inclusive_jets(spec.pt_min_gev));
    if (jets.empty()) continue;
    out.push_back({jets.front().constituents(), jets.front().kt2()});
  }
  return out;
}

// The four sets of axes' rapidities and azimuths, summed (the checksum of an axes finding).
double axes_checksum(const AxesByN& axes) {
  double sum = 0;
  for (const std::vector<Axis>& set : axes) {
    for (const Axis& axis : set) sum += axis.y + axis.phi;
  }
  return sum;
}

double exclusive_axes_checksum(const fastjet::ClusterSequence& sequence, std::size_t constituents) {
  double sum = 0;
  for (std::size_t n = 1; n <= 4 && n < constituents; ++n) {
    for (const fastjet::PseudoJet& axis : sequence.exclusive_jets(static_cast<int>(n))) sum += axis.rap() + axis.phi();
  }
  return sum;
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

ReclusteringRates compare_reclustering_rates(const std::vector<events::Event>& events, const JetSpec& spec,
                                             int repeats) {
  if (events.empty()) throw core::InputError("reclustering benchmark: no events to time");
  if (repeats < 1) throw core::InputError("reclustering benchmark: repeats must be >= 1");
  const JetSpec checked = JetFinder(spec).spec();
  if (!checked.trim) throw core::InputError("reclustering benchmark: the jet spec has no trimming to time");
  const TrimSpec trimming = *checked.trim;
  fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
  const std::vector<LeadingJet> jets = leading_jets(events, checked);
  if (jets.empty()) throw core::InputError("reclustering benchmark: the events have no jets");

  const fastjet::JetDefinition subjet_definition(fastjet::kt_algorithm, trimming.subjet_R);
  const fastjet::JetDefinition axes_e_scheme(fastjet::kt_algorithm, fastjet::JetDefinition::max_allowable_R,
                                             fastjet::E_scheme);
  const fastjet::JetDefinition axes_wta(fastjet::kt_algorithm, fastjet::JetDefinition::max_allowable_R,
                                        fastjet::WTA_pt_scheme);
  const auto fastjet_side = [&](const LeadingJet& jet) {
    const fastjet::ClusterSequence subjets(jet.constituents, subjet_definition);
    std::vector<fastjet::PseudoJet> trimmed;
    double trimmed_px = 0, trimmed_py = 0;
    for (const fastjet::PseudoJet& kept : subjets.inclusive_jets(trimming.fcut * std::sqrt(jet.pt2))) {
      trimmed_px += kept.px();
      trimmed_py += kept.py();
      for (const fastjet::PseudoJet& c : kept.constituents()) trimmed.push_back(c);
    }
    double checksum = std::hypot(trimmed_px, trimmed_py);
    for (const fastjet::JetDefinition* axes : {&axes_e_scheme, &axes_wta}) {
      checksum += exclusive_axes_checksum(fastjet::ClusterSequence(trimmed, *axes), trimmed.size());
    }
    return checksum;
  };
  const auto jetstudy_side = [&](const LeadingJet& jet) {
    std::vector<const fastjet::PseudoJet*> all;
    all.reserve(jet.constituents.size());
    for (const fastjet::PseudoJet& c : jet.constituents) all.push_back(&c);
    const TrimmedJet trimmed = trim(view_of(all), jet.pt2, trimming);
    std::vector<const fastjet::PseudoJet*> kept;
    for (const KtPiece& piece : trimmed.kept) {
      for (const std::uint32_t member : piece.members) kept.push_back(all[member]);
    }
    const ExclusiveKtAxes axes = exclusive_kt_axes_both(view_of(kept));
    return std::hypot(trimmed.px, trimmed.py) + axes_checksum(axes.e_scheme) + axes_checksum(axes.wta);
  };

  ReclusteringRates best;
  best.jets = jets.size();
  double fastjet_checksum = 0, jetstudy_checksum = 0;
  for (const LeadingJet& jet : jets) {
    fastjet_checksum += fastjet_side(jet);
    jetstudy_checksum += jetstudy_side(jet);
  }
  best.checksum_difference = std::abs(fastjet_checksum - jetstudy_checksum) / std::abs(fastjet_checksum);
  for (int r = 0; r < repeats; ++r) {
    best.fastjet = std::max(best.fastjet, pass_rate(jets, fastjet_side));
    best.jetstudy = std::max(best.jetstudy, pass_rate(jets, jetstudy_side));
  }
  return best;
}

}  // namespace jetstudy::jets
