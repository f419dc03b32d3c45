#include "experiments/generation_quality.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace jetstudy;
using experiments::earth_movers_distance;

TEST_CASE("generation quality: the earth mover's distance of a sample to itself is 0 and to a shifted copy the shift") {
  const std::vector<double> sample = {1, 2, 2, 5, 9};
  CHECK(earth_movers_distance(sample, sample) == 0);
  std::vector<double> shifted = sample;
  for (auto& x : shifted) x += 3.5;
  CHECK(earth_movers_distance(sample, shifted) == Approx(3.5));
  CHECK(earth_movers_distance(shifted, sample) == Approx(3.5));
}

TEST_CASE("generation quality: the earth mover's distance of two point masses is their separation, whatever the sizes") {
  CHECK(earth_movers_distance({0, 0, 0}, {2}) == Approx(2));
  // Half the mass has to move by 4: {0, 4} against {0, 0}.
  CHECK(earth_movers_distance({0, 4}, {0, 0}) == Approx(2));
}

TEST_CASE("generation quality: pixel observables of two pixels give the hand-computed pT, mass and tau21") {
  // A 4x4 image over [-2, 2]^2: pixel centres at -1.5, -0.5, 0.5, 1.5. Two pixels of 10 and 30 GeV at the same eta
  // (0.5) and phi -0.5 and 0.5: m^2 = 2 pT1 pT2 (cosh(0) - cos(1)).
  std::vector<float> image(16, 0.0f);
  image[2 * 4 + 1] = 10.0f;
  image[2 * 4 + 2] = 30.0f;
  const images::Extent extent{-2, 2, -2, 2};
  const auto observables = experiments::pixel_observables(image, 1, 4, 4, extent, 1.0);
  CHECK(observables.pt.at(0) == Approx(40));
  CHECK(observables.mass.at(0) == Approx(std::sqrt(2 * 10 * 30 * (1 - std::cos(1.0)))));
  // Two particles: tau_2 = 0 (each is its own axis), so tau21 = 0; tau_1 > 0.
  CHECK(observables.tau21.at(0) == 0);
}

TEST_CASE("generation quality: distances are reported per observable") {
  experiments::PixelObservables real{{100, 200}, {50, 80}, {0.2, 0.4}}, generated{{110, 210}, {50, 80}, {0.2, 0.4}};
  const auto distances = experiments::observable_distances(generated, real);
  CHECK(distances.at("pt").get<double>() == Approx(10));
  CHECK(distances.at("mass").get<double>() == 0);
  CHECK(distances.at("tau21").get<double>() == 0);
}

TEST_CASE("generation quality: generated and real histograms share bins spanning both samples, as fractions of jets") {
  // Real {0, 1, 1, 3}, generated {2, 4}: bins of 1 from 0 to 4, the largest value (4) in the last bin.
  const auto histogram = experiments::observable_histogram({2, 4}, {0, 1, 1, 3}, 4);
  CHECK(histogram.at("edges") == std::vector<double>{0, 1, 2, 3, 4});
  CHECK(histogram.at("real") == std::vector<double>{0.25, 0.5, 0, 0.25});
  CHECK(histogram.at("generated") == std::vector<double>{0, 0, 0.5, 0.5});
}

TEST_CASE("generation quality: a non-finite value falls in no bin, and a single value gets bins around it") {
  const auto with_nan = experiments::observable_histogram({1, NAN}, {1, 3}, 2);
  CHECK(with_nan.at("edges") == std::vector<double>{1, 2, 3});
  CHECK(with_nan.at("generated") == std::vector<double>{0.5, 0});  // half the generated jets have no tau21
  CHECK(with_nan.at("real") == std::vector<double>{0.5, 0.5});
  const auto constant = experiments::observable_histogram({7, 7}, {7}, 2);
  CHECK(constant.at("edges") == std::vector<double>{6.5, 7, 7.5});
  CHECK(constant.at("real") == std::vector<double>{0, 1});
}

TEST_CASE("generation quality: histograms are kept per observable with the same number of bins") {
  experiments::PixelObservables real{{100, 200}, {50, 80}, {0.2, 0.4}}, generated{{110, 210}, {60, 90}, {0.3, 0.5}};
  const auto histograms = experiments::observable_histograms(generated, real, 5);
  for (const char* name : {"pt", "mass", "tau21"}) {
    INFO(name);
    CHECK(histograms.at(name).at("edges").size() == 6);
    CHECK(histograms.at(name).at("real").size() == 5);
  }
  CHECK(histograms.at("pt").at("edges").front() == 100);
  CHECK(histograms.at("pt").at("edges").back() == 210);
  CHECK(histograms.at("tau21").at("edges").back() == Approx(0.5));
}
