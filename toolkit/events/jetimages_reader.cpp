#include "toolkit/events/jetimages_reader.h"

#include <algorithm>

#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"

namespace jetstudy::events {
namespace {

namespace h5 = core::hdf5;

const char* const kRequiredObservers[] = {"jet_pt", "jet_eta", "jet_phi", "jet_mass", "tau_21"};

std::string shape_text(const std::vector<hsize_t>& dims) {
  std::string text;
  for (const auto d : dims) text += (text.empty() ? "" : " x ") + std::to_string(d);
  return text.empty() ? "scalar" : text;
}

}  // namespace

struct JetImagesReader::State {
  h5::Handle file{-1, H5Fclose};
  h5::Handle image{-1, H5Dclose};
  h5::Handle signal{-1, H5Dclose};
  std::vector<h5::Handle> observers;  // in observer_names_ order
};

JetImagesReader::JetImagesReader(std::filesystem::path path, std::size_t chunk_jets, JetImagePixels pixels)
    : state_(std::make_unique<State>()),
      path_(std::move(path)),
      chunk_jets_(std::max<std::size_t>(chunk_jets, 1)),
      pixels_(pixels) {
  auto& s = *state_;
  h5::quietly([&] {
    s.file = h5::open_file_read_only(path_);
    const hid_t root = s.file.get();
    if (H5Lexists(root, "image", H5P_DEFAULT) <= 0) {
      h5::fail(path_, "key 'image' is missing (a jet-images file holds 'image' N x 25 x 25, 'signal', 'jet_pt', "
                      "'jet_eta', 'jet_phi', 'jet_mass', 'tau_21')");
    }
    s.image = h5::open_dataset(root, "image", path_, "'image'");
    const auto image_dims = h5::dataset_dims(s.image.get());
    if (image_dims.size() != 3 || image_dims[1] == 0 || image_dims[2] == 0) {
      h5::fail(path_, "key 'image' has shape " + shape_text(image_dims) + ", expected N x H x W (e.g. N x 25 x 25)");
    }
    jets_ = image_dims[0];
    height_ = image_dims[1];
    width_ = image_dims[2];
    const auto per_jet = [&](const std::string& name) {
      auto dataset = h5::open_dataset(root, name, path_, "'" + name + "'");
      const auto dims = h5::dataset_dims(dataset.get());
      if (dims.size() != 1 || dims[0] != jets_) {
        h5::fail(path_, "key '" + name + "' has shape " + shape_text(dims) + ", expected " + std::to_string(jets_) +
                            " values (one per image)");
      }
      return dataset;
    };
    s.signal = per_jet("signal");
    for (const char* name : kRequiredObservers) {
      observer_names_.emplace_back(name);
      s.observers.push_back(per_jet(name));
    }
    // Any other 1-D numeric dataset with one value per jet is an observer too.
    for (const auto& name : h5::member_names(root)) {
      if (name == "image" || name == "signal" ||
          std::find(observer_names_.begin(), observer_names_.end(), name) != observer_names_.end()) {
        continue;
      }
      {
        h5::Handle object(H5Oopen(root, name.c_str(), H5P_DEFAULT), H5Oclose);
        if (!object.valid() || H5Iget_type(object.get()) != H5I_DATASET) continue;  // a group, say
      }
      auto dataset = h5::open_dataset(root, name, path_, "'" + name + "'");
      h5::Handle type(H5Dget_type(dataset.get()), H5Tclose);
      const auto kind = H5Tget_class(type.get());
      const auto dims = h5::dataset_dims(dataset.get());
      if ((kind != H5T_FLOAT && kind != H5T_INTEGER) || dims.size() != 1 || dims[0] != jets_) continue;
      observer_names_.push_back(name);
      s.observers.push_back(std::move(dataset));
    }
  });
}

JetImagesReader::~JetImagesReader() = default;

std::optional<JetImageBatch> JetImagesReader::next_chunk() {
  if (next_jet_ >= jets_) return std::nullopt;
  auto& s = *state_;
  const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_jets_, jets_ - next_jet_));
  JetImageBatch batch;
  batch.first = next_jet_;
  batch.height = height_;
  batch.width = width_;
  if (pixels_ == JetImagePixels::read) batch.images.resize(count * height_ * width_);
  batch.labels.resize(count);
  h5::quietly([&] {
    if (pixels_ == JetImagePixels::read) {
      h5::read_rows(s.image.get(), H5T_NATIVE_FLOAT, next_jet_, count, batch.images.data(), path_, "'image'");
    }
    h5::read_rows(s.signal.get(), H5T_NATIVE_FLOAT, next_jet_, count, batch.labels.data(), path_, "'signal'");
    for (std::size_t k = 0; k < observer_names_.size(); ++k) {
      auto& values = batch.observers[observer_names_[k]];
      values.resize(count);
      h5::read_rows(s.observers[k].get(), H5T_NATIVE_FLOAT, next_jet_, count, values.data(), path_,
                    "'" + observer_names_[k] + "'");
    }
  });
  next_jet_ += count;
  return batch;
}

JetImageBatch read_jet_images(const std::filesystem::path& path) {
  JetImagesReader reader(path, 1 << 30);
  auto batch = reader.next_chunk();
  if (batch) return std::move(*batch);
  JetImageBatch empty;
  empty.height = reader.height();
  empty.width = reader.width();
  return empty;
}

}  // namespace jetstudy::events
