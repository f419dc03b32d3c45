#include "toolkit/sched/results_layout.h"

#include <unistd.h>

#include <cstdlib>

#include "toolkit/core/error.h"

namespace jetstudy::sched {

ResultsLayout prepare_results_for_writing(const std::filesystem::path& root) {
  std::error_code error;
  if (std::filesystem::exists(root, error) && !std::filesystem::is_directory(root, error))
    throw core::InputError(root.string() + ": results directory is a file, not a directory (use --results DIR)");
  std::filesystem::create_directories(root, error);
  if (error)
    throw core::InputError(root.string() + ": cannot create the results directory: " + error.message() +
                           " (use --results DIR or JETSTUDY_RESULTS)");
  if (::access(root.c_str(), W_OK | X_OK) != 0)
    throw core::InputError(root.string() + ": results directory is not writable (use --results DIR)");
  return ResultsLayout{root};
}

ResultsLayout open_results_for_reading(const std::filesystem::path& root) {
  const ResultsLayout layout{root};
  if (!std::filesystem::is_directory(root))
    throw core::InputError(root.string() + ": no results directory here (run `jetstudy run RECIPE` first, or point "
                                           "--results / JETSTUDY_RESULTS at one)");
  if (!std::filesystem::exists(layout.database()))
    throw core::InputError(layout.database().string() + ": no jetstudy database in the results directory");
  return layout;
}

std::filesystem::path default_results_root(const std::string& from_option) {
  if (!from_option.empty()) return from_option;
  if (const char* from_environment = std::getenv("JETSTUDY_RESULTS"); from_environment && *from_environment)
    return from_environment;
  return "results";
}

}  // namespace jetstudy::sched
