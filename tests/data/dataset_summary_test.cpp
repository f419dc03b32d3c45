#include "toolkit/data/dataset_summary.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace jetstudy;

TEST_CASE("dataset_summary: quantiles interpolate between order statistics like numpy") {
  const std::vector<float> one_to_ten{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  CHECK(data::quantile(one_to_ten, 0.5) == Approx(5.5));
  CHECK(data::quantile(one_to_ten, 0.1) == Approx(1.9));
  CHECK(data::quantile(one_to_ten, 0.9) == Approx(9.1));
  CHECK(data::quantile({3.0f}, 0.9) == 3.0);
  CHECK(std::isnan(data::quantile({}, 0.5)));
}

TEST_CASE("dataset_summary: counts, balance and observer quantiles per class") {
  data::JetDataset dataset;
  dataset.hash = "h";
  dataset.shape = {1, 2, 2};
  dataset.train.size = 4;
  dataset.train.labels = {1, 0, 1, 0};
  dataset.train.observers["mass"] = {170, 40, 180, 60};
  dataset.test.size = 2;
  dataset.test.labels = {1, 1};
  dataset.test.observers["mass"] = {160, 175};
  const auto summary = data::summarize_dataset(dataset);
  CHECK(summary["splits"]["train"]["jets"] == 4);
  CHECK(summary["splits"]["train"]["signal_fraction"] == 0.5);
  CHECK(summary["splits"]["test"]["signal"] == 2);
  CHECK(summary["splits"]["val"]["jets"] == 0);
  CHECK(summary["observables"]["mass"]["signal"]["q50"].get<double>() == Approx(172.5));  // of 160 170 175 180
  CHECK(summary["observables"]["mass"]["background"]["q50"].get<double>() == Approx(50));
  CHECK(summary["image_shape"] == nlohmann::json({1, 2, 2}));
  CHECK(summary["kind"] == "jetstudy dataset");
  CHECK(summary["hash"] == "h");
}
