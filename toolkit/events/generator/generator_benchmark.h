// Generation speed of the built-in generator for `jetstudy bench events`: events (one boosted hard object,
// i.e. one jet, each) per second on one core, for top and qcd at particle level and through the detector.
#pragma once

#include <string>
#include <vector>

#include "toolkit/events/generator/generator.h"

namespace jetstudy::events::generator {

struct GeneratorRate {
  std::string process;   // "top", "qcd"
  std::string detector;  // "none", "towers", "towers+tracks"
  int events = 0;
  double seconds = 0;
  double events_per_second = 0;
};

// Times `events` events per (process, detector) pair with `base` for everything else (pT window, pile-up,
// seed); the default measures top and qcd at 350-450 GeV with the underlying event, without and with
// towers+tracks. Library code: prints nothing.
std::vector<GeneratorRate> measure_generator_rates(
    int events, const GeneratorOptions& base = {},
    const std::vector<Process>& processes = {Process::top, Process::qcd},
    const std::vector<DetectorLevel>& detectors = {DetectorLevel::none, DetectorLevel::towers_and_tracks});

}  // namespace jetstudy::events::generator
