#include "toolkit/data/predictions_file.h"

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/data/hdf5_lock.h"

namespace jetstudy::data {
namespace {

constexpr long kPredictionsFormatVersion = 1;

}  // namespace

void write_predictions_file(const std::filesystem::path& path, const Predictions& predictions) {
  const auto n = static_cast<hsize_t>(predictions.scores.size());
  JETSTUDY_CHECK(predictions.labels.size() == n, "one label per score");
  core::produce_file_atomically(path, [&](const std::filesystem::path& temporary) {
    const auto lock = lock_hdf5();
    core::hdf5::Handle file(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) core::hdf5::fail(temporary, "cannot create HDF5 file");
    core::hdf5::write_long_attribute(file.get(), "format_version", kPredictionsFormatVersion, temporary);
    core::hdf5::write_string_attribute(file.get(), "dataset", predictions.dataset_hash, temporary);
    core::hdf5::write_floats(file.get(), "score", {n}, predictions.scores, temporary);
    core::hdf5::write_floats(file.get(), "label", {n}, predictions.labels, temporary);
    core::hdf5::Handle observers(H5Gcreate2(file.get(), "observers", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    for (const auto& [name, values] : predictions.observers) {
      JETSTUDY_CHECK(values.size() == n, "one observer value per score");
      core::hdf5::write_floats(observers.get(), name.c_str(), {n}, values, temporary);
    }
  });
}

Predictions read_predictions_file(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) core::hdf5::fail(path, "predictions file not found");
  const auto lock = lock_hdf5();
  return core::hdf5::quietly([&] {
    core::hdf5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) core::hdf5::fail(path, "not an HDF5 file (corrupt or truncated)");
    if (core::hdf5::read_long_attribute(file.get(), "format_version", path) != kPredictionsFormatVersion)
      core::hdf5::fail(path, "predictions written by another format version");
    Predictions predictions;
    predictions.dataset_hash = core::hdf5::read_string_attribute(file.get(), "dataset", path);
    core::hdf5::read_floats(file.get(), "score", predictions.scores, path, "/score");
    core::hdf5::read_floats(file.get(), "label", predictions.labels, path, "/label");
    if (predictions.labels.size() != predictions.scores.size()) core::hdf5::fail(path, "/label and /score differ in length");
    core::hdf5::Handle observers(H5Gopen2(file.get(), "observers", H5P_DEFAULT), H5Gclose);
    if (!observers.valid()) core::hdf5::fail(path, "group /observers is missing");
    for (const auto& name : core::hdf5::member_names(observers.get()))
      core::hdf5::read_floats(observers.get(), name, predictions.observers[name], path, "/observers/" + name);
    return predictions;
  });
}

}  // namespace jetstudy::data
