#include "toolkit/events/generator/generator_benchmark.h"

#include <chrono>

#include "toolkit/core/error.h"

namespace jetstudy::events::generator {

std::vector<GeneratorRate> measure_generator_rates(int events, const GeneratorOptions& base,
                                                   const std::vector<Process>& processes,
                                                   const std::vector<DetectorLevel>& detectors) {
  if (events <= 0) throw core::InputError("bench events: the number of events must be > 0 (got " +
                                          std::to_string(events) + ")");
  std::vector<GeneratorRate> rates;
  for (const Process process : processes) {
    for (const DetectorLevel detector : detectors) {
      GeneratorOptions options = base;
      options.process = process;
      options.detector = detector;
      Generator generator(options);
      generator.next();  // warm up allocations outside the timing
      std::size_t particles = 0;
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < events; ++i) particles += generator.next().particles.size();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      JETSTUDY_CHECK(particles > 0, "the generator produced no particles");
      rates.push_back({process_name(process), detector_level_name(detector), events, seconds,
                       seconds > 0 ? events / seconds : 0.0});
    }
  }
  return rates;
}

}  // namespace jetstudy::events::generator
