#include "toolkit/metrics/histogram.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

TEST_CASE("histogram: equal-width edges and the bin of a value, the last bin closed as numpy") {
  const auto edges = uniform_edges(4, 0, 200);
  REQUIRE(edges == std::vector<double>{0, 50, 100, 150, 200});
  REQUIRE(bin_index(edges, 0.0) == 0u);
  REQUIRE(bin_index(edges, 49.99) == 0u);
  REQUIRE(bin_index(edges, 50.0) == 1u);
  REQUIRE(bin_index(edges, 199.0) == 3u);
  REQUIRE(bin_index(edges, 200.0) == 3u);
  REQUIRE_FALSE(bin_index(edges, 200.01).has_value());
  REQUIRE_FALSE(bin_index(edges, -1.0).has_value());
  REQUIRE_FALSE(bin_index(edges, std::nan("")).has_value());
}

TEST_CASE("histogram: bad binnings are refused with what is wrong") {
  REQUIRE_THROWS_WITH(uniform_edges(0, 0, 1), Catch::Matchers::Contains("at least one bin"));
  REQUIRE_THROWS_WITH(uniform_edges(3, 5, 5), Catch::Matchers::Contains("low < high"));
  REQUIRE_THROWS_WITH(check_edges({0, 100, 100}, "pt bins"),
                      Catch::Matchers::StartsWith("pt bins: bin edges must increase strictly; edge 2"));
  REQUIRE_THROWS_WITH(check_edges({1}, "pt bins"), Catch::Matchers::Contains("at least two bin edges, got 1"));
  REQUIRE_NOTHROW(check_edges({0, 1}, "pt bins"));
}

TEST_CASE("histogram: normalising divides by the sum and leaves an empty histogram empty") {
  REQUIRE(normalised({1, 3}) == std::vector<double>{0.25, 0.75});
  REQUIRE(normalised({0, 0}) == std::vector<double>{0, 0});
}

TEST_CASE("histogram: the Jensen-Shannon divergence is 0 for equal, 1 for disjoint, and a hand value in between") {
  REQUIRE(jensen_shannon_divergence({0.5, 0.5}, {0.5, 0.5}) == 0.0);
  REQUIRE(jensen_shannon_divergence({1, 0}, {0, 1}) == Approx(1.0));
  // P = (1, 0), Q = (1/2, 1/2), M = (3/4, 1/4): KL(P||M) = log2(4/3), KL(Q||M) = (log2(2/3) + 1) / 2.
  const double expected = (std::log2(4.0 / 3.0) + (std::log2(2.0 / 3.0) + 1) / 2) / 2;
  REQUIRE(expected == Approx(0.311278).epsilon(1e-5));
  REQUIRE(jensen_shannon_divergence({1, 0}, {0.5, 0.5}) == Approx(expected));
  REQUIRE(jensen_shannon_divergence({0.5, 0.5}, {1, 0}) == Approx(expected));  // symmetric
}
