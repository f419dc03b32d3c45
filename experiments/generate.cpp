#include "experiments/generate.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>
#include <sstream>

#include "experiments/generation_quality.h"
#include "experiments/run_setup.h"
#include "experiments/test_evaluation.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/images/image_spec.h"
#include "toolkit/losses/builtin.h"
#include "toolkit/losses/gan_loss.h"
#include "toolkit/models/lagan.h"
#include "toolkit/train/checkpoint.h"
#include "toolkit/train/json_numbers.h"
#include "toolkit/train/optimizers.h"

namespace jetstudy::experiments {
namespace {

// Bins of the stored generated-against-real distributions of pT, mass and tau21.
constexpr int kDistributionBins = 30;

// The real jets of one class and their pixel observables (in GeV), to compare generated jets against.
struct RealSample {
  torch::Tensor images;  // [n, 1, H, W], in training units
  torch::Tensor labels;  // [n]
  PixelObservables observables;
};

nlohmann::json average_image(const torch::Tensor& images) {
  const auto mean = images.mean(0).squeeze(0);
  return {{"height", mean.size(0)}, {"width", mean.size(1)}, {"pixels", to_floats(mean)}};
}

// Everything the loop changes as it goes, besides the networks, optimisers and torch's generators; all of it is
// in last.pt (as the bookkeeping JSON and the shuffling engine of train::TrainingProgress).
struct GenerateProgress {
  int completed_epochs = 0;
  nlohmann::json generation = nlohmann::json::object();  // the per-epoch curve
  double best_mass_distance = INFINITY;
  int best_epoch = 0;
  nlohmann::json average_images;  // curve points of the best epoch
  nlohmann::json distributions;   // of the best epoch, stored at the end of the run
  std::mt19937_64 shuffle_engine;
};

// The generator and its optimiser are the trained model; the discriminator's optimiser goes where last.pt keeps an
// adversary's (the discriminator's weights are part of the GAN module).
train::TrainingParts training_parts(models::GanImpl& gan, torch::optim::Optimizer& generator_optimizer,
                                    torch::optim::Optimizer& discriminator_optimizer, const torch::Device& device) {
  return {gan, &generator_optimizer, nullptr, &discriminator_optimizer, device};
}

void save_progress(const std::filesystem::path& path, const train::TrainingParts& parts,
                   const GenerateProgress& progress) {
  std::ostringstream engine;
  engine << progress.shuffle_engine;
  const nlohmann::json bookkeeping = {{"generation", progress.generation},
                                      {"best_mass_distance", train::json_number(progress.best_mass_distance)},
                                      {"best_epoch", progress.best_epoch},
                                      {"average_images", progress.average_images},
                                      {"distributions", progress.distributions}};
  train::save_training_checkpoint(path, parts, {progress.completed_epochs, bookkeeping, engine.str(), {}});
}

// Reads last.pt back into the networks, optimisers, generators and `progress`. load_checkpoint reads its model part
// first because it refuses weights of other shapes with a message naming the file.
void load_progress(const std::filesystem::path& path, const train::TrainingParts& parts, GenerateProgress& progress) {
  train::load_checkpoint(parts.model, path);
  const auto restored = train::load_training_checkpoint(path, parts);
  const auto& bookkeeping = restored.bookkeeping;
  progress.completed_epochs = restored.completed_epochs;
  progress.generation = bookkeeping.at("generation");
  progress.best_mass_distance = train::number_from_json(bookkeeping.at("best_mass_distance"));
  progress.best_epoch = bookkeeping.at("best_epoch").get<int>();
  progress.average_images = bookkeeping.at("average_images");
  progress.distributions = bookkeeping.at("distributions");
  std::istringstream(restored.shuffle_engine) >> progress.shuffle_engine;
  const auto recorded = progress.generation.contains("epoch") ? progress.generation.at("epoch").size() : 0;
  if (static_cast<int>(recorded) != progress.completed_epochs)
    throw core::InputError(fmt::format("{}: it holds {} epochs but a history of {}: delete it to train from scratch",
                                       path.string(), progress.completed_epochs, recorded));
}

// The per-epoch metrics of the epochs in the generation curve (those read back from last.pt, when resuming).
void record_epoch_metrics(const nlohmann::json& generation, std::size_t index, store::RunOutcome& outcome) {
  const int epoch = generation.at("epoch").at(index).get<int>();
  for (const auto* name : {"mass", "pt", "tau21"})
    outcome.metrics.push_back({"val", std::string(name) + "_distance",
                               generation.at(std::string(name) + "_distance").at(index).get<double>(), epoch});
}

}  // namespace

recipe::Schema generate_options() {
  using recipe::Field;
  using recipe::Schema;
  return Schema::map({
      Field::defaulted("evaluate_jets", Schema::integer().min(10), 2000,
                       "real and generated jets compared after each epoch (at most the test split)"),
      Field::defaulted("pixel_scale", Schema::number().greater_than(0), 100.0,
                       "the networks see pixels divided by this (GeV; LAGAN used 100)"),
      Field::defaulted("generator_steps", Schema::integer().min(1), 2,
                       "generator updates per discriminator update (LAGAN used 2)"),
  });
}

store::RunOutcome run_generate(const ExperimentContext& context) {
  const auto& config = context.run.config;
  const auto say = say_for(context);
  const auto device = configure_compute(config.at("train"));
  auto data = prepare_data(context);
  const auto& shape = data->dataset.shape;
  if (shape.channels != 1)
    throw core::InputError(fmt::format("images.channels: the generate experiment makes one-channel images (LAGAN); "
                                       "the dataset has {}", shape.channels));
  const auto& loss_config = config.at("loss");
  if (loss_config.at("name") != "gan")
    throw core::InputError("loss: the generate experiment trains with loss: {name: gan} (got " +
                           loss_config.at("name").get<std::string>() + ")");
  const auto loss = losses::make_loss(loss_config);
  const auto gan_options = dynamic_cast<const losses::GanLoss&>(*loss).options();

  auto network = build_network(config.at("model"), input_spec_for(*data, {}, 1), context.run.seed,
                               models::NetworkKind::gan, "generate");
  auto gan = std::dynamic_pointer_cast<models::GanImpl>(network);
  JETSTUDY_CHECK(gan != nullptr, "a gan architecture must build a models::GanImpl");
  gan->to(device);
  say(fmt::format("model: {} ({} parameters)", gan->description(), models::count_parameters(*gan)));
  auto generator_optimizer = train::make_optimizer(config.at("train").at("optimizer"), gan->generator().parameters());
  auto discriminator_optimizer =
      train::make_optimizer(config.at("train").at("optimizer"), gan->discriminator().parameters());

  // The networks see pixels divided by pixel_scale (LAGAN: 100 GeV); observables are computed after multiplying
  // back.
  const double scale = config.at("experiment").at("pixel_scale").get<double>();
  const int generator_steps = config.at("experiment").at("generator_steps").get<int>();
  const auto real_train = data->train.images / scale;
  const auto train_labels = data->train.targets;

  const auto images_config = images::image_spec_from_json(config.at("images"));
  const double radius = config.at("data").at("jets").at("R").get<double>();
  const std::int64_t n_eval =
      std::min<std::int64_t>(config.at("experiment").at("evaluate_jets").get<std::int64_t>(), data->test.size());
  RealSample real{data->test.images.slice(0, 0, n_eval) / scale, data->test.targets.slice(0, 0, n_eval), {}};
  real.observables = pixel_observables(to_floats(real.images * scale), n_eval, shape.height, shape.width,
                                       images_config.extent, radius);

  const auto batch_size = config.at("train").at("batch").get<std::int64_t>();
  const int epochs = config.at("train").at("epochs").get<int>();
  GenerateProgress progress;
  progress.shuffle_engine.seed(static_cast<std::uint64_t>(context.run.seed));
  torch::manual_seed(static_cast<std::uint64_t>(context.run.seed) + 1);

  // A run that was interrupted or killed continues from last.pt (--force has deleted it), restoring every generator
  // after the seeds above, so on the CPU it ends with the numbers of a run that never stopped.
  const auto parts = training_parts(*gan, *generator_optimizer, *discriminator_optimizer, device);
  const auto last = context.run_directory / "last.pt";
  if (std::filesystem::exists(last)) {
    load_progress(last, parts, progress);
    say(fmt::format("resuming from last.pt at epoch {}", progress.completed_epochs));
  }

  // The coordinator's ASHA stops a GAN as it stops a Trainer run, through the same hook (run_setup.h), asked after
  // every epoch that another would follow, once last.pt holds it and the epoch is reported, and by a resumed run
  // before it trains on.
  const auto stop_requested = scheduler_stop_hook(context.run_directory, say);
  int stopped_at_epoch = 0;
  const auto scheduler_stops = [&](int trained) {
    if (trained >= epochs || !stop_requested(trained)) return false;
    stopped_at_epoch = trained;
    return true;
  };

  store::RunOutcome outcome;
  for (std::size_t i = 0; i < static_cast<std::size_t>(progress.completed_epochs); ++i)
    record_epoch_metrics(progress.generation, i, outcome);
  auto& generation = progress.generation;
  const bool stopped_before = progress.completed_epochs > 0 && scheduler_stops(progress.completed_epochs);
  for (int epoch = progress.completed_epochs + 1; !stopped_before && epoch <= epochs; ++epoch) {
    const auto started = std::chrono::steady_clock::now();
    gan->train();
    std::vector<std::int64_t> order(static_cast<std::size_t>(real_train.size(0)));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), progress.shuffle_engine);
    const auto order_tensor = torch::from_blob(order.data(), {static_cast<std::int64_t>(order.size())}, torch::kInt64);
    double discriminator_sum = 0, generator_sum = 0;
    std::int64_t batches = 0;
    for (std::int64_t begin = 0; begin + 1 < real_train.size(0); begin += batch_size) {
      core::throw_if_interrupted();
      const auto rows = order_tensor.slice(0, begin, std::min(begin + batch_size, real_train.size(0)));
      const auto images = real_train.index_select(0, rows).to(device);
      const auto labels = train_labels.index_select(0, rows).to(device);
      const auto n = images.size(0);
      const auto z = torch::randn({n, gan->latent_size()}, torch::TensorOptions().device(device));
      const auto fake_labels = torch::randint(0, 2, {n}, torch::TensorOptions().device(device)).to(torch::kFloat32);
      const auto fake = gan->generate(z, fake_labels);

      discriminator_optimizer->zero_grad();
      const auto [real_logits, real_class] = gan->discriminate(images);
      const auto [fake_logits_detached, fake_class_detached] = gan->discriminate(fake.detach());
      const auto discriminator_loss = losses::discriminator_loss(
          {real_logits, fake_logits_detached, real_class, fake_class_detached, labels, fake_labels}, gan_options);
      discriminator_loss.backward();
      discriminator_optimizer->step();

      torch::Tensor generator_loss;
      for (int step = 0; step < generator_steps; ++step) {
        generator_optimizer->zero_grad();
        const auto regenerated = step == 0 ? fake : gan->generate(torch::randn_like(z), fake_labels);
        const auto [fake_logits, fake_class] = gan->discriminate(regenerated);
        generator_loss = losses::generator_loss(
            {real_logits.detach(), fake_logits, real_class.detach(), fake_class, labels, fake_labels}, gan_options);
        generator_loss.backward();
        generator_optimizer->step();
      }

      const double d = discriminator_loss.item<double>(), g = generator_loss.item<double>();
      if (!std::isfinite(d) || !std::isfinite(g))
        throw std::runtime_error(fmt::format("GAN loss is not finite at epoch {}, step {} (discriminator {}, generator "
                                             "{}): stopping; the last good checkpoint is kept",
                                             epoch, batches + 1, d, g));
      discriminator_sum += d;
      generator_sum += g;
      ++batches;
    }

