// The few particle species the built-in generator produces: PDG codes, masses (GeV) and charges, from the
// Review of Particle Physics (PDG, Prog. Theor. Exp. Phys. 2022, 083C01).
#pragma once

namespace jetstudy::events::generator::pdg {

// PDG codes (particles positive, antiparticles negative).
constexpr int kDown = 1, kUp = 2, kStrange = 3, kCharm = 4, kBottom = 5, kTop = 6;
constexpr int kElectron = 11, kElectronNeutrino = 12, kMuon = 13, kMuonNeutrino = 14;
constexpr int kGluon = 21, kPhoton = 22, kZ = 23, kW = 24, kHiggs = 25;
constexpr int kPiZero = 111, kPiPlus = 211, kKLong = 130, kKShort = 310, kKPlus = 321;
constexpr int kDZero = 421, kBZero = 511, kBPlus = 521;

// Masses in GeV.
constexpr double kPiZeroMass = 0.1349768, kPiPlusMass = 0.13957039;
constexpr double kKPlusMass = 0.493677, kKZeroMass = 0.497611;
constexpr double kDMass = 1.86484, kBMass = 5.27934;
constexpr double kElectronMass = 0.51099895e-3, kMuonMass = 0.1056583755;

inline bool is_quark(int pid) { return pid != 0 && pid >= -6 && pid <= 6; }
inline bool is_gluon(int pid) { return pid == kGluon; }

// The sign of a quark's electric charge (u, c: +2/3 -> +1; d, s, b: -1/3 -> -1), antiquarks opposite; 0 else.
inline int quark_charge_sign(int pid) {
  if (!is_quark(pid)) return 0;
  const int magnitude = pid > 0 ? pid : -pid;
  const int sign = (magnitude == kUp || magnitude == kCharm || magnitude == kTop) ? +1 : -1;
  return pid > 0 ? sign : -sign;
}

}  // namespace jetstudy::events::generator::pdg
