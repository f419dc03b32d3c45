#include "toolkit/train/checkpoint.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ATen/Context.h>

#include <mutex>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"

namespace jetstudy::train {
namespace {

using torch::serialize::InputArchive;
using torch::serialize::OutputArchive;

// A generator's state (a byte tensor), taken and put back under its lock.
torch::Tensor generator_state(const torch::Device& device) {
  auto generator = at::globalContext().defaultGenerator(device);
  std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

void set_generator_state(const torch::Device& device, const torch::Tensor& state) {
  auto generator = at::globalContext().defaultGenerator(device);
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_state(state);
}

void write_tensors(OutputArchive& archive, const std::string& key, const std::vector<torch::Tensor>& tensors) {
  archive.write(key + "/size", torch::tensor(static_cast<std::int64_t>(tensors.size())));
  for (std::size_t i = 0; i < tensors.size(); ++i) archive.write(key + "/" + std::to_string(i), tensors[i]);
}

std::vector<torch::Tensor> read_tensors(InputArchive& archive, const std::string& key, const torch::Device& device) {
  torch::Tensor size;
  archive.read(key + "/size", size);
  std::vector<torch::Tensor> tensors(static_cast<std::size_t>(size.item<std::int64_t>()));
  for (std::size_t i = 0; i < tensors.size(); ++i) archive.read(key + "/" + std::to_string(i), tensors[i]);
  for (auto& tensor : tensors) tensor = tensor.to(device);
  return tensors;
}

void write_string(OutputArchive& archive, const std::string& key, const std::string& text) {
  archive.write(key, c10::IValue(text));
}

std::string read_string(InputArchive& archive, const std::string& key) {
  c10::IValue value;
  archive.read(key, value);
  return value.toStringRef();
}

}  // namespace

void save_checkpoint(torch::nn::Module& module, const std::filesystem::path& path) {
  core::produce_file_atomically(path, [&](const std::filesystem::path& temporary) {
    OutputArchive archive;
    module.save(archive);
    archive.save_to(temporary.string());
  });
}

void load_checkpoint(torch::nn::Module& module, const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw core::InputError(path.string() + ": checkpoint not found");
  try {
    InputArchive archive;
    archive.load_from(path.string());
    InputArchive model;
    // LibTorch's Module::load replaces each tensor whole (shape included), so a checkpoint of a network built for
    // other shapes would load silently and fail later; compare the shapes this network was built with.
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> built;
    for (const auto& item : module.named_parameters()) built.emplace_back(item.key(), item.value().sizes().vec());
    for (const auto& item : module.named_buffers()) built.emplace_back(item.key(), item.value().sizes().vec());
    module.load(archive.try_read("model", model) ? model : archive);
    std::size_t i = 0;
    for (const auto& tensors : {module.named_parameters(), module.named_buffers()}) {
      for (const auto& item : tensors) {
        const auto& [name, shape] = built[i++];
        if (item.value().sizes().vec() != shape)
          throw core::InputError(fmt::format("{}: the checkpoint's {} has shape {} but this network's has {}: it was "
                                             "saved from a network built for other input shapes or options",
                                             path.string(), name, item.value().sizes().vec(), shape));
      }
    }
  } catch (const c10::Error& error) {
    throw core::InputError(path.string() + ": cannot load checkpoint into this model: " + error.what_without_backtrace());
  }
}

void save_training_checkpoint(const std::filesystem::path& path, const TrainingParts& parts,
                              const TrainingProgress& progress) {
  core::produce_file_atomically(path, [&](const std::filesystem::path& temporary) {
    OutputArchive archive;
    const auto nest = [&](const std::string& key, const auto& save) {
      OutputArchive part(archive.compilation_unit());
      save(part);
      archive.write(key, part);
    };
    nest("model", [&](OutputArchive& part) { parts.model.save(part); });
    if (parts.optimizer) nest("optimizer", [&](OutputArchive& part) { parts.optimizer->save(part); });
    if (parts.loss_module) nest("loss_module", [&](OutputArchive& part) { parts.loss_module->save(part); });
    if (parts.loss_optimizer) nest("loss_optimizer", [&](OutputArchive& part) { parts.loss_optimizer->save(part); });
    archive.write("rng/cpu", generator_state(torch::kCPU));
    if (parts.device.is_cuda()) archive.write("rng/device", generator_state(parts.device));
    write_string(archive, "rng/shuffle_engine", progress.shuffle_engine);
    archive.write("completed_epochs", torch::tensor(static_cast<std::int64_t>(progress.completed_epochs)));
    write_string(archive, "bookkeeping", progress.bookkeeping.dump());
    write_tensors(archive, "best_weights", progress.best_weights);
    archive.save_to(temporary.string());
  });
}

TrainingProgress load_training_checkpoint(const std::filesystem::path& path, const TrainingParts& parts) {
  if (!std::filesystem::exists(path)) throw core::InputError(path.string() + ": checkpoint not found");
  try {
    InputArchive archive;
    archive.load_from(path.string());
    const auto nested = [&](const std::string& key, const auto& load) {
      InputArchive part;
      if (!archive.try_read(key, part))
        throw core::InputError(path.string() + ": the checkpoint has no " + key + " to resume from");
      load(part);
    };
    nested("model", [&](InputArchive& part) { parts.model.load(part); });
    if (parts.optimizer) nested("optimizer", [&](InputArchive& part) { parts.optimizer->load(part); });
    if (parts.loss_module) nested("loss_module", [&](InputArchive& part) { parts.loss_module->load(part); });
    if (parts.loss_optimizer) nested("loss_optimizer", [&](InputArchive& part) { parts.loss_optimizer->load(part); });

    TrainingProgress progress;
    torch::Tensor completed, cpu_state;
    archive.read("completed_epochs", completed);
    progress.completed_epochs = static_cast<int>(completed.item<std::int64_t>());
    progress.bookkeeping = nlohmann::json::parse(read_string(archive, "bookkeeping"));
    progress.shuffle_engine = read_string(archive, "rng/shuffle_engine");
    progress.best_weights = read_tensors(archive, "best_weights", parts.device);
    archive.read("rng/cpu", cpu_state);
    set_generator_state(torch::kCPU, cpu_state);
    torch::Tensor device_state;
    if (parts.device.is_cuda() && archive.try_read("rng/device", device_state))
      set_generator_state(parts.device, device_state);
    return progress;
  } catch (const c10::Error& error) {
    throw core::InputError(path.string() + ": cannot resume from this checkpoint (" + error.what_without_backtrace() +
                           "); it was written for another model or optimizer: delete it or train without resuming");
  }
}

}  // namespace jetstudy::train
