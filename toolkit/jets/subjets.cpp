#include "toolkit/jets/subjets.h"

#include <cmath>
#include <string>

#include <fastjet/ClusterSequence.hh>

#include "toolkit/core/error.h"
#include "toolkit/jets/pseudojets.h"

namespace jetstudy::jets {
namespace {

std::vector<Subjet> to_subjets(const std::vector<fastjet::PseudoJet>& pieces) {
  std::vector<Subjet> subjets;
  subjets.reserve(pieces.size());
  for (const fastjet::PseudoJet& piece : fastjet::sorted_by_pt(pieces)) subjets.push_back(to_subjet(piece));
  return subjets;
}

}  // namespace

std::vector<Subjet> exclusive_kt_subjets(const std::vector<fastjet::PseudoJet>& constituents, int n) {
  if (constituents.empty()) return {};
  const fastjet::JetDefinition kt(fastjet::kt_algorithm, fastjet::JetDefinition::max_allowable_R, fastjet::E_scheme,
                                  fastjet::N2Plain);
  const fastjet::ClusterSequence sequence(constituents, kt);
  return to_subjets(sequence.exclusive_jets_up_to(n));
}

std::vector<Subjet> inclusive_kt_subjets(const std::vector<fastjet::PseudoJet>& constituents, double R) {
  if (constituents.empty()) return {};
  const fastjet::JetDefinition kt(fastjet::kt_algorithm, R, fastjet::E_scheme, fastjet::N2Plain);
  const fastjet::ClusterSequence sequence(constituents, kt);
  return to_subjets(sequence.inclusive_jets(0.0));
}

std::vector<Subjet> exclusive_kt_subjets(const Jet& jet, int n) {
  if (n < 1) throw core::InputError("exclusive subjets: N must be >= 1 (got " + std::to_string(n) + ")");
  return exclusive_kt_subjets(constituent_pseudojets(jet), n);
}

std::vector<Subjet> inclusive_kt_subjets(const Jet& jet, double R) {
  if (!std::isfinite(R) || R <= 0) {
    throw core::InputError("inclusive subjets: radius must be > 0 (got " + std::to_string(R) + ")");
  }
  return inclusive_kt_subjets(constituent_pseudojets(jet), R);
}

}  // namespace jetstudy::jets
