// Imported scores files: NPY (versions 1-3, float32/64, N or N x 1), CSV (with and without header) and HDF5 (a named
// or the only 1-D dataset) read back exactly, and bad files answered with a message naming the file.
#include <catch2/catch.hpp>
#include <hdf5.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/data/score_file.h"

using jetstudy::core::InputError;
using jetstudy::core::TempDirectory;
using namespace jetstudy::data;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// An .npy file as numpy.save writes it: magic, version, little-endian header length, the dict padded with spaces
// to a multiple of 64 bytes and ended by '\n', then the raw little-endian data.
template <typename Value>
void write_npy(const std::filesystem::path& path, const std::vector<Value>& values, const std::string& descr,
               const std::string& shape, int major = 1) {
  std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  const std::size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(major);
  bytes += '\0';
  const auto length = static_cast<std::uint32_t>(header.size());
  for (std::size_t i = 0; i < prefix - 8; ++i) bytes += static_cast<char>((length >> (8 * i)) & 0xff);
  bytes += header;
  bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(Value));
  write_text(path, bytes);
}

void write_hdf5_dataset(hid_t location, const char* name, const std::vector<hsize_t>& dims, const std::vector<double>& values) {
  const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  const hid_t dataset = H5Dcreate2(location, name, H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dwrite(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  H5Dclose(dataset);
  H5Sclose(space);
}

}  // namespace

TEST_CASE("score file: NPY float32 and float64, shapes (N,) and (N, 1), format versions 1, 2 and 3 read back exactly") {
  TempDirectory directory("npy");
  const std::vector<float> floats = {0.25f, 0.5f, 0.875f, -1.5f};
  const std::vector<double> doubles = {0.1, 0.2, 0.30000000000000004, 1e-300};

  write_npy(directory / "f4.npy", floats, "<f4", "(4,)");
  CHECK(read_score_file(directory / "f4.npy") == std::vector<double>{0.25, 0.5, 0.875, -1.5});
  CHECK(detect_score_format(directory / "f4.npy") == ScoreFormat::npy);

  write_npy(directory / "f8.npy", doubles, "<f8", "(4, 1)", 2);
  CHECK(read_score_file(directory / "f8.npy") == doubles);

  write_npy(directory / "v3.npy", doubles, "<f8", "(4,)", 3);
  CHECK(read_npy_scores(directory / "v3.npy") == doubles);
}

TEST_CASE("score file: an NPY of integers, big-endian floats or a 2-D image array is refused naming the file") {
  TempDirectory directory("npy-bad");
  write_npy(directory / "ints.npy", std::vector<std::int64_t>{1, 0, 1}, "<i8", "(3,)");
  REQUIRE_THROWS_AS(read_score_file(directory / "ints.npy"), InputError);
  CHECK_THROWS_WITH(read_score_file(directory / "ints.npy"),
                    StartsWith((directory / "ints.npy").string() + ": NPY dtype '<i8' is not supported") &&
                        Contains("'<f4' or '<f8'"));

  write_npy(directory / "big.npy", std::vector<float>{1, 2}, ">f4", "(2,)");
  CHECK_THROWS_WITH(read_score_file(directory / "big.npy"), Contains("'>f4' is not supported (big-endian)"));

  write_npy(directory / "images.npy", std::vector<float>(12, 0.0f), "<f4", "(3, 4)");
  CHECK_THROWS_WITH(read_score_file(directory / "images.npy"),
                    Contains("NPY array of shape (3, 4); scores must be one per jet, shape (N,) or (N, 1)"));

  write_npy(directory / "short.npy", std::vector<float>{1, 2}, "<f4", "(5,)");
  CHECK_THROWS_WITH(read_score_file(directory / "short.npy"),
                    Contains("truncated: the header promises 5 values (20 bytes) but 8 bytes follow"));

  write_npy(directory / "one.npy", std::vector<float>{1, 2}, "<f4", "(2,)");
  CHECK_THROWS_WITH(read_score_file(directory / "one.npy", "score"), Contains("an NPY file holds one array"));
}

TEST_CASE("score file: CSV with a header picks the named column, without one the only column or a 0-based index") {
  TempDirectory directory("csv");
  write_text(directory / "named.csv", "# exported by another framework\nid,\"score\",mass\n0,0.9,172.5\n1,0.1,40\r\n\n2,1e-3,80\n");
  CHECK(detect_score_format(directory / "named.csv") == ScoreFormat::csv);
  CHECK(read_score_file(directory / "named.csv", "score") == std::vector<double>{0.9, 0.1, 1e-3});
  CHECK(read_score_file(directory / "named.csv", "mass") == std::vector<double>{172.5, 40, 80});

  write_text(directory / "single.csv", "0.75\n+0.25\n1\n");
  CHECK(read_score_file(directory / "single.csv") == std::vector<double>{0.75, 0.25, 1.0});

  write_text(directory / "headed_single.csv", "p_top\n0.5\n0.125\n");
  CHECK(read_score_file(directory / "headed_single.csv") == std::vector<double>{0.5, 0.125});

  write_text(directory / "two.tsv", "3\t0.5\n4\t0.25\n");
  CHECK(read_score_file(directory / "two.tsv", "1") == std::vector<double>{0.5, 0.25});
}

TEST_CASE("score file: an unknown CSV column lists the columns, a word among the numbers names its line") {
  TempDirectory directory("csv-bad");
  write_text(directory / "named.csv", "id,score,mass\n0,0.9,172.5\n1,oops,40\n");
  CHECK_THROWS_WITH(read_score_file(directory / "named.csv", "scroe"),
                    (directory / "named.csv").string() +
                        ": no column 'scroe'; did you mean 'score'?; the columns are: id, score, mass");
  CHECK_THROWS_WITH(read_score_file(directory / "named.csv"),
                    Contains("3 columns (id, score, mass); choose the one with the scores (--column NAME)"));
  CHECK_THROWS_WITH(read_score_file(directory / "named.csv", "score"),
                    (directory / "named.csv").string() + ": line 3: 'oops' in column 'score' is not a number");

  write_text(directory / "plain.csv", "1,0.5\n2,0.25\n");
  CHECK_THROWS_WITH(read_score_file(directory / "plain.csv", "score"),
                    Contains("has no header row, so a column is chosen by its 0-based index (0 to 1), not 'score'"));
}

TEST_CASE("score file: NaN and infinite scores are counted and the first one's row named") {
  TempDirectory directory("nan");
  write_text(directory / "nan.csv", "score\n0.5\n0.25\nnan\n0.1\ninf\n");
  CHECK_THROWS_WITH(read_score_file(directory / "nan.csv"),
                    (directory / "nan.csv").string() +
                        ": 2 of 5 scores are not finite (NaN or infinite); the first is row 2 (0-based): nan");
  const float nan = std::numeric_limits<float>::quiet_NaN();
  write_npy(directory / "nan.npy", std::vector<float>{0.1f, 0.2f, 0.3f, nan}, "<f4", "(4,)");
  CHECK_THROWS_WITH(read_score_file(directory / "nan.npy"), Contains("1 of 4 scores are not finite") && Contains("row 3"));
}

TEST_CASE("score file: a missing file is named, an empty one holds no scores") {
  TempDirectory directory("missing");
  CHECK_THROWS_WITH(read_score_file(directory / "nope.npy"), (directory / "nope.npy").string() + ": scores file not found");
  write_text(directory / "empty.csv", "");
  CHECK_THROWS_WITH(read_score_file(directory / "empty.csv"), Contains("holds no scores"));
  write_text(directory / "header_only.csv", "score\n");
  CHECK_THROWS_WITH(read_score_file(directory / "header_only.csv"), Contains("holds no scores"));
}

TEST_CASE("score file: HDF5 reads the only 1-D dataset, or the named one, and lists the datasets otherwise") {
  TempDirectory directory("h5");
  const auto only = directory / "only.h5";
  {
    const hid_t file = H5Fcreate(only.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    const hid_t group = H5Gcreate2(file, "tagger", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    write_hdf5_dataset(group, "output", {3, 1}, {0.5, 0.25, 0.75});
    write_hdf5_dataset(file, "images", {3, 2, 2}, std::vector<double>(12, 1.0));
    H5Gclose(group);
    H5Fclose(file);
  }
  CHECK(detect_score_format(only) == ScoreFormat::hdf5);
  CHECK(read_score_file(only) == std::vector<double>{0.5, 0.25, 0.75});
  CHECK(read_score_file(only, "tagger/output") == std::vector<double>{0.5, 0.25, 0.75});
  CHECK_THROWS_WITH(read_score_file(only, "/tagger/outptu"),
                    only.string() + ": no dataset /tagger/outptu; did you mean '/tagger/output'?; its datasets: "
                                    "/images (3 x 2 x 2), /tagger/output (3 x 1)");
  CHECK_THROWS_WITH(read_score_file(only, "images"), Contains("dataset /images (3 x 2 x 2) does not hold one number per jet"));

  const auto two = directory / "two.h5";
  {
    const hid_t file = H5Fcreate(two.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    write_hdf5_dataset(file, "a", {2}, {0.1, 0.2});
    write_hdf5_dataset(file, "b", {2}, {0.3, 0.4});
    H5Fclose(file);
  }
  CHECK_THROWS_WITH(read_score_file(two), two.string() + ": 2 1-D numeric datasets; name the one with the scores "
                                                         "(--key NAME); its datasets: /a (2), /b (2)");
  CHECK(read_score_file(two, "b") == std::vector<double>{double{0.3f}, double{0.4f}});  // stored as float32
}
