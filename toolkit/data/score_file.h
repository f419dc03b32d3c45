// Per-jet scores of a tagger trained elsewhere, read from the file it wrote: an HDF5 dataset, a NumPy .npy array
// or a CSV column (docs/formats.md "Imported scores"), for the common-test-set comparison of taggers
// (top-tagging community study, arXiv:1902.09914). One score per jet, larger = more signal-like.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace jetstudy::data {

enum class ScoreFormat { hdf5, npy, csv };

// The format from the file's first bytes: the HDF5 signature, the NPY magic "\x93NUMPY", anything else CSV.
// Throws core::InputError "<path>: scores file not found" when it does not exist.
ScoreFormat detect_score_format(const std::filesystem::path& path);

// Reads the scores of `path` in the detected format. `column` chooses what to read:
//   HDF5: a dataset path ("scores", "/tagger/output"); empty: the file's only 1-D (or N x 1) numeric dataset.
//   NPY:  must be empty (an .npy file holds one array).
//   CSV:  a header name, or a 0-based index for a file without a header row; empty: the file's only column.
// Throws core::InputError naming the file for a missing file, an unknown column or dataset (listing those there
// are), an unsupported NPY dtype or shape, a value that is not a number, and scores that are NaN or infinite
// (how many, and the first one's row).
std::vector<double> read_score_file(const std::filesystem::path& path, const std::string& column = "");

// The readers behind read_score_file (without the finiteness check).
std::vector<double> read_hdf5_scores(const std::filesystem::path& path, const std::string& dataset = "");
// Little-endian float32 / float64, shape (N,) or (N, 1), NPY format versions 1, 2 and 3.
std::vector<double> read_npy_scores(const std::filesystem::path& path);
// Comma-separated (or tab-separated when the first line has tabs and no commas); blank lines and lines starting
// with '#' are skipped; the first row is a header when one of its fields is not a number.
std::vector<double> read_csv_scores(const std::filesystem::path& path, const std::string& column = "");

// Throws core::InputError "<path>: 3 of 400 scores are not finite (NaN or infinite); the first is row 17 (0-based)"
// when any value is NaN or infinite.
void check_scores_finite(const std::filesystem::path& path, const std::vector<double>& scores);

}  // namespace jetstudy::data
