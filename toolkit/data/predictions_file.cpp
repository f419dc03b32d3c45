#include "toolkit/data/predictions_file.h"

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/data/hdf5_file.h"

namespace jetstudy::data {
namespace {

constexpr long kPredictionsFormatVersion = 1;

}  // namespace

void write_predictions_file(const std::filesystem::path& path, const Predictions& predictions) {
  const auto n = static_cast<hsize_t>(predictions.scores.size());
  JETSTUDY_CHECK(predictions.labels.size() == n, "one label per score");
  core::produce_file_atomically(path, [&](const std::filesystem::path& temporary) {
    hdf5::Handle file(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) hdf5::fail(temporary, "cannot create HDF5 file");
    hdf5::write_long_attribute(file.get(), "format_version", kPredictionsFormatVersion, temporary);
    hdf5::write_string_attribute(file.get(), "dataset", predictions.dataset_hash, temporary);
    hdf5::write_floats(file.get(), "score", {n}, predictions.scores, temporary);
    hdf5::write_floats(file.get(), "label", {n}, predictions.labels, temporary);
    hdf5::Handle observers(H5Gcreate2(file.get(), "observers", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    for (const auto& [name, values] : predictions.observers) {
      JETSTUDY_CHECK(values.size() == n, "one observer value per score");
      hdf5::write_floats(observers.get(), name.c_str(), {n}, values, temporary);
    }
  });
}

Predictions read_predictions_file(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) hdf5::fail(path, "predictions file not found");
  return hdf5::quietly([&] {
    hdf5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) hdf5::fail(path, "not an HDF5 file (corrupt or truncated)");
    if (hdf5::read_long_attribute(file.get(), "format_version", path) != kPredictionsFormatVersion)
      hdf5::fail(path, "predictions written by another format version");
    Predictions predictions;
    predictions.dataset_hash = hdf5::read_string_attribute(file.get(), "dataset", path);
    hdf5::read_floats(file.get(), "score", predictions.scores, path, "/score");
    hdf5::read_floats(file.get(), "label", predictions.labels, path, "/label");
    if (predictions.labels.size() != predictions.scores.size()) hdf5::fail(path, "/label and /score differ in length");
    hdf5::Handle observers(H5Gopen2(file.get(), "observers", H5P_DEFAULT), H5Gclose);
    if (!observers.valid()) hdf5::fail(path, "group /observers is missing");
    for (const auto& name : hdf5::member_names(observers.get()))
      hdf5::read_floats(observers.get(), name, predictions.observers[name], path, "/observers/" + name);
    return predictions;
  });
}

}  // namespace jetstudy::data
