// Jets from events with FastJet (Cacciari, Salam, Soyez, arXiv:1111.6097): anti-kT / kT / Cambridge-Aachen,
// optionally groomed: trimming (arXiv:0912.1342), pruning (arXiv:0903.5081), soft drop (arXiv:1402.2657) or
// mMDT (arXiv:1307.0007); see groom_spec.h and docs/jets.md.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/jets/groom_spec.h"
#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

struct JetSpec {
  std::string algorithm = "antikt";  // antikt | kt | cambridge
  double R = 1.0;
  double pt_min_gev = 0;             // jets below this pT (after grooming) are dropped
  double abs_eta_max = 10;           // jets with |eta| above this are dropped
  GroomSpec groom;                   // NoGroom by default
  // The older spelling of groom = TrimSpec{...}, kept for existing callers. Setting both to different groomers
  // is an InputError; the finder's spec() has them consistent.
  std::optional<TrimSpec> trim;
  double subjet_R = 0.2;             // kT subjet radius used when neither trimming nor exclusive subjets apply
  int exclusive_subjets = 0;         // N > 0: Jet::subjets are the N exclusive kT subjets (fewer if too few
                                     // constituents; see subjets.h)
  bool include_neutrinos = false;    // neutrinos (|pid| 12, 14, 16) are invisible: left out unless asked
  int max_jets = 0;                  // N > 0: only the N hardest jets (by pT before grooming) are groomed and
                                     // returned; 0 = all. Jet-image datasets use the leading jet only.
};

// Throws core::InputError naming the event and the particle's index when particle `index` of `event` has a
// momentum that is not finite or a negative energy: what JetFinder::find checks of every particle it clusters.
void check_particle_momentum(const events::Event& event, std::size_t index);

// The jet made of every particle of `event`, unclustered (E-scheme sum), with radius R: for files whose rows
// are already jets, as the top-tagging dataset's anti-kT R = 0.8 jets are. Neutrinos are kept (such files hold
// none). Momenta are checked as JetFinder::find checks them.
Jet jet_of_all_particles(const events::Event& event, double R);

class JetFinder {
 public:
  // Throws core::InputError for an unknown algorithm, R <= 0, a groomer parameter out of range, or trim and
  // groom naming different groomers.
  explicit JetFinder(JetSpec spec);
  // Particles with non-finite momenta or E < 0 throw core::InputError naming the event and particle index.
  // Jets of one event, pT-ordered, each with its (groomed) constituents and Jet::R set, and its subjets,
  // pT-ordered: the N exclusive kT subjets if exclusive_subjets = N > 0, else the trimming subjets that
  // survived when trimming, else inclusive kT subjets of radius subjet_R.
  std::vector<Jet> find(const events::Event& event) const;
  std::string description() const;
  const JetSpec& spec() const { return spec_; }

 private:
  JetSpec spec_;
};

}  // namespace jetstudy::jets
