#include "experiments/study_components.h"

#include "experiments/experiment.h"
#include "toolkit/core/registry.h"
#include "toolkit/data/observer.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/images/step_schemas.h"
#include "toolkit/losses/builtin.h"
#include "toolkit/metrics/evaluate.h"
#include "toolkit/models/builtin.h"
#include "toolkit/train/optimizers.h"

namespace jetstudy::experiments {
namespace {

using recipe::Field;
using recipe::Schema;

// data.source: {kind: generator, ...} -- the built-in Monte Carlo (docs/generator.md).
recipe::NamedSchema generator_source() {
  const auto process = Schema::one_of(events::generator::process_names(), "process");
  const auto window = Schema::list(Schema::number().greater_than(0)).length(2);
  return {"generator", "jetstudy's built-in shower Monte Carlo",
          Schema::map({
              Field::required("signal", process, "process of the signal jets (label 1)"),
              Field::required("background", process, "process of the background jets (label 0)"),
              Field::required("jets", Schema::integer().min(2), "total jets, half signal and half background"),
              Field::required("pt", window, "pT window of the hard object [min, max] in GeV"),
              Field::defaulted("pileup", Schema::number().min(0), 0.0, "mean number of pile-up interactions"),
              Field::defaulted("quark_fraction", Schema::number().min(0).max(1), 0.5,
                               "qcd: fraction of light-quark (vs gluon) jets"),
              Field::defaulted("seed", Schema::integer().min(0), 1, "generator seed (the dataset's, not the run's)"),
          })};
}

// The schema accepts `name` and, for parametrised metrics, `name@number` ("rejection@0.3").
std::vector<std::string> metric_base_names() {
  std::vector<std::string> names;
  for (const auto& name : metrics::metric_names()) names.push_back(name.substr(0, name.find('@')));
  return names;
}

}  // namespace

const recipe::StudyComponents& study_components() {
  static const recipe::StudyComponents kComponents{
      .experiments = core::names_of(experiment_table()),
      .sources = {generator_source()},
      .architectures = models::architecture_schemas(),
      .losses = losses::loss_schemas(),
      .optimizers = train::optimizer_schemas(),
      .image_steps = images::image_step_schemas(),  // toolkit/images/step_schemas.cpp
      .metrics = metric_base_names(),
      .observers = data::observer_names(),
      .image_channel = images::image_channel_schema(),
      .image_intensity = images::image_intensity_schema(),
  };
  return kComponents;
}

}  // namespace jetstudy::experiments
