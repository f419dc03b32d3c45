// Reader of the jet-images W' -> WZ dataset ("Jet-Images -- Deep Learning Edition", de Oliveira et al.,
// arXiv:1511.05190; file jet-images_Mass60-100_pT250-300_R1.25_Pix25.hdf5): pre-made 25 x 25 images (pT per
// 0.1 x 0.1 pixel, already centred, rotated and flipped by the authors) with labels and per-jet observables.
// Keys: `image` (N x H x W), `signal` (N; 1 = W' -> WZ, 0 = QCD), `jet_pt`, `jet_eta`, `jet_phi`, `jet_mass`,
// `tau_21` (N each, required) and any other 1-D dataset of N numbers (tau_1, tau_32, deltaR, ...), kept as
// observers. Read in chunks of jets; values are converted to float32.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jetstudy::events {

struct JetImageBatch {
  std::uint64_t first = 0;             // index in the file of the batch's first jet
  std::size_t height = 0, width = 0;   // pixels (eta x phi)
  std::vector<float> images;           // size() x height x width, row-major; empty with JetImagePixels::skip
  std::vector<float> labels;           // `signal`
  std::map<std::string, std::vector<float>> observers;  // name -> one value per jet
  std::size_t size() const { return labels.size(); }
};

// Whether next_chunk() reads the images or only the labels and observers (a summary of the file needs no pixels).
enum class JetImagePixels { read, skip };

class JetImagesReader {
 public:
  // Checks every key's presence and shape up front; throws core::InputError naming file and key.
  explicit JetImagesReader(std::filesystem::path path, std::size_t chunk_jets = 4096,
                           JetImagePixels pixels = JetImagePixels::read);
  ~JetImagesReader();

  // The next chunk_jets jets (fewer at the end), or nothing when all are read.
  std::optional<JetImageBatch> next_chunk();

  std::uint64_t size() const { return jets_; }
  std::size_t height() const { return height_; }
  std::size_t width() const { return width_; }
  const std::vector<std::string>& observer_names() const { return observer_names_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::filesystem::path path_;
  std::size_t chunk_jets_;
  JetImagePixels pixels_;
  std::uint64_t jets_ = 0;
  std::uint64_t next_jet_ = 0;
  std::size_t height_ = 0, width_ = 0;
  std::vector<std::string> observer_names_;
};

// Every jet of the file in one batch.
JetImageBatch read_jet_images(const std::filesystem::path& path);

}  // namespace jetstudy::events
