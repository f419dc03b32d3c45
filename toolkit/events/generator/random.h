// The generator's random-number engine: one seeded std::mt19937_64 per Generator, so a run is reproducible
// from its seed (same seed -> bit-identical events on the same platform and compiler).
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace jetstudy::events::generator {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1). Drawn by hand from 53 bits so that it does not depend on the standard library's
  // distribution implementations (which differ between libstdc++ and libc++).
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe under a logarithm.
  double uniform_open() { return 1.0 - uniform(); }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  double phi() { return uniform(-std::numbers::pi, std::numbers::pi); }
  bool chance(double probability) { return uniform() < probability; }

  // Standard normal by Box-Muller (one of the pair is discarded: simpler, fast enough here).
  double gaussian() {
    const double radius = std::sqrt(-2.0 * std::log(uniform_open()));
    return radius * std::cos(2.0 * std::numbers::pi * uniform());
  }
  double exponential(double mean) { return -mean * std::log(uniform_open()); }

  // Poisson by multiplying uniforms for small means, a rounded Gaussian above 30 (pile-up mu ~ 200 at most).
  int poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) {
      const double draw = std::round(mean + std::sqrt(mean) * gaussian());
      return draw < 0 ? 0 : static_cast<int>(draw);
    }
    const double limit = std::exp(-mean);
    int count = 0;
    double product = uniform_open();
    while (product > limit) {
      ++count;
      product *= uniform_open();
    }
    return count;
  }

  // Gamma(shape, 1) by Marsaglia & Tsang (ACM TOMS 26 (2000) 363); shape < 1 via the boost u^(1/shape).
  double gamma(double shape) {
    if (shape < 1) return gamma(shape + 1) * std::pow(uniform_open(), 1.0 / shape);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x = 0, v = 0;
      do {
        x = gaussian();
        v = 1.0 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = uniform_open();
      if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
    }
  }

  // z distributed as z^a (1-z)^b on (0, 1), i.e. Beta(a + 1, b + 1).
  double beta_like(double a, double b) {
    const double x = gamma(a + 1);
    const double y = gamma(b + 1);
    return x / (x + y);
  }

  std::uint64_t next_raw() { return engine_(); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace jetstudy::events::generator
