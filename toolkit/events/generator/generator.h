// jetstudy's built-in Monte Carlo (docs/generator.md): one boosted hard object per event (a QCD parton or a
// decaying W/Z/H/top), an angular-ordered leading-log parton shower, simple hadronisation, an underlying event
// and Poisson pile-up. Not Pythia: it models what jet taggers learn (prongs, mass, colour flow, multiplicity,
// charge) and is reproducible from its seed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "toolkit/events/event.h"

namespace jetstudy::events::generator {

enum class Process { qcd, w, z, h, top };

// "qcd", "w", "z", "h", "top"; parse throws core::InputError naming the closest valid name.
Process parse_process(const std::string& name);
std::string process_name(Process process);
std::vector<std::string> process_names();

struct GeneratorOptions {
  Process process = Process::qcd;
  double pt_min_gev = 350;         // the hard object's pT is sampled flat in [pt_min_gev, pt_max_gev]
  double pt_max_gev = 450;
  double quark_fraction = 0.5;     // qcd only: probability that the hard parton is a light quark, else a gluon
  double pileup_mu = 0;            // mean number of pile-up interactions (Poisson)
  bool underlying_event = true;
  std::uint64_t seed = 1;
};

class Generator {
 public:
  explicit Generator(GeneratorOptions options);  // throws core::InputError for impossible options
  ~Generator();
  Generator(Generator&&) noexcept;
  Generator& operator=(Generator&&) noexcept;

  Event next();  // final-state particles of the next event
  const GeneratorOptions& options() const { return options_; }
  std::string description() const;

 private:
  struct State;
  GeneratorOptions options_;
  std::unique_ptr<State> state_;
};

}  // namespace jetstudy::events::generator
