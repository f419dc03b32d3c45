#include "experiments/generation_quality.h"

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/images/jet_image.h"
#include "toolkit/images/pixel_mass.h"
#include "toolkit/jets/nsubjettiness.h"

namespace jetstudy::experiments {

PixelObservables pixel_observables(const std::vector<float>& images, std::int64_t n, std::int64_t height,
                                   std::int64_t width, const images::Extent& extent, double radius) {
  JETSTUDY_CHECK(static_cast<std::int64_t>(images.size()) >= n * height * width, "fewer pixels than images");
  const std::int64_t channels = static_cast<std::int64_t>(images.size()) / std::max<std::int64_t>(n * height * width, 1);
  PixelObservables out;
  for (std::int64_t i = 0; i < n; ++i) {
    images::ImageView view{const_cast<float*>(images.data()) + i * channels * height * width, 1, height, width, extent};
    jets::Jet pseudo_jet;
    pseudo_jet.R = radius;
    double pt_sum = 0;
    for (std::int64_t h = 0; h < height; ++h) {
      for (std::int64_t w = 0; w < width; ++w) {
        const double pt = view.at(0, h, w);
        if (pt <= 0) continue;
        const double eta = view.eta_center(h), phi = view.phi_center(w);
        pseudo_jet.constituents.push_back({pt, eta, phi, pt * std::cosh(eta)});
        pt_sum += pt;
      }
    }
    out.pt.push_back(pt_sum);
    out.mass.push_back(images::pixel_mass(view));
    out.tau21.push_back(jets::nsubjettiness(pseudo_jet, jets::NsubjettinessAxes::wta_kt, radius).tau21());
  }
  return out;
}

double earth_movers_distance(std::vector<double> a, std::vector<double> b) {
  if (a.empty() || b.empty()) return 0;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  // Walk the merged sample points; between two consecutive points both CDFs are constant.
  std::vector<double> points(a);
  points.insert(points.end(), b.begin(), b.end());
  std::sort(points.begin(), points.end());
  double distance = 0;
  std::size_t ia = 0, ib = 0;
  for (std::size_t k = 0; k + 1 < points.size(); ++k) {
    while (ia < a.size() && a[ia] <= points[k]) ++ia;
    while (ib < b.size() && b[ib] <= points[k]) ++ib;
    const double cdf_a = static_cast<double>(ia) / static_cast<double>(a.size());
    const double cdf_b = static_cast<double>(ib) / static_cast<double>(b.size());
    distance += std::abs(cdf_a - cdf_b) * (points[k + 1] - points[k]);
  }
  return distance;
}

nlohmann::json observable_distances(const PixelObservables& generated, const PixelObservables& real) {
  return {{"pt", earth_movers_distance(generated.pt, real.pt)},
          {"mass", earth_movers_distance(generated.mass, real.mass)},
          {"tau21", earth_movers_distance(generated.tau21, real.tau21)}};
}

nlohmann::json observable_histogram(const std::vector<double>& generated, const std::vector<double>& real, int bins) {
  JETSTUDY_CHECK(bins >= 1, "a histogram needs at least one bin");
  double low = INFINITY, high = -INFINITY;
  for (const auto* sample : {&generated, &real}) {
    for (const double x : *sample) {
      if (!std::isfinite(x)) continue;
      low = std::min(low, x);
      high = std::max(high, x);
    }
  }
  if (!(low < high)) {  // one distinct value, or no finite value at all
    const double centre = std::isfinite(low) ? low : 0.0;
    low = centre - 0.5;
    high = centre + 0.5;
  }
  const double width = (high - low) / bins;
  std::vector<double> edges;
  for (int i = 0; i <= bins; ++i) edges.push_back(i == bins ? high : low + i * width);

  const auto fractions = [&](const std::vector<double>& sample) {
    std::vector<double> counts(static_cast<std::size_t>(bins), 0.0);
    if (sample.empty()) return counts;
    const double weight = 1.0 / static_cast<double>(sample.size());
    for (const double x : sample) {
      if (!std::isfinite(x)) continue;
      const int bin = std::clamp(static_cast<int>(std::floor((x - low) / width)), 0, bins - 1);
      counts[static_cast<std::size_t>(bin)] += weight;
    }
    return counts;
  };
  return {{"edges", edges}, {"real", fractions(real)}, {"generated", fractions(generated)}};
}

nlohmann::json observable_histograms(const PixelObservables& generated, const PixelObservables& real, int bins) {
  return {{"pt", observable_histogram(generated.pt, real.pt, bins)},
          {"mass", observable_histogram(generated.mass, real.mass, bins)},
          {"tau21", observable_histogram(generated.tau21, real.tau21, bins)}};
}

}  // namespace jetstudy::experiments
