#include "toolkit/train/checkpoint.h"

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"

namespace jetstudy::train {

void save_checkpoint(torch::nn::Module& module, const std::filesystem::path& path) {
  core::produce_file_atomically(path, [&](const std::filesystem::path& temporary) {
    torch::serialize::OutputArchive archive;
    module.save(archive);
    archive.save_to(temporary.string());
  });
}

void load_checkpoint(torch::nn::Module& module, const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) throw core::InputError(path.string() + ": checkpoint not found");
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path.string());
    module.load(archive);
  } catch (const c10::Error& error) {
    throw core::InputError(path.string() + ": cannot load checkpoint into this model: " + error.what_without_backtrace());
  }
}

}  // namespace jetstudy::train
