// A GroomSpec turned into the FastJet Transformer that grooms one jet: fastjet::Pruner for pruning
// (arXiv:0903.5081), jets::SoftDrop for soft drop (arXiv:1402.2657) and mMDT (arXiv:1307.0007). Trimming
// (arXiv:0912.1342) is not a Transformer here: see trimming.h. Internal to toolkit/jets/.
#pragma once

#include <memory>

#include <fastjet/tools/Transformer.hh>

#include "toolkit/jets/groom_spec.h"

namespace jetstudy::jets {

// nullptr for NoGroom and TrimSpec. jet_R stands in for a soft-drop R0 of 0. The spec must have passed check_groom.
std::unique_ptr<fastjet::Transformer> make_groomer(const GroomSpec& groom, double jet_R);

}  // namespace jetstudy::jets
