#include "toolkit/data/dataset_cache.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/canonical_json.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/dataset_spec.h"
#include "toolkit/images/image_builder.h"

namespace jetstudy::data {
namespace {

// The cached file if it is a complete dataset of exactly this spec; otherwise nothing, and `why` says why.
std::optional<JetDataset> load_if_usable(const std::filesystem::path& file, const DatasetSpec& spec,
                                         const ImageShape& shape, TrainImages train_images, std::string& why) {
  JetDataset dataset;
  try {
    dataset = read_dataset_file(file, train_images);
  } catch (const core::InputError& error) {
    why = error.what();
    return std::nullopt;
  }
  if (dataset.hash != spec.hash) {
    why = "its hash " + dataset.hash + " is not the spec's";
    return std::nullopt;
  }
  if (!(dataset.shape == shape)) {
    why = fmt::format("its images are {}x{}x{}, the spec asks for {}x{}x{}", dataset.shape.channels,
                      dataset.shape.height, dataset.shape.width, shape.channels, shape.height, shape.width);
    return std::nullopt;
  }
  const ImageShape event_shape = spec.event_images ? ImageShape{static_cast<std::int64_t>(spec.event_images->channels.size()),
                                                                 spec.event_images->eta_pixels, spec.event_images->phi_pixels}
                                                    : ImageShape{};
  if (!(dataset.event_shape == event_shape)) {
    why = fmt::format("its event images are {}x{}x{}, the spec asks for {}x{}x{}", dataset.event_shape.channels,
                      dataset.event_shape.height, dataset.event_shape.width, event_shape.channels, event_shape.height,
                      event_shape.width);
    return std::nullopt;
  }
  if (dataset.classes != class_names(spec.source)) {
    why = "its classes are not the spec's";
    return std::nullopt;
  }
  const auto* generator = std::get_if<GeneratorSource>(&spec.source);
  if (generator && !spec.balance && !spec.downsample && dataset.train.size + dataset.val.size + dataset.test.size != generator->jets) {
    why = "it holds another number of jets than the spec asks for";
    return std::nullopt;
  }
  if (dataset.pixel_mean.empty() != spec.images.dataset_steps.empty()) {
    why = "its standardisation statistics do not match the images block";
    return std::nullopt;
  }
  for (const auto& name : spec.observers) {
    if (!dataset.train.observers.contains(name)) {
      why = "observer '" + name + "' is missing";
      return std::nullopt;
    }
  }
  return dataset;
}

// An exclusive flock(2) on <cache file>.lock while a dataset is looked up and, if need be, built: when several
// workers of a pool need the same dataset at once, one builds it and the others wait, then read it. The lock
// dies with its process, so a killed builder never blocks the others. Waiting polls, so Ctrl-C still stops it.
class CacheLock {
 public:
  explicit CacheLock(const std::filesystem::path& dataset_file, const std::function<void(const std::string&)>& say) {
    const auto path = dataset_file.string() + ".lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw core::InputError(path + ": cannot create the dataset cache lock: " + std::strerror(errno));
    bool told = false;
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR) {
        const int saved = errno;
        ::close(fd_);
        throw core::InputError(path + ": cannot lock the dataset cache: " + std::strerror(saved));
      }
      if (!told && say) say("waiting for another process that builds this dataset (" + path + ")");
      told = true;
      if (core::interrupt_requested()) {
        ::close(fd_);
        throw core::Interrupted();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~CacheLock() { ::close(fd_); }  // closing releases the lock
  CacheLock(const CacheLock&) = delete;
  CacheLock& operator=(const CacheLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

std::filesystem::path dataset_cache_path(const nlohmann::json& config, const std::filesystem::path& cache_dir) {
  return cache_dir / (dataset_spec_from_json(config).hash + ".h5");
}

JetDataset build_or_load_dataset(const nlohmann::json& config, const std::filesystem::path& cache_dir,
                                 const std::function<void(const std::string&)>& progress, TrainImages train_images) {
  auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  const DatasetSpec spec = dataset_spec_from_json(config);
  const images::ImageBuilder builder(spec.images);
  ImageShape shape{builder.channels(), builder.height(), builder.width()};
  // An objects source draws one channel per object type (data.source.objects), not the images block's channels.
  if (const auto* objects = std::get_if<ObjectsSource>(&spec.source))
    shape.channels = static_cast<std::int64_t>(objects->channels.size());
  const auto file = cache_dir / (spec.hash + ".h5");
  const auto tag = "dataset " + spec.hash.substr(0, 12);
  std::filesystem::create_directories(cache_dir);
  const CacheLock lock(file, say);

  if (std::filesystem::exists(file)) {
    std::string why;
    if (auto dataset = load_if_usable(file, spec, shape, train_images, why)) {
      say(tag + ": loaded from " + file.string() +
          (train_images == TrainImages::leave_in_file ? " (training images stay in the file)" : ""));
      standardize_images(*dataset);
      return std::move(*dataset);
    }
    say(tag + ": " + file.string() + " is not usable (" + why + "); rebuilding");
  }

  say(fmt::format("{}: building {}; {}; selection {}; {}", tag, source_description(spec.source),
                  jets::JetFinder(spec.jets).description(), spec.select.description(), builder.description()));
  JetDataset dataset = build_dataset(spec, progress);
  const std::string spec_json = core::canonical_json(spec.identity);
  core::produce_file_atomically(file, [&](const std::filesystem::path& temporary) {
    write_dataset_file(temporary, dataset, spec_json);
  });
  dataset.path = file;
  if (train_images == TrainImages::leave_in_file) {  // the file holds them now; training streams them from there
    for (auto* images : {&dataset.train.images, &dataset.train.event_images}) {
      images->clear();
      images->shrink_to_fit();
    }
  }
  standardize_images(dataset);  // after writing: the file keeps the sparse images and the statistics
  say(fmt::format("{}: wrote {} ({} bytes)", tag, file.string(), std::filesystem::file_size(file)));
  return dataset;
}

}  // namespace jetstudy::data
