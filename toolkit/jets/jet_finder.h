// Jets from events with FastJet (Cacciari, Salam, Soyez, arXiv:1111.6097): anti-kT / kT / Cambridge-Aachen,
// optionally trimmed (Krohn, Thaler, Wang, arXiv:0912.1342).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

struct TrimSpec {
  double subjet_R = 0.2;  // kT subjets of this radius ...
  double fcut = 0.05;     // ... are kept if pT_subjet > fcut * pT_jet
};

struct JetSpec {
  std::string algorithm = "antikt";  // antikt | kt | cambridge
  double R = 1.0;
  double pt_min_gev = 0;             // jets below this pT (after grooming) are dropped
  double abs_eta_max = 10;           // jets with |eta| above this are dropped
  std::optional<TrimSpec> trim;
  double subjet_R = 0.2;             // kT subjet radius used when not trimming
  bool include_neutrinos = false;    // neutrinos (|pid| 12, 14, 16) are invisible: left out unless asked
};

class JetFinder {
 public:
  explicit JetFinder(JetSpec spec);  // throws core::InputError for an unknown algorithm or R <= 0
  // Particles with non-finite momenta or E < 0 throw core::InputError naming the event and particle index.
  // Jets of one event, pT-ordered, each with its (groomed) constituents and its kT subjets (the trimming
  // subjets that survived when trimming, else inclusive kT subjets of radius subjet_R), pT-ordered.
  std::vector<Jet> find(const events::Event& event) const;
  std::string description() const;
  const JetSpec& spec() const { return spec_; }

 private:
  JetSpec spec_;
};

}  // namespace jetstudy::jets
