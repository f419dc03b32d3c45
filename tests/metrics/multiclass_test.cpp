#include "toolkit/metrics/multiclass.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "toolkit/core/error.h"

using namespace jetstudy::metrics;

namespace {

// Five jets of three classes; jet 4 ties classes 0 and 1 and is predicted 0 (the first maximum).
const std::vector<std::vector<float>> kProbabilities{
    {0.7f, 0.2f, 0.1f}, {0.3f, 0.6f, 0.1f}, {0.2f, 0.5f, 0.3f}, {0.1f, 0.3f, 0.6f}, {0.4f, 0.4f, 0.2f}};
const std::vector<std::int64_t> kLabels{0, 0, 1, 2, 2};

}  // namespace

TEST_CASE("multiclass: the confusion matrix, accuracy and one-vs-rest AUCs of a hand example") {
  const auto result = multiclass_metrics(kProbabilities, kLabels);
  REQUIRE(result.classes == 3);
  REQUIRE(result.confusion == std::vector<std::vector<double>>{{1, 1, 0}, {0, 1, 0}, {1, 0, 1}});
  REQUIRE(result.accuracy == Approx(3.0 / 5.0));
  // Class 0: positives {0.7, 0.3} against {0.2, 0.1, 0.4}: 3 + 2 of 6 pairs.
  // Class 1: positive {0.5} against {0.2, 0.6, 0.3, 0.4}: 3 of 4.  Class 2: {0.6, 0.2} against {0.1, 0.1, 0.3}: 5/6.
  REQUIRE(result.auc_one_vs_rest.size() == 3);
  REQUIRE(result.auc_one_vs_rest[0] == Approx(5.0 / 6.0));
  REQUIRE(result.auc_one_vs_rest[1] == Approx(3.0 / 4.0));
  REQUIRE(result.auc_one_vs_rest[2] == Approx(5.0 / 6.0));
}

TEST_CASE("multiclass: the flat row-major form and weights agree with the hand count") {
  std::vector<float> flat;
  for (const auto& row : kProbabilities) flat.insert(flat.end(), row.begin(), row.end());
  const auto nested = multiclass_metrics(kProbabilities, kLabels);
  const auto from_flat = multiclass_metrics(flat, 3, kLabels);
  REQUIRE(from_flat.confusion == nested.confusion);
  REQUIRE(from_flat.auc_one_vs_rest == nested.auc_one_vs_rest);

  const auto weighted = multiclass_metrics(flat, 3, kLabels, {1, 1, 1, 1, 2});
  REQUIRE(weighted.confusion[2][0] == 2.0);
  REQUIRE(weighted.accuracy == Approx(3.0 / 6.0));
}

TEST_CASE("multiclass: a perfect classifier fills the diagonal, an absent class has a NaN AUC") {
  const auto result = multiclass_metrics({{0.9f, 0.1f, 0.0f}, {0.2f, 0.8f, 0.0f}}, {0, 1});
  REQUIRE(result.accuracy == 1.0);
  REQUIRE(result.confusion == std::vector<std::vector<double>>{{1, 0, 0}, {0, 1, 0}, {0, 0, 0}});
  REQUIRE(result.auc_one_vs_rest[0] == 1.0);
  REQUIRE(result.auc_one_vs_rest[1] == 1.0);
  REQUIRE(std::isnan(result.auc_one_vs_rest[2]));
}

TEST_CASE("multiclass: a label outside the classes and ragged rows are refused with the jet named") {
  REQUIRE_THROWS_WITH(multiclass_metrics(kProbabilities, {0, 0, 1, 3, 2}),
                      Catch::Matchers::Contains("the label of jet 3 is 3; class indices run from 0 to 2"));
  REQUIRE_THROWS_WITH(multiclass_metrics({{0.5f, 0.5f}, {1.0f}}, {0, 1}),
                      Catch::Matchers::Contains("jet 1 has 1 class probabilities, jet 0 has 2"));
  REQUIRE_THROWS_WITH(multiclass_metrics(std::vector<float>{0.5f, 0.5f, 1.0f}, 2, {0, 1}),
                      Catch::Matchers::Contains("3 probabilities for 2 jets of 2 classes; expected 4"));
}