    // Generate as many jets per class as the real comparison sample has, and compare.
    torch::Tensor generated;
    {
      torch::NoGradGuard no_grad;
      gan->eval();
      const auto z = torch::randn({n_eval, gan->latent_size()}, torch::TensorOptions().device(device));
      generated = gan->generate(z, real.labels.to(device)).to(torch::kCPU);
    }
    const auto observables = pixel_observables(to_floats(generated * scale), n_eval, shape.height, shape.width,
                                               images_config.extent, radius);
    const auto distances = observable_distances(observables, real.observables);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const double mass_distance = distances.at("mass").get<double>();
    generation["epoch"].push_back(epoch);
    generation["discriminator_loss"].push_back(discriminator_sum / std::max<std::int64_t>(batches, 1));
    generation["generator_loss"].push_back(generator_sum / std::max<std::int64_t>(batches, 1));
    for (const auto& name : {"pt", "mass", "tau21"}) generation[std::string(name) + "_distance"].push_back(distances.at(name));
    record_epoch_metrics(generation, generation.at("epoch").size() - 1, outcome);
    progress.completed_epochs = epoch;
    // best.pt before last.pt: a run killed between the two retrains this epoch and writes the same best.pt again.
    if (mass_distance < progress.best_mass_distance) {
      progress.best_mass_distance = mass_distance;
      progress.best_epoch = epoch;
      train::save_checkpoint(*gan, context.run_directory / "best.pt");
      const auto signal = real.labels > 0.5, background = real.labels < 0.5;
      progress.average_images = {{"epoch", epoch},
                                 {"real_signal", average_image(real.images.index({signal}) * scale)},
                                 {"real_background", average_image(real.images.index({background}) * scale)},
                                 {"generated_signal", average_image(generated.index({signal}) * scale)},
                                 {"generated_background", average_image(generated.index({background}) * scale)}};
      progress.distributions = observable_histograms(observables, real.observables, kDistributionBins);
      progress.distributions["epoch"] = epoch;
      progress.distributions["jets"] = n_eval;
    }
    save_progress(last, parts, progress);
    // Named as the store keeps them (val_<metric>), so that a sweep's ASHA can monitor val_mass_distance.
    context.status.epoch_finished(context.progress, epoch, epochs,
                                  {{"d_loss", generation["discriminator_loss"].back()},
                                   {"g_loss", generation["generator_loss"].back()},
                                   {"val_mass_distance", mass_distance},
                                   {"val_pt_distance", distances.at("pt").get<double>()},
                                   {"val_tau21_distance", distances.at("tau21").get<double>()},
                                   {"seconds", seconds}});
    if (scheduler_stops(epoch)) break;
  }

  const double best_mass_distance = progress.best_mass_distance;
  const int best_epoch = progress.best_epoch;
  if (best_epoch > 0) outcome.curves.push_back({"average_images", progress.average_images});

  outcome.metrics.push_back({"test", "mass_distance", best_mass_distance, std::nullopt});
  outcome.metrics.push_back({"train", "best_epoch", static_cast<double>(best_epoch), std::nullopt});
  outcome.metrics.push_back({"model", "parameters", static_cast<double>(models::count_parameters(*gan)), std::nullopt});
  if (stopped_at_epoch > 0) {
    say(fmt::format("stopped after epoch {} on the scheduler's request (ASHA)", stopped_at_epoch));
    outcome.metrics.push_back({"train", "stopped_at_epoch", static_cast<double>(stopped_at_epoch), std::nullopt});
  }
  outcome.curves.push_back({"generation", generation});
  if (best_epoch > 0) outcome.curves.push_back({"generation_distributions", progress.distributions});
  keep_checkpoints(context, outcome);
  say(fmt::format("closest generated mass distribution at epoch {}: earth mover's distance {:.2f} GeV", best_epoch,
                  best_mass_distance));
  return outcome;
}

}  // namespace jetstudy::experiments
