// A GroomSpec turned into the FastJet Transformer that grooms one jet: fastjet::Filter for trimming
// (arXiv:0912.1342), fastjet::Pruner for pruning (arXiv:0903.5081), jets::SoftDrop for soft drop
// (arXiv:1402.2657) and mMDT (arXiv:1307.0007). Internal to toolkit/jets/.
#pragma once

#include <memory>

#include <fastjet/tools/Transformer.hh>

#include "toolkit/jets/groom_spec.h"

namespace jetstudy::jets {

// nullptr for NoGroom. jet_R stands in for a soft-drop R0 of 0. The spec must have passed check_groom.
std::unique_ptr<fastjet::Transformer> make_groomer(const GroomSpec& groom, double jet_R);

}  // namespace jetstudy::jets
