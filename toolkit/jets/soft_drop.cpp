#include "toolkit/jets/soft_drop.h"

#include <cmath>
#include <sstream>
#include <utility>

#include <fastjet/ClusterSequence.hh>

namespace jetstudy::jets {

SoftDrop::SoftDrop(double beta, double zcut, double R0, double mu) : beta_(beta), zcut_(zcut), R0_(R0), mu_(mu) {}

fastjet::PseudoJet SoftDrop::result(const fastjet::PseudoJet& jet) const {
  if (!jet.has_constituents()) return jet;
  const std::vector<fastjet::PseudoJet> constituents = jet.constituents();
  if (constituents.empty()) return jet;

  double R0 = R0_;
  if (R0 <= 0) R0 = jet.has_associated_cluster_sequence() ? jet.validated_cs()->jet_def().R() : 1.0;

  // C/A with an effectively infinite radius puts every constituent into one tree (one inclusive jet).
  const fastjet::JetDefinition cambridge(fastjet::cambridge_algorithm, fastjet::JetDefinition::max_allowable_R,
                                         fastjet::E_scheme, fastjet::N2Plain);
  auto* sequence = new fastjet::ClusterSequence(constituents, cambridge);
  const std::vector<fastjet::PseudoJet> trees = fastjet::sorted_by_pt(sequence->inclusive_jets(0.0));
  sequence->delete_self_when_unused();  // the jets we hand out keep it alive

  fastjet::PseudoJet current = trees.front();
  fastjet::PseudoJet harder, softer;
  while (current.has_parents(harder, softer)) {
    if (harder.pt2() < softer.pt2()) std::swap(harder, softer);
    const double pt_harder = harder.pt(), pt_softer = softer.pt();
    const double z = pt_softer / (pt_harder + pt_softer);
    const double threshold = beta_ == 0 ? zcut_ : zcut_ * std::pow(harder.delta_R(softer) / R0, beta_);
    const bool mass_drop = mu_ >= 1 || std::max(harder.m(), softer.m()) < mu_ * current.m();
    if (z > threshold && mass_drop) break;
    current = harder;
  }
  return current;
}

std::string SoftDrop::description() const {
  std::ostringstream text;
  text << "soft drop with beta=" << beta_ << ", zcut=" << zcut_ << ", R0=";
  if (R0_ > 0) text << R0_;
  else text << "jet R";
  if (mu_ < 1) text << ", mass drop mu=" << mu_;
  return text.str();
}

}  // namespace jetstudy::jets
