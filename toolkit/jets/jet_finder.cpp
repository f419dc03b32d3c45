#include "toolkit/jets/jet_finder.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fastjet/ClusterSequence.hh>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/jets/groomer.h"
#include "toolkit/jets/pseudojets.h"
#include "toolkit/jets/trimming.h"

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

// The Jet of FastJet's (groomed) `jet`, of pseudorapidity `eta`, with its constituents pT-ordered (leading
// first, stable among equals); each constituent's user index is its particle's position in `event`. Sorts
// `constituents`.
Jet to_jet(const fastjet::PseudoJet& jet, double eta, std::vector<const fastjet::PseudoJet*>& constituents,
           const events::Event& event, double R) {
  Jet out;
  out.pt = jet.pt();
  out.eta = eta;
  out.phi = jet.phi_std();
  out.m = mass_of(jet);
  out.px = jet.px();
  out.py = jet.py();
  out.pz = jet.pz();
  out.e = jet.e();
  out.R = R;
  std::stable_sort(constituents.begin(), constituents.end(),
                   [](const fastjet::PseudoJet* a, const fastjet::PseudoJet* b) { return a->kt2() > b->kt2(); });
  out.constituents.reserve(constituents.size());
  for (const fastjet::PseudoJet* c : constituents) {
    const events::Particle& particle = event.particles[static_cast<std::size_t>(c->user_index())];
    out.constituents.push_back(
        {c->pt(), pseudorapidity_of(*c), c->phi_std(), c->e(), particle.pid, particle.charge, particle.from_pileup});
  }
  return out;
}

// The event's particles as PseudoJets whose user index is their position in the event; each momentum checked.
// Neutrinos are left out unless `include_neutrinos`.
std::vector<fastjet::PseudoJet> pseudojets_of(const events::Event& event, bool include_neutrinos) {
  std::vector<fastjet::PseudoJet> out;
  out.reserve(event.particles.size());
  for (std::size_t i = 0; i < event.particles.size(); ++i) {
    check_particle_momentum(event, i);
    const events::Particle& p = event.particles[i];
    if (!include_neutrinos && is_neutrino(p.pid)) continue;
    fastjet::PseudoJet input(p.px, p.py, p.pz, p.e);
    input.set_user_index(static_cast<int>(i));
    out.push_back(input);
  }
  return out;
}

}  // namespace

void check_particle_momentum(const events::Event& event, std::size_t index) {
  const events::Particle& p = event.particles[index];
  if (std::isfinite(p.px) && std::isfinite(p.py) && std::isfinite(p.pz) && std::isfinite(p.e) && p.e >= 0) return;
  std::ostringstream message;
  message << "event " << event.number << ", particle " << index << ": momentum (" << p.px << ", " << p.py << ", "
          << p.pz << ", " << p.e << ") GeV is not finite or has negative energy";
  throw core::InputError(message.str());
}

JetFinder::JetFinder(JetSpec spec) : spec_(std::move(spec)) {
  parse_algorithm(spec_.algorithm);
  const auto positive = [](double value) { return std::isfinite(value) && value > 0; };
  if (!positive(spec_.R)) {
    throw core::InputError("jet radius R must be > 0 (got " + std::to_string(spec_.R) + ")");
  }
  if (!positive(spec_.subjet_R)) {
    throw core::InputError("subjet radius must be > 0 (got " + std::to_string(spec_.subjet_R) + ")");
  }
  if (spec_.exclusive_subjets < 0) {
    throw core::InputError("exclusive subjets N must be >= 0 (0: none; got " + std::to_string(spec_.exclusive_subjets) +
                           ")");
  }
  // The older `trim` field and `groom` must agree; afterwards both say the same thing.
  if (spec_.trim) {
    if (std::holds_alternative<NoGroom>(spec_.groom)) {
      spec_.groom = *spec_.trim;
    } else if (spec_.groom != GroomSpec(*spec_.trim)) {
      throw core::InputError("jets: both `trim` and `groom` (" + groom_name(spec_.groom) +
                             ") are set to different groomers; set only `groom`");
    }
  } else if (const auto* trim = std::get_if<TrimSpec>(&spec_.groom)) {
    spec_.trim = *trim;
  }
  check_groom(spec_.groom);
  // FastJet's banner goes to stdout on first use; library code never prints.
  fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);
}

