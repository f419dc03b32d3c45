#include "toolkit/events/generator/decays.h"

#include <algorithm>

#include "toolkit/core/error.h"
#include "toolkit/events/generator/hard_process.h"
#include "toolkit/events/generator/particle_data.h"

namespace jetstudy::events::generator {

std::vector<FourVector> decay_n_body(const FourVector& parent, const std::vector<double>& masses, Random& random) {
  JETSTUDY_CHECK(masses.size() >= 2, "decay_n_body needs at least two products");
  double mass_sum = 0;
  for (double m : masses) mass_sum += m;
  const double parent_mass = parent.m();
  JETSTUDY_CHECK(parent_mass > mass_sum, "n-body decay below threshold");
  // Invariant masses of the systems {0..k}: sorted uniforms share the kinetic energy out (GENBOD-like).
  const std::size_t n = masses.size();
  std::vector<double> cuts(n - 2);
  for (double& cut : cuts) cut = random.uniform();
  std::sort(cuts.begin(), cuts.end());
  std::vector<FourVector> products(n);
  FourVector remaining = parent;
  double remaining_rest_mass = mass_sum;
  for (std::size_t k = n - 1; k >= 1; --k) {
    remaining_rest_mass -= masses[k];
    // Mass of the system of products 0..k-1.
    double system_mass = masses[0];
    if (k >= 2) {
      system_mass = remaining_rest_mass + cuts[k - 2] * (parent_mass - mass_sum);
      system_mass = std::min(system_mass, remaining.m() - masses[k]);
    }
    const TwoBody split = decay_two_body(remaining, system_mass, masses[k], random);
    products[k] = split.second;
    remaining = split.first;
    if (k == 1) products[0] = split.first;
  }
  return products;
}

namespace {

// A charge for a pion drawn with pi+ : pi- : pi0 = 1 : 1 : 1.
Hadron random_pion(Random& random) {
  const int charge = static_cast<int>(random.uniform() * 3) - 1;
  if (charge == 0) return {{}, pdg::kPiZero, 0};
  return {{}, charge * pdg::kPiPlus, charge};
}

double mass_of(int pid) {
  switch (pid > 0 ? pid : -pid) {
    case pdg::kPiZero: return pdg::kPiZeroMass;
    case pdg::kPiPlus: return pdg::kPiPlusMass;
    case pdg::kKPlus: return pdg::kKPlusMass;
    case pdg::kKLong: case pdg::kKShort: return pdg::kKZeroMass;
    case pdg::kElectron: return pdg::kElectronMass;
    case pdg::kMuon: return pdg::kMuonMass;
    default: return 0;
  }
}

void decay_into(const Hadron& parent, std::vector<Hadron> products, Random& random, const DecayOptions& options,
                std::vector<Hadron>& out) {
  std::vector<double> masses;
  for (const Hadron& product : products) masses.push_back(mass_of(product.pid));
  if (products.size() == 2) {
    const TwoBody split = decay_two_body(parent.momentum, masses[0], masses[1], random);
    products[0].momentum = split.first;
    products[1].momentum = split.second;
  } else {
    const std::vector<FourVector> momenta = decay_n_body(parent.momentum, masses, random);
    for (std::size_t i = 0; i < products.size(); ++i) products[i].momentum = momenta[i];
  }
  for (const Hadron& product : products) decay_to_stable(product, random, options, out);
}

// A D meson's decay products (K pi), with the kaon's charge following the charm (here drawn at random).
void add_d_decay(std::vector<Hadron>& products, Random& random) {
  if (random.chance(0.6)) {
    const int sign = random.chance(0.5) ? +1 : -1;
    products.push_back({{}, sign * pdg::kKPlus, sign});
    products.push_back({{}, -sign * pdg::kPiPlus, -sign});
  } else {
    products.push_back({{}, random.chance(0.5) ? pdg::kKLong : pdg::kKShort, 0});
    products.push_back(random_pion(random));
  }
}

}  // namespace

void decay_to_stable(const Hadron& hadron, Random& random, const DecayOptions& options, std::vector<Hadron>& out) {
  const int kind = hadron.pid > 0 ? hadron.pid : -hadron.pid;
  if (kind == pdg::kPiZero) {
    decay_into(hadron, {{{}, pdg::kPhoton, 0}, {{}, pdg::kPhoton, 0}}, random, options, out);
    return;
  }
  if (kind == pdg::kKShort) {
    // K0_S -> pi+ pi- (69 %) or pi0 pi0 (31 %).
    if (random.chance(0.69)) {
      decay_into(hadron, {{{}, pdg::kPiPlus, +1}, {{}, -pdg::kPiPlus, -1}}, random, options, out);
    } else {
      decay_into(hadron, {{{}, pdg::kPiZero, 0}, {{}, pdg::kPiZero, 0}}, random, options, out);
    }
    return;
  }
  if (kind == pdg::kBZero || kind == pdg::kBPlus) {
    // A b quark sits in a B-bar meson (negative PDG code) and decays b -> c l- nu-bar.
    const int b_sign = hadron.pid < 0 ? +1 : -1;
    std::vector<Hadron> products;
    if (random.chance(options.semileptonic_b_fraction)) {
      const bool muon = random.chance(0.5);
      const int lepton = muon ? pdg::kMuon : pdg::kElectron;
      const int neutrino = muon ? pdg::kMuonNeutrino : pdg::kElectronNeutrino;
      products.push_back({{}, b_sign * lepton, -b_sign});  // l- has a positive PDG code
      products.push_back({{}, -b_sign * neutrino, 0});
    } else {
      const int pions = 1 + static_cast<int>(random.uniform() * 3);  // B -> D + 1..3 pions
      for (int i = 0; i < pions; ++i) products.push_back(random_pion(random));
    }
    add_d_decay(products, random);
    decay_into(hadron, std::move(products), random, options, out);
    return;
  }
  out.push_back(hadron);
}

}  // namespace jetstudy::events::generator
