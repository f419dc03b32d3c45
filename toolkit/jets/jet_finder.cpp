#include "toolkit/jets/jet_finder.h"

#include <cmath>
#include <sstream>

#include <fastjet/ClusterSequence.hh>
#include <fastjet/Selector.hh>
#include <fastjet/tools/Filter.hh>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::jets {

namespace {

struct NamedAlgorithm {
  const char* name;
  fastjet::JetAlgorithm algorithm;
};
constexpr NamedAlgorithm kAlgorithms[] = {
    {"antikt", fastjet::antikt_algorithm},
    {"kt", fastjet::kt_algorithm},
    {"cambridge", fastjet::cambridge_algorithm},
};

std::vector<std::string> algorithm_names() {
  std::vector<std::string> names;
  for (const auto& entry : kAlgorithms) names.emplace_back(entry.name);
  return names;
}

fastjet::JetAlgorithm parse_algorithm(const std::string& name) {
  for (const auto& entry : kAlgorithms) {
    if (name == entry.name) return entry.algorithm;
  }
  throw core::InputError("unknown jet algorithm '" + name + "' (known: antikt, kt, cambridge)" +
                         core::did_you_mean(name, algorithm_names()));
}

bool is_neutrino(int pid) {
  const int magnitude = pid > 0 ? pid : -pid;
  return magnitude == 12 || magnitude == 14 || magnitude == 16;
}

double mass_of(const fastjet::PseudoJet& jet) {
  const double m2 = jet.m2();
  return m2 > 0 ? std::sqrt(m2) : 0.0;  // tiny negative m^2 from rounding: a massless jet
}

Subjet to_subjet(const fastjet::PseudoJet& jet) {
  return {jet.pt(), jet.pseudorapidity(), jet.phi_std(), mass_of(jet)};
}

}  // namespace

JetFinder::JetFinder(JetSpec spec) : spec_(std::move(spec)) {
  parse_algorithm(spec_.algorithm);
  const auto positive = [](double value) { return std::isfinite(value) && value > 0; };
  if (!positive(spec_.R)) {
    throw core::InputError("jet radius R must be > 0 (got " + std::to_string(spec_.R) + ")");
  }
  if (!positive(spec_.subjet_R)) {
    throw core::InputError("subjet radius must be > 0 (got " + std::to_string(spec_.subjet_R) + ")");
  }
  if (spec_.trim) {
    if (!positive(spec_.trim->subjet_R)) {
      throw core::InputError("trimming subjet radius must be > 0 (got " + std::to_string(spec_.trim->subjet_R) + ")");
    }
    if (!(spec_.trim->fcut >= 0 && spec_.trim->fcut < 1)) {
      throw core::InputError("trimming fcut must be in [0, 1) (got " + std::to_string(spec_.trim->fcut) + ")");
    }
  }
  // FastJet's banner goes to stdout on first use; library code never prints.
  fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
}

std::vector<Jet> JetFinder::find(const events::Event& event) const {
  std::vector<fastjet::PseudoJet> inputs;
  inputs.reserve(event.particles.size());
  for (std::size_t i = 0; i < event.particles.size(); ++i) {
    const events::Particle& p = event.particles[i];
    if (!std::isfinite(p.px) || !std::isfinite(p.py) || !std::isfinite(p.pz) || !std::isfinite(p.e) || p.e < 0) {
      std::ostringstream message;
      message << "event " << event.number << ", particle " << i << ": momentum (" << p.px << ", " << p.py << ", "
              << p.pz << ", " << p.e << ") GeV is not finite or has negative energy";
      throw core::InputError(message.str());
    }
    if (!spec_.include_neutrinos && is_neutrino(p.pid)) continue;
    fastjet::PseudoJet input(p.px, p.py, p.pz, p.e);
    input.set_user_index(static_cast<int>(i));
    inputs.push_back(input);
  }

  const fastjet::JetDefinition definition(parse_algorithm(spec_.algorithm), spec_.R, fastjet::E_scheme,
                                          fastjet::Best);
  const fastjet::ClusterSequence sequence(inputs, definition);
  std::vector<fastjet::PseudoJet> found = fastjet::sorted_by_pt(sequence.inclusive_jets(0.0));

  std::optional<fastjet::Filter> trimmer;
  if (spec_.trim) {
    trimmer.emplace(fastjet::JetDefinition(fastjet::kt_algorithm, spec_.trim->subjet_R),
                    fastjet::SelectorPtFractionMin(spec_.trim->fcut));
  }
  const fastjet::JetDefinition subjet_definition(fastjet::kt_algorithm, spec_.subjet_R, fastjet::E_scheme,
                                                 fastjet::N2Plain);

  std::vector<Jet> jets;
  for (const fastjet::PseudoJet& candidate : found) {
    // Grooming can only lower pT: skip jets already below the threshold.
    if (candidate.pt() < spec_.pt_min_gev) continue;
    const fastjet::PseudoJet jet = trimmer ? (*trimmer)(candidate) : candidate;
    if (jet.pt() < spec_.pt_min_gev || std::abs(jet.pseudorapidity()) > spec_.abs_eta_max) continue;

    Jet out;
    out.pt = jet.pt();
    out.eta = jet.pseudorapidity();
    out.phi = jet.phi_std();
    out.m = mass_of(jet);
    out.px = jet.px();
    out.py = jet.py();
    out.pz = jet.pz();
    out.e = jet.e();
    const std::vector<fastjet::PseudoJet> constituents = fastjet::sorted_by_pt(jet.constituents());
    out.constituents.reserve(constituents.size());
    for (const fastjet::PseudoJet& c : constituents) {
      const events::Particle& particle = event.particles[static_cast<std::size_t>(c.user_index())];
      out.constituents.push_back(
          {c.pt(), c.pseudorapidity(), c.phi_std(), c.e(), particle.pid, particle.charge, particle.from_pileup});
    }
    if (trimmer) {
      for (const fastjet::PseudoJet& piece : fastjet::sorted_by_pt(jet.pieces())) {
        out.subjets.push_back(to_subjet(piece));
      }
    } else {
      const fastjet::ClusterSequence subjet_sequence(constituents, subjet_definition);
      for (const fastjet::PseudoJet& piece : fastjet::sorted_by_pt(subjet_sequence.inclusive_jets(0.0))) {
        out.subjets.push_back(to_subjet(piece));
      }
    }
    jets.push_back(std::move(out));
  }
  // Trimming can reorder jets: keep the promise of pT order.
  std::stable_sort(jets.begin(), jets.end(), [](const Jet& a, const Jet& b) { return a.pt > b.pt; });
  return jets;
}

std::string JetFinder::description() const {
  std::ostringstream text;
  text << spec_.algorithm << " R=" << spec_.R;
  if (spec_.trim) text << ", trimmed (kT R_sub=" << spec_.trim->subjet_R << ", fcut=" << spec_.trim->fcut << ")";
  else text << ", kT subjets R=" << spec_.subjet_R;
  if (spec_.pt_min_gev > 0) text << ", pT > " << spec_.pt_min_gev << " GeV";
  if (spec_.abs_eta_max < 10) text << ", |eta| < " << spec_.abs_eta_max;
  if (spec_.include_neutrinos) text << ", neutrinos included";
  return text.str();
}

}  // namespace jetstudy::jets