std::vector<Jet> JetFinder::find(const events::Event& event) const {
  const std::vector<fastjet::PseudoJet> inputs = pseudojets_of(event, spec_.include_neutrinos);
  const fastjet::JetDefinition definition(parse_algorithm(spec_.algorithm), spec_.R, fastjet::E_scheme,
                                          fastjet::Best);
  const fastjet::ClusterSequence sequence(inputs, definition);
  std::vector<fastjet::PseudoJet> found = fastjet::sorted_by_pt(sequence.inclusive_jets(spec_.pt_min_gev));
  // Grooming, constituents and subjets cost more than the clustering: do them only for the jets asked for.
  if (spec_.max_jets > 0 && found.size() > static_cast<std::size_t>(spec_.max_jets)) found.resize(spec_.max_jets);

  // Trimming runs on the lean kT clustering (trimming.h); the other groomers are FastJet Transformers.
  const auto* trim_spec = std::get_if<TrimSpec>(&spec_.groom);
  const std::unique_ptr<fastjet::Transformer> groomer = make_groomer(spec_.groom, spec_.R);

  std::vector<Jet> jets;
  for (const fastjet::PseudoJet& candidate : found) {
    // Grooming can only lower pT: skip jets already below the threshold.
    if (candidate.pt() < spec_.pt_min_gev) continue;
    fastjet::PseudoJet jet;
    // The (groomed) jet's constituents: in the sequence's own list where they come straight from the clustering,
    // else in `groomed`, the copies a FastJet groomer hands back.
    std::vector<const fastjet::PseudoJet*> constituents;
    std::vector<fastjet::PseudoJet> groomed;
    std::vector<Subjet> trimming_subjets;
    if (trim_spec) {
      const std::vector<const fastjet::PseudoJet*> all = constituents_of(sequence, candidate);
      const TrimmedJet trimmed = trim(view_of(all), candidate.kt2(), *trim_spec);
      jet.reset(trimmed.px, trimmed.py, trimmed.pz, trimmed.e);
      for (const KtPiece& piece : trimmed.kept) {
        for (const std::uint32_t member : piece.members) constituents.push_back(all[member]);
      }
      if (spec_.exclusive_subjets == 0) trimming_subjets = to_subjets(trimmed.kept);
    } else if (groomer) {
      jet = (*groomer)(candidate);
      groomed = jet.constituents();
      for (const fastjet::PseudoJet& c : groomed) constituents.push_back(&c);
    } else {
      jet = candidate;
      constituents = constituents_of(sequence, candidate);
    }
    const double eta = pseudorapidity_of(jet);
    if (jet.pt() < spec_.pt_min_gev || std::abs(eta) > spec_.abs_eta_max) continue;

    Jet out = to_jet(jet, eta, constituents, event, spec_.R);
    if (spec_.exclusive_subjets > 0) {
      out.subjets = to_subjets(exclusive_kt_pieces(view_of(constituents), spec_.exclusive_subjets));
    } else if (trim_spec) {
      out.subjets = std::move(trimming_subjets);
    } else {
      out.subjets = to_subjets(inclusive_kt_pieces(view_of(constituents), spec_.subjet_R));
    }
    jets.push_back(std::move(out));
  }
  // Trimming can reorder jets: keep the promise of pT order.
  std::stable_sort(jets.begin(), jets.end(), [](const Jet& a, const Jet& b) { return a.pt > b.pt; });
  return jets;
}

Jet jet_of_all_particles(const events::Event& event, double R) {
  const std::vector<fastjet::PseudoJet> particles = pseudojets_of(event, true);
  fastjet::PseudoJet sum(0, 0, 0, 0);
  std::vector<const fastjet::PseudoJet*> constituents;
  constituents.reserve(particles.size());
  for (const fastjet::PseudoJet& particle : particles) {
    sum += particle;
    constituents.push_back(&particle);
  }
  return to_jet(sum, pseudorapidity_of(sum), constituents, event, R);
}

std::string JetFinder::description() const {
  std::ostringstream text;
  text << spec_.algorithm << " R=" << spec_.R;
  if (!std::holds_alternative<NoGroom>(spec_.groom)) text << ", " << describe_groom(spec_.groom);
  if (spec_.exclusive_subjets > 0) text << ", " << spec_.exclusive_subjets << " exclusive kT subjets";
  else if (!std::holds_alternative<TrimSpec>(spec_.groom)) text << ", kT subjets R=" << spec_.subjet_R;
  if (spec_.pt_min_gev > 0) text << ", pT > " << spec_.pt_min_gev << " GeV";
  if (spec_.abs_eta_max < 10) text << ", |eta| < " << spec_.abs_eta_max;
  if (spec_.include_neutrinos) text << ", neutrinos included";
  return text.str();
}

}  // namespace jetstudy::jets
