// What grooming to apply to each jet: none, trimming (Krohn, Thaler, Wang, arXiv:0912.1342), pruning (Ellis,
// Vermilion, Walsh, arXiv:0903.5081), soft drop (Larkoski, Marzani, Soyez, Thaler, arXiv:1402.2657) or the
// modified mass-drop tagger (Dasgupta, Fregoso, Marzani, Salam, arXiv:1307.0007). docs/jets.md has details.
#pragma once

#include <string>
#include <variant>

namespace jetstudy::jets {

struct NoGroom {
  bool operator==(const NoGroom&) const = default;
};

// Recluster the jet with kT subjets of radius subjet_R; keep the subjets with pT > fcut * pT_jet.
struct TrimSpec {
  double subjet_R = 0.2;
  double fcut = 0.05;
  bool operator==(const TrimSpec&) const = default;
};

// Recluster with C/A; a merging i+j with min(pT_i, pT_j) < zcut * pT_(i+j) and dR_ij > rcut_factor * 2 m/pT
// (m, pT of the original jet) drops the softer branch.
struct PruneSpec {
  double zcut = 0.1;
  double rcut_factor = 0.5;
  bool operator==(const PruneSpec&) const = default;
};

// Recluster with C/A and undo the last merging while min(pT1, pT2)/(pT1 + pT2) <= zcut (dR12/R0)^beta,
// following the harder branch. beta = 0 is mMDT; R0 = 0 means the jet radius.
struct SoftDropSpec {
  double beta = 0;
  double zcut = 0.1;
  double R0 = 0;
  bool operator==(const SoftDropSpec&) const = default;
};

// mMDT: soft drop with beta = 0, plus the optional mass-drop condition max(m1, m2) < mu * m (mu = 1: none).
struct MmdtSpec {
  double zcut = 0.1;
  double mu = 1.0;
  bool operator==(const MmdtSpec&) const = default;
};

using GroomSpec = std::variant<NoGroom, TrimSpec, PruneSpec, SoftDropSpec, MmdtSpec>;

// "none", "trim", "prune", "soft_drop", "mmdt": the names recipes use under data.jets.groom.
std::string groom_name(const GroomSpec& groom);
// One line for logs: "trimmed (kT R_sub=0.2, fcut=0.05)", "soft drop (beta=0, zcut=0.1, R0=jet R)", "" for none.
std::string describe_groom(const GroomSpec& groom);
// Throws core::InputError naming the groomer and the parameter when a value is outside its range.
void check_groom(const GroomSpec& groom);

}  // namespace jetstudy::jets
