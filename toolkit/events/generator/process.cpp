// Names of the built-in generator's processes, with "did you mean" for a misspelt one.
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

std::string process_name(Process process) {
  for (const auto& entry : kProcesses) {
    if (entry.process == process) return entry.name;
  }
  JETSTUDY_CHECK(false, "process without a name");
  return {};
}

}  // namespace jetstudy::events::generator
