// Soft drop (Larkoski, Marzani, Soyez, Thaler, arXiv:1402.2657) as a FastJet Transformer; beta = 0 is the
// modified mass-drop tagger (Dasgupta, Fregoso, Marzani, Salam, arXiv:1307.0007), which may add the mass-drop
// condition max(m1, m2) < mu * m. Written here because Debian ships no fjcontrib. Internal to toolkit/jets/.
#pragma once

#include <string>

#include <fastjet/tools/Transformer.hh>

namespace jetstudy::jets {

class SoftDrop : public fastjet::Transformer {
 public:
  // R0 <= 0: use the radius of the jet being groomed (taken from its ClusterSequence, else 1.0).
  SoftDrop(double beta, double zcut, double R0, double mu = 1.0);

  // Reclusters the constituents with Cambridge/Aachen and walks down the hardest branch: at each merging
  // j -> j1 + j2 (pT1 >= pT2) it stops when z = pT2/(pT1 + pT2) > zcut (dR12/R0)^beta and m1 < mu m, else it
  // drops j2 and goes on with j1. A jet that never passes ends as its hardest single constituent. The result
  // owns its reclustering (its pieces() are j1, j2 of the accepted merging); a jet without constituents is
  // returned as it is.
  fastjet::PseudoJet result(const fastjet::PseudoJet& jet) const override;
  std::string description() const override;

 private:
  double beta_, zcut_, R0_, mu_;
};

}  // namespace jetstudy::jets
