#include "toolkit/jets/groomer.h"

#include <fastjet/tools/Pruner.hh>

#include "toolkit/jets/soft_drop.h"

namespace jetstudy::jets {

std::unique_ptr<fastjet::Transformer> make_groomer(const GroomSpec& groom, double jet_R) {
  if (const auto* prune = std::get_if<PruneSpec>(&groom)) {
    return std::make_unique<fastjet::Pruner>(fastjet::cambridge_algorithm, prune->zcut, prune->rcut_factor);
  }
  if (const auto* soft_drop = std::get_if<SoftDropSpec>(&groom)) {
    return std::make_unique<SoftDrop>(soft_drop->beta, soft_drop->zcut, soft_drop->R0 > 0 ? soft_drop->R0 : jet_R);
  }
  if (const auto* mmdt = std::get_if<MmdtSpec>(&groom)) {
    return std::make_unique<SoftDrop>(0.0, mmdt->zcut, jet_R, mmdt->mu);
  }
  return nullptr;
}

}  // namespace jetstudy::jets
