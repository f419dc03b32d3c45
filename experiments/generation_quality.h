// How close generated jet images are to real ones, as the LAGAN paper judges them (de Oliveira, Paganini, Nachman,
// arXiv:1701.05927, Figs. 5-7): physics observables recomputed from the pixels of each image -- pT (the pixel
// sum), the jet mass and tau_21 with every pixel read as a massless particle at its centre -- compared between
// the generated and the real sample, per class, as the 1-D earth mover's distance between their distributions
// (in the observable's units) and as histograms over common bins, and the average images.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolkit/images/pixel_grid.h"

namespace jetstudy::experiments {

struct PixelObservables {
  std::vector<double> pt, mass, tau21;
};

// images: N x 1 x H x W (the first channel is read), covering `extent` in (eta, phi) offsets from the centre.
// tau_21 uses WTA kT axes with R0 = `radius`.
PixelObservables pixel_observables(const std::vector<float>& images, std::int64_t n, std::int64_t height,
                                   std::int64_t width, const images::Extent& extent, double radius);

// The 1-D earth mover's (Wasserstein-1) distance between two samples: the area between their empirical CDFs.
double earth_movers_distance(std::vector<double> a, std::vector<double> b);

// {"pt": d, "mass": d, "tau21": d} between generated and real.
nlohmann::json observable_distances(const PixelObservables& generated, const PixelObservables& real);

// The distributions of one observable, generated against real, over common binning (LAGAN, arXiv:1701.05927,
// Figs. 5-6): `bins` equal bins spanning both samples, from the smallest to the largest finite value of either, as
// {"edges": [bins + 1], "real": [bins], "generated": [bins]}, each count the fraction of that sample's jets in the
// bin (the largest value falls in the last bin). Non-finite values fall in no bin, so a sample's fractions then
// sum to less than 1. When every value is the same the bins span that value +- 0.5.
nlohmann::json observable_histogram(const std::vector<double>& generated, const std::vector<double>& real, int bins);

// {"pt": histogram, "mass": histogram, "tau21": histogram} between generated and real, as above.
nlohmann::json observable_histograms(const PixelObservables& generated, const PixelObservables& real, int bins);

}  // namespace jetstudy::experiments
