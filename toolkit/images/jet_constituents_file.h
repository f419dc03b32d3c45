// A jet-constituents file ("jetstudy-jet-constituents"): jets as the image pipeline starts from them (axis and
// constituents in pT, eta, phi), in flat HDF5 arrays that a peer outside jetstudy reads with h5py -- the numpy
// pipeline of `jetstudy bench images` (bench/peers/images_numpy.py) makes its images from the same jets.
//   /jets/{pt,eta,phi}            float64, N entries (GeV, pseudorapidity, radians)
//   /jets/offset                  uint64, N + 1 entries: jet i owns constituents [offset[i], offset[i+1])
//   /constituents/{pt,eta,phi}    float64, one entry per constituent, jet by jet in the jet's order
//   attributes on "/": format = "jetstudy-jet-constituents", format_version = 1
#pragma once

#include <filesystem>
#include <vector>

#include "toolkit/jets/jet.h"

namespace jetstudy::images {

inline constexpr const char* kJetConstituentsFormat = "jetstudy-jet-constituents";
inline constexpr long kJetConstituentsFormatVersion = 1;

// Writes `jets` to `path` atomically (a temporary file beside it, renamed when complete). Throws
// core::InputError when the file cannot be written.
void write_jet_constituents_file(const std::filesystem::path& path, const std::vector<jets::Jet>& jets);

// The jets of a jet-constituents file: pt, eta, phi of each jet and of its constituents (nothing else is
// stored, so every other field is 0). Throws core::InputError naming the file for another format or version,
// missing datasets, or offsets that do not match the constituent arrays.
std::vector<jets::Jet> read_jet_constituents_file(const std::filesystem::path& path);

}  // namespace jetstudy::images
