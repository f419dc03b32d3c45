#include "toolkit/images/jet_constituents_file.h"

#include <hdf5.h>

#include <cstdint>
#include <string>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/hdf5_file.h"

namespace jetstudy::images {
namespace {

namespace h5 = core::hdf5;

// A contiguous 1-D dataset holding `values` (the file is written once and read whole, so no chunks).
template <typename T>
void write_column(hid_t group, const char* name, hid_t file_type, hid_t memory_type, const std::vector<T>& values,
                  const std::filesystem::path& path) {
  const hsize_t size = values.size();
  h5::Handle space(H5Screate_simple(1, &size, nullptr), H5Sclose);
  h5::Handle dataset(H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                     H5Dclose);
  if (!dataset.valid()) h5::fail(path, std::string("cannot create dataset ") + name);
  if (size == 0) return;
  if (H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    h5::fail(path, std::string("cannot write dataset ") + name + " (disk full?)");
  }
}

// The whole 1-D dataset group/name converted to `memory_type`.
template <typename T>
std::vector<T> read_column(hid_t group, const std::string& name, hid_t memory_type, const std::filesystem::path& path,
                           const std::string& where) {
  const auto dataset = h5::open_dataset(group, name, path, where);
  const auto dims = h5::dataset_dims(dataset.get());
  if (dims.size() != 1) h5::fail(path, "dataset " + where + " is not a 1-D array");
  std::vector<T> values(dims[0]);
  h5::read_rows(dataset.get(), memory_type, 0, dims[0], values.data(), path, where);
  return values;
}

h5::Handle open_group(hid_t file, const char* name, const std::filesystem::path& path) {
  if (H5Lexists(file, name, H5P_DEFAULT) <= 0) h5::fail(path, std::string("group /") + name + " is missing");
  h5::Handle group(H5Gopen2(file, name, H5P_DEFAULT), H5Gclose);
  if (!group.valid()) h5::fail(path, std::string("cannot open group /") + name);
  return group;
}

}  // namespace

void write_jet_constituents_file(const std::filesystem::path& path, const std::vector<jets::Jet>& jets) {
  std::vector<double> jet_pt, jet_eta, jet_phi, pt, eta, phi;
  std::vector<std::uint64_t> offset{0};
  jet_pt.reserve(jets.size());
  jet_eta.reserve(jets.size());
  jet_phi.reserve(jets.size());
  offset.reserve(jets.size() + 1);
  for (const auto& jet : jets) {
    jet_pt.push_back(jet.pt);
    jet_eta.push_back(jet.eta);
    jet_phi.push_back(jet.phi);
    for (const auto& c : jet.constituents) {
      pt.push_back(c.pt);
      eta.push_back(c.eta);
      phi.push_back(c.phi);
    }
    offset.push_back(pt.size());
  }
  core::produce_file_atomically(path, [&](const std::filesystem::path& temporary) {
    h5::quietly([&] {
      h5::Handle file(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
      if (!file.valid()) h5::fail(path, "cannot create the file (is the directory writable?)");
      h5::write_string_attribute(file.get(), "format", kJetConstituentsFormat, path);
      h5::write_long_attribute(file.get(), "format_version", kJetConstituentsFormatVersion, path);
      h5::Handle jet_group(H5Gcreate2(file.get(), "jets", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
      h5::Handle constituent_group(H5Gcreate2(file.get(), "constituents", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                   H5Gclose);
      if (!jet_group.valid() || !constituent_group.valid()) h5::fail(path, "cannot create groups");
      write_column(jet_group.get(), "pt", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, jet_pt, path);
      write_column(jet_group.get(), "eta", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, jet_eta, path);
      write_column(jet_group.get(), "phi", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, jet_phi, path);
      write_column(jet_group.get(), "offset", H5T_STD_U64LE, H5T_NATIVE_UINT64, offset, path);
      write_column(constituent_group.get(), "pt", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, pt, path);
      write_column(constituent_group.get(), "eta", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, eta, path);
      write_column(constituent_group.get(), "phi", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, phi, path);
    });
  });
}

std::vector<jets::Jet> read_jet_constituents_file(const std::filesystem::path& path) {
  return h5::quietly([&] {
    if (H5Fis_hdf5(path.c_str()) <= 0) {
      h5::fail(path, "is not a readable HDF5 file (expected a jet-constituents file written by jetstudy)");
    }
    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file.valid()) h5::fail(path, "cannot open the file");
    const auto format = h5::read_string_attribute(file.get(), "format", path);
    if (format != kJetConstituentsFormat) {
      h5::fail(path, "format is '" + format + "', expected '" + kJetConstituentsFormat + "'");
    }
    const long version = h5::read_long_attribute(file.get(), "format_version", path);
    if (version != kJetConstituentsFormatVersion) {
      h5::fail(path, "format_version is " + std::to_string(version) + ", this jetstudy reads version " +
                         std::to_string(kJetConstituentsFormatVersion));
    }
    const auto jet_group = open_group(file.get(), "jets", path);
    const auto constituent_group = open_group(file.get(), "constituents", path);
    const auto jet_pt = read_column<double>(jet_group.get(), "pt", H5T_NATIVE_DOUBLE, path, "/jets/pt");
    const auto jet_eta = read_column<double>(jet_group.get(), "eta", H5T_NATIVE_DOUBLE, path, "/jets/eta");
    const auto jet_phi = read_column<double>(jet_group.get(), "phi", H5T_NATIVE_DOUBLE, path, "/jets/phi");
    const auto offset = read_column<std::uint64_t>(jet_group.get(), "offset", H5T_NATIVE_UINT64, path, "/jets/offset");
    const auto pt = read_column<double>(constituent_group.get(), "pt", H5T_NATIVE_DOUBLE, path, "/constituents/pt");
    const auto eta = read_column<double>(constituent_group.get(), "eta", H5T_NATIVE_DOUBLE, path, "/constituents/eta");
    const auto phi = read_column<double>(constituent_group.get(), "phi", H5T_NATIVE_DOUBLE, path, "/constituents/phi");

    const std::size_t n = jet_pt.size();
    if (jet_eta.size() != n || jet_phi.size() != n || offset.size() != n + 1) {
      h5::fail(path, "/jets/pt, eta, phi must have N entries and /jets/offset N + 1 (N = " + std::to_string(n) + ")");
    }
    if (eta.size() != pt.size() || phi.size() != pt.size()) {
      h5::fail(path, "/constituents/pt, eta and phi differ in length");
    }
    if (offset.front() != 0 || offset.back() != pt.size()) {
      h5::fail(path, "/jets/offset must run from 0 to the number of constituents (" + std::to_string(pt.size()) + ")");
    }
    std::vector<jets::Jet> jets(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (offset[i + 1] < offset[i]) h5::fail(path, "/jets/offset decreases at jet " + std::to_string(i));
      auto& jet = jets[i];
      jet.pt = jet_pt[i];
      jet.eta = jet_eta[i];
      jet.phi = jet_phi[i];
      jet.constituents.reserve(offset[i + 1] - offset[i]);
      for (auto k = offset[i]; k < offset[i + 1]; ++k) {
        jets::Constituent constituent;
        constituent.pt = pt[k];
        constituent.eta = eta[k];
        constituent.phi = phi[k];
        jet.constituents.push_back(constituent);
      }
    }
    return jets;
  });
}

}  // namespace jetstudy::images
