// The component table the recipe tests validate against. It mirrors the real components (generator source,
// DeepTop, bce, adam/sgd, center step, the basic metrics) so that the tests do not depend on other stages;
// the real table is assembled from the component files.
#pragma once

#include "toolkit/recipe/study.h"

#include "toolkit/recipe/study_schema.h"

namespace jetstudy::recipe::testing {

inline StudyComponents test_components() {
  using nlohmann::json;
  const Schema interval = Schema::list(Schema::number()).length(2);
  const Schema processes = Schema::one_of({"qcd", "w", "z", "h", "top"}, "process");

  StudyComponents c;
  c.experiments = {{"classify", "signal vs background classifier", Schema::map({})}};
  c.sources = {{"generator", "built-in shower Monte Carlo",
                Schema::map({
                    Field::required("signal", processes, "signal process"),
                    Field::required("background", processes, "background process"),
                    Field::required("jets", Schema::integer().greater_than(0), "jets per class"),
                    Field::required("pt", interval, "parton pT window in GeV"),
                    Field::defaulted("pileup", Schema::number().min(0), 0.0, "mean pileup interactions"),
                    Field::defaulted("quark_fraction", Schema::number().min(0).max(1), 0.5,
                                     "quark share of QCD jets"),
                    Field::defaulted("seed", Schema::integer(), 1, "generator seed"),
                })}};
  c.architectures = {{"deeptop", "DeepTop CNN (arXiv:1701.08784)",
                      Schema::map({
                          Field::defaulted("filters", Schema::list(Schema::integer().greater_than(0)),
                                           json::array({8, 8, 8, 8}), "filters per convolution"),
                          Field::defaulted("kernel", Schema::integer().greater_than(0), 4, "kernel size"),
                          Field::defaulted("padding", Schema::integer().min(0), 1, "zero padding"),
                          Field::defaulted("pool_after", Schema::list(Schema::integer().min(0)), json::array({2}),
                                           "max-pool after these convolutions"),
                          Field::defaulted("pool", Schema::integer().greater_than(0), 2, "pool size"),
                          Field::defaulted("dense", Schema::list(Schema::integer().greater_than(0)),
                                           json::array({64, 64, 64}), "dense layer widths"),
                          Field::defaulted("dropout", Schema::number().min(0).less_than(1), 0.0, "dropout"),
                      })}};
  c.losses = {{"bce", "binary cross-entropy", Schema::map({})}};
  c.optimizers = {
      {"adam", "Adam (arXiv:1412.6980)",
       Schema::map({Field::defaulted("lr", Schema::number().greater_than(0), 0.001, "learning rate"),
                    Field::defaulted("weight_decay", Schema::number().min(0), 0.0, "L2 penalty")})},
      {"sgd", "stochastic gradient descent",
       Schema::map({Field::defaulted("lr", Schema::number().greater_than(0), 0.01, "learning rate"),
                    Field::defaulted("momentum", Schema::number().min(0), 0.0, "momentum")})}};
  c.image_steps = {
      {"center", "move a reference point to the image centre",
       Schema::map({Field::defaulted("on", Schema::one_of({"leading_subjet", "pt_centroid", "jet_axis"}, "centre"),
                                     "leading_subjet", "what lands on the centre")})},
      {"flip", "flip so the hardest half is on the right", Schema::map({})}};
  c.metrics = {"auc", "rejection", "sic_max", "accuracy"};
  c.observers = {"mass", "pt", "eta", "tau21", "tau32", "nconst"};
  c.default_observers = {"mass", "pt", "tau21", "tau32", "nconst"};
  return c;
}

// The recipe fixtures, loaded with the test-local components.
inline const std::string kFixtureDirectory = "tests/fixtures/recipes/";
inline Study load_fixture(const std::string& name, const std::vector<std::string>& overrides = {}) {
  return load_study(kFixtureDirectory + name, overrides, test_components());
}

}  // namespace jetstudy::recipe::testing
