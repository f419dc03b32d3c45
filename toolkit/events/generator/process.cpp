// Names of the built-in generator's processes and pT spectra, with "did you mean" for a misspelt one.
#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/events/generator/generator.h"

namespace jetstudy::events::generator {

namespace {
struct NamedProcess {
  const char* name;
  Process process;
};
constexpr NamedProcess kProcesses[] = {
    {"qcd", Process::qcd}, {"w", Process::w}, {"z", Process::z}, {"h", Process::h}, {"top", Process::top},
    {"wprime", Process::wprime}, {"quark", Process::quark}, {"gluon", Process::gluon},
};
}  // namespace

std::vector<std::string> process_names() {
  std::vector<std::string> names;
  for (const auto& entry : kProcesses) names.emplace_back(entry.name);
  return names;
}

Process parse_process(const std::string& name) {
  for (const auto& entry : kProcesses) {
    if (name == entry.name) return entry.process;
  }
  std::string valid;
  for (const auto& entry : kProcesses) valid += (valid.empty() ? "" : ", ") + std::string(entry.name);
  throw core::InputError("unknown generator process '" + name + "' (known: " + valid + ")" +
                         core::did_you_mean(name, process_names()));
}

bool is_lone_parton(Process process) {
  return process == Process::qcd || process == Process::quark || process == Process::gluon;
}

double effective_quark_fraction(const GeneratorOptions& options) {
  switch (options.process) {
    case Process::qcd: return options.quark_fraction;
    case Process::quark: return 1;
    default: return 0;
  }
}

std::string process_name(Process process) {
  for (const auto& entry : kProcesses) {
    if (entry.process == process) return entry.name;
  }
  JETSTUDY_CHECK(false, "process without a name");
  return {};
}

void parse_pt_window(const std::string& text, GeneratorOptions& options) {
  const auto bad = [&text]() {
    throw core::InputError("--pt expects MIN:MAX in GeV, e.g. 250:300 (got '" + text + "')");
  };
  const auto colon = text.find(':');
  if (colon == std::string::npos) bad();
  double values[2] = {0, 0};
  const std::string parts[2] = {text.substr(0, colon), text.substr(colon + 1)};
  for (int i = 0; i < 2; ++i) {
    std::size_t used = 0;
    try {
      values[i] = std::stod(parts[i], &used);
    } catch (const std::exception&) {
      bad();
    }
    if (used != parts[i].size()) bad();
  }
  options.pt_min_gev = values[0];
  options.pt_max_gev = values[1];
}

PtSpectrum parse_pt_spectrum(const std::string& name) {
  if (name == "flat") return PtSpectrum::flat;
  if (name == "falling") return PtSpectrum::falling;
  throw core::InputError("unknown pT spectrum '" + name + "' (known: flat, falling)");
}

std::string pt_spectrum_name(PtSpectrum spectrum) {
  return spectrum == PtSpectrum::flat ? "flat" : "falling";
}

}  // namespace jetstudy::events::generator
