// `jetstudy dataset inspect FILE`: the summary of dataset_summary.h for any file of labelled jets jetstudy reads,
// told apart by its contents:
//   - a jetstudy dataset (the cache `dataset build` writes; attributes format_version and hash);
//   - the top-tagging reference dataset (pandas key "table", arXiv:1902.09914): one jet per row, its splits by
//     ttv, labels from is_signal_new; mass, pt, tau21, tau32 and nconst computed from the row's constituents as
//     one anti-kT R = 0.8 jet (the dataset's jet definition), in parallel;
//   - the jet-images W' -> WZ file (datasets "image" and "signal", arXiv:1511.05190): one split, "all", and the
//     observers the file holds (jet_mass, jet_pt, tau_21, tau_32), no constituent count (pre-made images).
// Every other file is an InputError that says what the file is (a jetstudy event file, not HDF5, ...) and what
// inspect reads.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

namespace jetstudy::data {

// summarize_splits' JSON plus "kind" ("jetstudy dataset", "top-tagging" or "jet-images"); a jetstudy dataset
// also has summarize_dataset's "hash" and image shapes, the other two "file", "layout" (top-tagging: "fixed"
// or "table", pandas' layouts) or "image_shape" [1, H, W] (jet-images).
nlohmann::json summarize_dataset_file(const std::filesystem::path& path);

}  // namespace jetstudy::data
