#include "toolkit/recipe/study_schema.h"

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/recipe/scalar.h"
#include "toolkit/recipe/sweep.h"

namespace jetstudy::recipe {

namespace {

using nlohmann::json;

// [min, max] with min < max: a selection window or an image extent.
Schema interval() {
  return Schema::list(Schema::number()).length(2).satisfying([](const json& pair) -> std::optional<std::string> {
    if (pair[0].get<double>() < pair[1].get<double>()) return std::nullopt;
    return "expected [min, max] with min < max, got [" + format_number(pair[0]) + ", " + format_number(pair[1]) + "]";
  });
}

Schema split_schema() {
  const Schema fraction = Schema::number().min(0).max(1);
  return Schema::map({
                         Field::defaulted("train", fraction, 0.8, "fraction of jets used for training"),
                         Field::defaulted("val", fraction, 0.1, "fraction used for early stopping and model choice"),
                         Field::defaulted("test", fraction, 0.1, "fraction used only for the reported metrics"),
                         Field::optional("by", Schema::one_of({"fraction", "source"}, "split"),
                                         "fraction, or the source's own split (toptag_h5: its files or ttv column, "
                                         "the default for that source)"),
                     })
      .satisfying([](const json& split) -> std::optional<std::string> {
        const double train = split["train"], val = split["val"], test = split["test"];
        const double sum = train + val + test;
        if (std::abs(sum - 1.0) <= 1e-6) return std::nullopt;
        return "train + val + test must sum to 1, got " + core::rounded(sum) + " (" + core::rounded(train) + " + " +
               core::rounded(val) + " + " + core::rounded(test) + ")";
      });
}

Schema data_schema(const StudyComponents& c) {
  const Schema zcut = Schema::number().min(0).less_than(1);
  const Schema trim = Schema::map({
      Field::defaulted("R", Schema::number().greater_than(0), 0.2, "subjet radius of the kT reclustering"),
      Field::defaulted("fcut", Schema::number().greater_than(0).less_than(1), 0.05,
                       "subjets below fcut x jet pT are removed"),
  });
  const Schema prune = Schema::map({
      Field::defaulted("zcut", zcut, 0.1, "a C/A merging softer than zcut x pT of the pair ..."),
      Field::defaulted("rcut_factor", Schema::number().greater_than(0), 0.5,
                       "... and wider than rcut_factor x 2m/pT is pruned away"),
  });
  const Schema soft_drop = Schema::map({
      Field::defaulted("beta", Schema::number().min(0), 0.0, "angular exponent; 0 is mMDT"),
      Field::defaulted("zcut", zcut, 0.1, "keep the first C/A splitting with z > zcut (dR/R0)^beta"),
      Field::optional("R0", Schema::number().greater_than(0), "angular normalisation; absent means the jet R"),
  });
  const Schema mmdt = Schema::map({
      Field::defaulted("zcut", zcut, 0.1, "keep the first C/A splitting with z > zcut"),
      Field::defaulted("mu", Schema::number().greater_than(0).max(1), 1.0,
                       "mass drop: also require max(m1, m2) < mu m; 1 means no mass-drop condition"),
  });
  const Schema groom =
      Schema::map({
                      Field::optional("trim", trim, "trimming (arXiv:0912.1342)"),
                      Field::optional("prune", prune, "pruning (arXiv:0903.5081)"),
                      Field::optional("soft_drop", soft_drop, "soft drop (arXiv:1402.2657)"),
                      Field::optional("mmdt", mmdt, "modified mass-drop tagger (arXiv:1307.0007)"),
                  })
          .satisfying([](const json& chosen) -> std::optional<std::string> {
            if (chosen.size() <= 1) return std::nullopt;
            std::string names;
            for (const auto& [name, options] : chosen.items()) names += (names.empty() ? "" : ", ") + name;
            return "choose one groomer, got " + std::to_string(chosen.size()) + " (" + names + ")";
          });
  const Schema jets = Schema::map({
      Field::defaulted("algorithm", Schema::one_of({"antikt", "kt", "cambridge"}, "jet algorithm"), "antikt",
                       "clustering algorithm (FastJet)"),
      Field::defaulted("R", Schema::number().greater_than(0), 1.0, "jet radius"),
      Field::defaulted("ptmin", Schema::number().min(0), 0.0, "minimum jet pT in GeV"),
      Field::optional("groom", groom, "grooming applied to each jet (one of trim, prune, soft_drop, mmdt); absent means none"),
  });
  const Schema select = Schema::map({
      Field::optional("pt", interval(), "keep jets with pT in [min, max] GeV"),
      Field::optional("mass", interval(), "keep jets with mass in [min, max] GeV"),
      Field::optional("eta", interval(), "keep jets with pseudorapidity in [min, max]"),
  });
  return Schema::map({
      Field::required("source", Schema::tagged("kind", c.sources, "source"), "where the events come from"),
      Field::defaulted("jets", jets, json::object(), "how jets are built from the events"),
      Field::defaulted("select", select, json::object(), "jet selection windows"),
      Field::defaulted("split", split_schema(), json::object(), "train/val/test fractions"),
      Field::optional("balance", Schema::boolean(), "true: equal signal and background jets per split (surplus dropped)"),
      Field::optional("reweight",
                      Schema::map({
                          Field::defaulted("to", Schema::one_of({"flat"}, "target"), "flat", "target distribution"),
                          Field::defaulted("in", Schema::one_of(c.observers, "observer"), "pt", "variable made flat"),
                          Field::defaulted("bins", Schema::integer().min(1), 20, "equal bins over its range"),
                      }),
                      "per-jet weights making each class flat in a variable (e.g. {to: flat, in: pt, bins: 20})"),
      Field::optional("downsample",
                      Schema::map({
                          Field::defaulted("in", Schema::one_of(c.observers, "observer"), "mass",
                                           "variable whose distribution is equalised across classes"),
                          Field::defaulted("bins", Schema::integer().min(1), 20, "equal bins over its range"),
                          Field::defaulted("seed", Schema::integer().min(0), 1, "which surplus jets are dropped"),
                      }),
                      "train and val keep, per bin of a variable, equally many jets of every class (CMS "
                      "ImageTop-MD; the test split is untouched), e.g. {in: mass, bins: 20}"),
      Field::defaulted("observers", Schema::list(Schema::one_of(c.observers, "observer")),
                       json(c.default_observers),
                       "jet observables kept for metrics and decorrelation, never fed to the network"),
  });
}

Schema images_schema(const StudyComponents& c) {
  return Schema::map({
      Field::defaulted("size", Schema::list(Schema::integer().greater_than(0)).length(2), json::array({40, 40}),
                       "pixels in eta and phi"),
      Field::defaulted("extent", Schema::list(interval()).length(2), json::array({json::array({-1.6, 1.6}), json::array({-1.6, 1.6})}),
                       "[[eta_min, eta_max], [phi_min, phi_max]] relative to the jet axis, radians"),
      Field::defaulted("channels", Schema::list(c.image_channel).min_length(1), json::array({"pt"}),
                       "what each image channel holds"),
      Field::defaulted("intensity", c.image_intensity, "pt", "what a pixel sums: pt, e or et of its particles"),
      Field::defaulted("steps", Schema::steps(c.image_steps, "image step"), json::array(),
                       "preprocessing steps, applied in order"),
      Field::optional("event",
                      Schema::map({
                          Field::defaulted("size", Schema::list(Schema::integer().greater_than(0)).length(2),
                                           json::array({50, 64}), "pixels in eta and phi"),
                          Field::defaulted("extent", Schema::list(interval()).length(2),
                                           json::array({json::array({-2.5, 2.5}), json::array({-3.1416, 3.1416})}),
                                           "[[eta_min, eta_max], [-3.1416, 3.1416]]: absolute eta, the whole azimuth"),
                          Field::defaulted("channels", Schema::list(c.image_channel).min_length(1), json::array({"pt"}),
                                           "what each event-image channel holds (no jet_charge, no own sizes)"),
                      }),
                      "each jet's whole event as an image beside the jet image (two-stream networks, "
                      "arXiv:1807.10768; generator and hepmc3 sources)"),
  });
}

Schema train_schema(const StudyComponents& c) {
  std::optional<std::string> default_optimizer;
  if (std::any_of(c.optimizers.begin(), c.optimizers.end(), [](const NamedSchema& o) { return o.name == "adam"; })) {
    default_optimizer = "adam";
  }
  // The experiment computes the validation metrics, so the trainer checks that the monitored one exists.
  const Schema early_stop = Schema::map({
      Field::defaulted("monitor", Schema::string().matching("val_[A-Za-z0-9_@.]+", "val_loss or val_<metric>"),
                       "val_loss", "validation figure watched for early stopping (and by the plateau schedule)"),
      Field::defaulted("mode", Schema::one_of({"min", "max", "auto"}, "mode"), "auto",
                       "min, max, or auto: losses, errors and distances are minimised, other metrics maximised"),
      Field::defaulted("patience", Schema::integer().min(1), 3, "epochs without improvement before stopping"),
      Field::defaulted("min_delta", Schema::number().min(0), 0.0, "smallest change that counts as an improvement"),
  });
  // Learning-rate schedules (toolkit/train/schedule.h); absent = constant rate.
  const Schema schedule = Schema::tagged(
      "name",
      {{"step", "multiply the rate by gamma every `every` epochs",
        Schema::map({Field::defaulted("every", Schema::integer().min(1), 10, "epochs between decays"),
                     Field::defaulted("gamma", Schema::number().greater_than(0).max(1), 0.1, "factor per decay")})},
       {"plateau", "reduce the rate when the monitored quantity stops improving",
        Schema::map({Field::defaulted("factor", Schema::number().greater_than(0).less_than(1), 0.5,
                                      "factor per reduction"),
                     Field::defaulted("patience", Schema::integer().min(0), 2,
                                      "epochs without improvement tolerated before reducing"),
                     Field::defaulted("min_lr", Schema::number().min(0), 1e-6, "the rate never goes below this")})},
       {"cosine", "cosine annealing from the optimizer's rate to min_lr over train.epochs (arXiv:1608.03983)",
        Schema::map({Field::defaulted("min_lr", Schema::number().min(0), 0.0, "the rate at the end")})}},
      "schedule");
  auto optimizer = Field::required("optimizer", Schema::tagged("name", c.optimizers, "optimizer", default_optimizer),
                                   "optimizer and its settings");
  if (default_optimizer) optimizer = Field::defaulted("optimizer", optimizer.schema, json{{"name", "adam"}}, optimizer.doc);
  return Schema::map({
      optimizer,
      Field::defaulted("batch", Schema::integer().greater_than(0), 128, "jets per training batch"),
      Field::defaulted("epochs", Schema::integer().greater_than(0), 10, "maximum number of epochs"),
      Field::defaulted("early_stop", early_stop, json::object(), "early stopping"),
      Field::optional("schedule", schedule, "learning-rate schedule (step, plateau or cosine); absent = constant"),
      Field::defaulted("device", Schema::string().matching("auto|cpu|cuda(:[0-9]+)?", "auto, cpu, cuda or cuda:N"),
                       "auto", "where to train; auto picks a GPU when there is one"),
      Field::defaulted("threads", Schema::any_of({Schema::integer().min(1), Schema::one_of({"auto"})}), "auto",
                       "CPU threads for training"),
  });
}

Schema metric_name(const StudyComponents& c) { return Schema::one_of(c.metrics, "metric").parametrised(); }

}  // namespace

Schema study_schema(const StudyComponents& c) {
  std::optional<std::string> default_loss;
  if (std::any_of(c.losses.begin(), c.losses.end(), [](const NamedSchema& l) { return l.name == "bce"; })) {
    default_loss = "bce";
  }
  // `experiment: classify` or, with options, `experiment: {kind: regress, target: truth_pt}`.
  const bool has_classify = std::any_of(c.experiments.begin(), c.experiments.end(),
                                        [](const NamedSchema& e) { return e.name == "classify"; });
  Field experiment = Field::required(
      "experiment",
      Schema::tagged("kind", c.experiments, "experiment", has_classify ? std::optional<std::string>("classify") : std::nullopt),
      "which training loop runs the study, with its options");
  if (has_classify) {
    experiment.is_required = false;
    experiment.default_value = json{{"kind", "classify"}};
  }
  Field loss = Field::required("loss", Schema::tagged("name", c.losses, "loss", default_loss), "training loss");
  if (default_loss) {
    loss.is_required = false;
    loss.default_value = json{{"name", *default_loss}};
  }

  const Schema expectation = Schema::map({
      Field::required("value", Schema::number(), "the published figure"),
      Field::defaulted("tolerance", Schema::number().min(0), 0.0, "how far ours may be from it"),
      Field::optional("dataset", Schema::string(),
                      "the dataset the published figure was measured on, as the report names it (default: the "
                      "recipe's data.source)"),
  });
  // sweep: the axes (docs/recipe.md, toolkit/recipe/sweep.h) and the strategy (docs/scheduler.md).
  const Schema swept_lists = Schema::free_map(Schema::list(Schema::any()).min_length(1));
  const Schema random = Schema::map({
      Field::required("n", Schema::integer().min(1), "number of draws"),
      Field::defaulted("seed", Schema::integer(), 1, "seed of the draws: the same seed gives the same draws everywhere"),
      Field::required("params", Schema::free_map(Schema::any()),
                      "dotted key path -> {uniform: [a, b]} | {log_uniform: [a, b]} | {int_uniform: [a, b]} | "
                      "{choice: [v1, v2, ...]}"),
  });
  const Schema keep = Schema::any().satisfying([](const json& value) -> std::optional<std::string> {
    if (parse_keep_fraction(value)) return std::nullopt;
    return "expected a fraction in (0, 1) such as 1/3 or 0.25, got " + (value.is_string() ? value.get<std::string>() : value.dump());
  });
  const Schema rungs = Schema::list(Schema::integer().min(1)).min_length(1).satisfying(
      [](const json& epochs) -> std::optional<std::string> {
        for (std::size_t i = 1; i < epochs.size(); ++i) {
          if (epochs[i].get<std::int64_t>() > epochs[i - 1].get<std::int64_t>()) continue;
          return "expected increasing epochs such as [1, 3, 9], got " + epochs.dump();
        }
        return std::nullopt;
      });
  const Schema sweep =
      Schema::map({
                      Field::defaulted("grid", swept_lists, json::object(),
                                       "dotted key path -> list of values; every combination is run"),
                      Field::optional("zip", swept_lists,
                                      "dotted key path -> list of values; the lists (of equal length) advance together"),
                      Field::optional("random", random, "n random draws of the key paths in params"),
                      Field::defaulted("seeds", Schema::list(Schema::integer()).min_length(1), json::array({1}),
                                       "each point is trained once per seed (the innermost axis)"),
                      Field::defaulted("strategy", Schema::one_of({"grid", "asha"}, "strategy"), "grid",
                                       "grid: train every run fully; asha: stop the worst runs at each rung "
                                       "(asynchronous successive halving, arXiv:1810.05934)"),
                      Field::optional("monitor", Schema::string().matching("val_[A-Za-z0-9_@.]+", "val_loss or val_<metric>"),
                                      "asha: the validation figure compared at each rung (default: train.early_stop.monitor)"),
                      Field::optional("mode", Schema::one_of({"auto", "max", "min"}, "mode"),
                                      "asha: max, min, or auto (default): losses, errors and distances are minimised"),
                      Field::optional("rungs", rungs, "asha: the epochs at which runs are compared, e.g. [1, 3, 9]"),
                      Field::optional("keep", keep, "asha: the fraction that continues at each rung, e.g. 1/3 (default)"),
                  })
          .satisfying([](const json& sweep) -> std::optional<std::string> {
            const bool asha = sweep["strategy"] == "asha";
            if (asha && !sweep.contains("rungs")) {
              return "strategy: asha needs rungs: the epochs at which runs are compared, e.g. [1, 3, 9]";
            }
            if (asha) return std::nullopt;
            for (const char* key : {"monitor", "mode", "rungs", "keep"}) {
              if (sweep.contains(key)) return std::string(key) + " is an ASHA setting; add strategy: asha or remove it";
            }
            return std::nullopt;
          });
  // run.slurm / run.htcondor: what the cluster backends ask for (docs/scheduler.md "Slurm and HTCondor").
  const Schema slurm = Schema::map({
      Field::optional("partition", Schema::string(), "sbatch --partition; absent: the cluster's default"),
      Field::optional("time", Schema::string(), "sbatch --time, e.g. 02:00:00 or 1-00:00:00"),
      Field::optional("gpus", Schema::any_of({Schema::integer().min(0), Schema::string()}), "sbatch --gpus, e.g. 1 or a100:2"),
      Field::optional("cpus", Schema::integer().min(1), "sbatch --cpus-per-task; also each run's training threads"),
      Field::optional("memory", Schema::string(), "sbatch --mem, e.g. 4G"),
      Field::optional("account", Schema::string(), "sbatch --account"),
      Field::optional("max_parallel", Schema::integer().min(1), "array tasks running at once (--array=0-N%max_parallel)"),
      Field::optional("extra_directives", Schema::list(Schema::string().matching("-.*", "an sbatch option such as --constraint=a100")),
                      "further #SBATCH lines, each an sbatch option, e.g. [--constraint=a100, --qos=short]"),
  });
  const Schema htcondor = Schema::map({
      Field::optional("request_gpus", Schema::integer().min(0), "GPUs per job"),
      Field::optional("request_cpus", Schema::integer().min(1), "CPU cores per job; also each run's training threads"),
      Field::optional("request_memory", Schema::string().matching("[0-9]+(\\.[0-9]+)? ?([KMGT]B?)?", "e.g. 4GB or 2000 (MB)"),
                      "memory per job"),
      Field::optional("max_runtime", Schema::any_of({Schema::integer().min(1), Schema::string().matching("[0-9]+[smhd]?", "e.g. 90s, 30m, 12h, 2d")}),
                      "a running job is removed after this long (seconds, or 30m, 12h, 2d)"),
      Field::optional("max_retries", Schema::integer().min(0), "a failed job runs again up to this often (not bad input)"),
  });
  const Schema run = Schema::map({
      Field::defaulted("backend", Schema::one_of({"local", "slurm", "htcondor"}, "backend"), "local",
                       "where runs execute"),
      Field::optional("slurm", slurm, "Slurm resources for --backend slurm"),
      Field::optional("htcondor", htcondor, "HTCondor resources for --backend htcondor"),
      Field::defaulted("jobs", Schema::any_of({Schema::integer().min(1), Schema::one_of({"auto"})}), "auto",
                       "runs at the same time"),
      Field::defaulted("slots", Schema::any_of({Schema::integer().min(1), Schema::one_of({"auto"})}), "auto",
                       "local pool: runs sharing one GPU (auto: from its free memory)"),
      Field::defaulted("retries", Schema::integer().min(0), 1, "times a failed run is tried again"),
      Field::defaulted("threads", Schema::any_of({Schema::integer().min(1), Schema::one_of({"auto"})}), "auto",
                       "local pool: intra-op threads per worker (auto: the cores split between the workers)"),
  });

  return Schema::map({
      Field::required("study", Schema::string(), "name of the study; results are grouped under it"),
      Field::optional("base", Schema::string(), "recipe file this one extends (read by the loader)"),
      Field::optional("description", Schema::string(), "free text shown in reports"),
      experiment,
      Field::required("data", data_schema(c), "events, jets, selection and split"),
      Field::defaulted("images", images_schema(c), json::object(), "jet images"),
      Field::required("model", Schema::tagged("arch", c.architectures, "architecture"), "the network"),
      loss,
      Field::defaulted("train", train_schema(c), json::object(), "training"),
      Field::defaulted("evaluate", Schema::list(metric_name(c)), json::array({"auc", "rejection@0.3", "rejection@0.5"}),
                       "metrics computed on the test split"),
      Field::optional("sweep", sweep, "hyperparameter grid, zip, random draws, seeds and strategy"),
      Field::defaulted("run", run, json::object(), "scheduling"),
      Field::optional("expect", Schema::free_map(expectation).keys(metric_name(c)),
                      "published figures shown beside ours"),
  });
}

}  // namespace jetstudy::recipe
