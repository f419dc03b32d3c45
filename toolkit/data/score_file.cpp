#include "toolkit/data/score_file.h"

#include <fmt/format.h>
#include <hdf5.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/data/hdf5_lock.h"

namespace jetstudy::data {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
  throw core::InputError(path.string() + ": " + what);
}

void require_exists(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) fail(path, "scores file not found");
  if (std::filesystem::is_directory(path)) fail(path, "is a directory, not a scores file");
}

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) fail(path, "cannot open for reading");
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// ---- HDF5 ----------------------------------------------------------------------------------------------------

// A numeric dataset that could hold scores, as the listing in messages shows it.
struct Hdf5Candidate {
  std::string name;  // absolute, "/scores"
  std::vector<hsize_t> dims;
  bool numeric = false;

  bool one_per_jet() const { return numeric && (dims.size() == 1 || (dims.size() == 2 && dims[1] == 1)); }
  std::string describe() const {
    std::string shape;
    for (const auto d : dims) shape += (shape.empty() ? "" : " x ") + std::to_string(d);
    return name + " (" + (numeric ? shape : "not numeric") + ")";
  }
};

Hdf5Candidate describe_dataset(hid_t dataset, const std::string& name) {
  Hdf5Candidate candidate{name, {}, false};
  core::hdf5::Handle space(H5Dget_space(dataset), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  candidate.dims.resize(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), candidate.dims.data(), nullptr);
  core::hdf5::Handle type(H5Dget_type(dataset), H5Tclose);
  const auto type_class = H5Tget_class(type.get());
  candidate.numeric = type_class == H5T_FLOAT || type_class == H5T_INTEGER;
  return candidate;
}

// Every dataset in the file, depth first, groups in name order.
void collect_datasets(hid_t group, const std::string& prefix, std::vector<Hdf5Candidate>& out) {
  for (const auto& member : core::hdf5::member_names(group)) {
    core::hdf5::Handle object(H5Oopen(group, member.c_str(), H5P_DEFAULT), H5Oclose);
    if (!object.valid()) continue;  // a dangling soft or external link
    const auto name = prefix + "/" + member;
    const auto kind = H5Iget_type(object.get());
    if (kind == H5I_GROUP) collect_datasets(object.get(), name, out);
    if (kind == H5I_DATASET) out.push_back(describe_dataset(object.get(), name));
  }
}

std::vector<double> read_doubles(hid_t dataset, const Hdf5Candidate& candidate, const std::filesystem::path& path) {
  std::vector<double> values(candidate.dims.empty() ? 0 : candidate.dims[0]);
  if (!values.empty() && H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    fail(path, "cannot read dataset " + candidate.name + " (corrupt or truncated file?)");
  return values;
}

// ---- NPY ------------------------------------------------------------------------------------------------------

// The value of `key` in the NPY header (a Python dict literal such as
// {'descr': '<f4', 'fortran_order': False, 'shape': (400,), }): the text up to the next ',' outside brackets.
std::optional<std::string> npy_header_value(const std::string& header, const std::string& key) {
  for (const char quote : {'\'', '"'}) {
    const auto at = header.find(quote + key + quote);
    if (at == std::string::npos) continue;
    auto begin = header.find(':', at + key.size() + 2);
    if (begin == std::string::npos) return std::nullopt;
    ++begin;
    int depth = 0;
    auto end = begin;
    for (; end < header.size(); ++end) {
      const char c = header[end];
      if (c == '(' || c == '[') ++depth;
      if (c == ')' || c == ']') --depth;
      if ((c == ',' && depth == 0) || depth < 0) break;
    }
    auto value = header.substr(begin, end - begin);
    const auto first = value.find_first_not_of(" \t");
    const auto last = value.find_last_not_of(" \t");
    return first == std::string::npos ? "" : value.substr(first, last - first + 1);
  }
  return std::nullopt;
}

std::string unquote(const std::string& text) {
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') && text.back() == text.front())
    return text.substr(1, text.size() - 2);
  return text;
}

// "(400,)" -> {400}; "(400, 1)" -> {400, 1}; "()" -> {}.
std::vector<std::uint64_t> npy_shape(const std::string& text, const std::filesystem::path& path) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') fail(path, "NPY header has no shape tuple");
  std::vector<std::uint64_t> dims;
  std::stringstream items(text.substr(1, text.size() - 2));
  for (std::string item; std::getline(items, item, ',');) {
    const auto first = item.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    const auto last = item.find_last_not_of(" \tL");
    std::uint64_t dim = 0;
    const auto [end, error] = std::from_chars(item.data() + first, item.data() + last + 1, dim);
    if (error != std::errc() || end != item.data() + last + 1) fail(path, "NPY header has a bad shape " + text);
    dims.push_back(dim);
  }
  return dims;
}

template <typename Float>
std::vector<double> decode_little_endian(const char* bytes, std::size_t count) {
  std::vector<double> values(count);
  for (std::size_t i = 0; i < count; ++i) {
    char item[sizeof(Float)];
    std::memcpy(item, bytes + i * sizeof(Float), sizeof(Float));
    if constexpr (std::endian::native == std::endian::big) std::reverse(item, item + sizeof(Float));
    Float value;
    std::memcpy(&value, item, sizeof(Float));
    values[i] = static_cast<double>(value);
  }
  return values;
}

// ---- CSV ------------------------------------------------------------------------------------------------------

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  auto field = text.substr(first, last - first + 1);
  if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
  return field;
}

std::vector<std::string> split_fields(const std::string& line, char delimiter) {
  std::vector<std::string> fields;
  std::stringstream items(line);
  for (std::string item; std::getline(items, item, delimiter);) fields.push_back(trimmed(item));
  if (!line.empty() && line.back() == delimiter) fields.push_back("");
  return fields;
}

std::optional<double> parse_number(const std::string& field) {
  const char* begin = field.data();
  const char* end = field.data() + field.size();
  if (begin != end && *begin == '+') ++begin;
  double value = 0.0;
  const auto [stop, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || stop != end || begin == end) return std::nullopt;
  return value;
}

struct CsvLine {
  std::size_t number;  // 1-based, for messages
  std::vector<std::string> fields;
};

}  // namespace

ScoreFormat detect_score_format(const std::filesystem::path& path) {
  require_exists(path);
  std::ifstream file(path, std::ios::binary);
  if (!file) fail(path, "cannot open for reading");
  char magic[8] = {};
  file.read(magic, sizeof magic);
  const auto got = static_cast<std::size_t>(file.gcount());
  if (got == 8 && std::memcmp(magic, "\x89HDF\r\n\x1a\n", 8) == 0) return ScoreFormat::hdf5;
  if (got >= 6 && std::memcmp(magic, "\x93NUMPY", 6) == 0) return ScoreFormat::npy;
  return ScoreFormat::csv;
}

std::vector<double> read_hdf5_scores(const std::filesystem::path& path, const std::string& dataset) {
  require_exists(path);
  const auto lock = lock_hdf5();
  return core::hdf5::quietly([&] {
    const auto file = core::hdf5::open_file_read_only(path);
    std::vector<Hdf5Candidate> all;
    collect_datasets(file.get(), "", all);
    std::vector<std::string> listing;
    for (const auto& candidate : all) listing.push_back(candidate.describe());
    const auto listed = listing.empty() ? std::string("it has no datasets") : "its datasets: " + join(listing);

    if (dataset.empty()) {
      std::vector<const Hdf5Candidate*> one_per_jet;
      for (const auto& candidate : all)
        if (candidate.one_per_jet()) one_per_jet.push_back(&candidate);
      if (one_per_jet.size() != 1)
        fail(path, fmt::format("{} 1-D numeric datasets; name the one with the scores (--key NAME); {}",
                               one_per_jet.empty() ? "no" : std::to_string(one_per_jet.size()), listed));
      core::hdf5::Handle data(H5Dopen2(file.get(), one_per_jet.front()->name.c_str(), H5P_DEFAULT), H5Dclose);
      return read_doubles(data.get(), *one_per_jet.front(), path);
    }

    const auto name = dataset.front() == '/' ? dataset : "/" + dataset;
    const auto found = std::find_if(all.begin(), all.end(), [&](const Hdf5Candidate& c) { return c.name == name; });
    if (found == all.end()) {
      std::vector<std::string> names;
      for (const auto& candidate : all) names.push_back(candidate.name);
      fail(path, "no dataset " + name + core::did_you_mean(name, names) + "; " + listed);
    }
    if (!found->one_per_jet())
      fail(path, "dataset " + found->describe() + " does not hold one number per jet (a numeric N or N x 1 "
                 "dataset); " + listed);
    core::hdf5::Handle data(H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT), H5Dclose);
    return read_doubles(data.get(), *found, path);
  });
}

std::vector<double> read_npy_scores(const std::filesystem::path& path) {
  require_exists(path);
  const auto bytes = read_whole_file(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) fail(path, "not an NPY file (no \\x93NUMPY magic)");
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t header_length = 0, header_start = 0;
  if (major == 1) {
    header_length = static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) fail(path, "truncated NPY header");
    for (int i = 3; i >= 0; --i) header_length = (header_length << 8) | static_cast<unsigned char>(bytes[8 + i]);
    header_start = 12;
  } else {
    fail(path, fmt::format("NPY format version {} is not supported (versions 1, 2 and 3 are)", major));
  }
  if (bytes.size() < header_start + header_length) fail(path, "truncated NPY header");
  const auto header = bytes.substr(header_start, header_length);

  const auto descr = npy_header_value(header, "descr");
  const auto shape_text = npy_header_value(header, "shape");
  if (!descr || !shape_text) fail(path, "NPY header without 'descr' or 'shape': " + header);
  const auto dtype = unquote(*descr);
  std::size_t item_size = 0;
  if (dtype == "<f4") item_size = 4;
  if (dtype == "<f8") item_size = 8;
  if (item_size == 0) {
    const bool big_endian_float = dtype == ">f4" || dtype == ">f8";
    fail(path, fmt::format("NPY dtype '{}' is not supported{}; scores must be little-endian float32 or float64 "
                           "('<f4' or '<f8'), e.g. numpy.save(path, scores.astype('<f4'))",
                           dtype, big_endian_float ? " (big-endian)" : ""));
  }
  const auto dims = npy_shape(*shape_text, path);
  if (!(dims.size() == 1 || (dims.size() == 2 && dims[1] == 1)))
    fail(path, "NPY array of shape " + *shape_text + "; scores must be one per jet, shape (N,) or (N, 1)");

  const std::size_t count = dims[0];
  const std::size_t data_start = header_start + header_length;
  if (bytes.size() - data_start < count * item_size)
    fail(path, fmt::format("truncated: the header promises {} values ({} bytes) but {} bytes follow", count,
                           count * item_size, bytes.size() - data_start));
  return item_size == 4 ? decode_little_endian<float>(bytes.data() + data_start, count)
                        : decode_little_endian<double>(bytes.data() + data_start, count);
}

std::vector<double> read_csv_scores(const std::filesystem::path& path, const std::string& column) {
  require_exists(path);
  std::ifstream file(path);
  if (!file) fail(path, "cannot open for reading");
  std::vector<CsvLine> lines;
  std::optional<char> delimiter;
  std::size_t number = 0;
  for (std::string line; std::getline(file, line);) {
    ++number;
    if (trimmed(line).empty() || trimmed(line).front() == '#') continue;
    if (!delimiter)
      delimiter = line.find(',') == std::string::npos && line.find('\t') != std::string::npos ? '\t' : ',';
    lines.push_back({number, split_fields(line, *delimiter)});
  }
  if (lines.empty()) fail(path, "holds no scores (an empty CSV file)");

  const auto& first = lines.front().fields;
  const bool has_header = std::any_of(first.begin(), first.end(), [](const auto& f) { return !parse_number(f); });
  const auto& names = first;
  std::size_t index = 0;
  if (column.empty()) {
    if (first.size() != 1)
      fail(path, fmt::format("{} columns ({}); choose the one with the scores (--column NAME{})", first.size(),
                             has_header ? join(names) : "no header row", has_header ? "" : " or a 0-based index"));
  } else if (has_header) {
    const auto found = std::find(names.begin(), names.end(), column);
    if (found == names.end())
      fail(path, "no column '" + column + "'" + core::did_you_mean(column, names) + "; the columns are: " + join(names));
    index = static_cast<std::size_t>(found - names.begin());
  } else {
    const auto parsed = parse_number(column);
    if (!parsed || *parsed < 0 || *parsed != std::floor(*parsed) || *parsed >= static_cast<double>(first.size()))
      fail(path, fmt::format("has no header row, so a column is chosen by its 0-based index (0 to {}), not '{}'",
                             first.size() - 1, column));
    index = static_cast<std::size_t>(*parsed);
  }
  const auto column_name = has_header ? "column '" + names[index] + "'" : "column " + std::to_string(index);

  std::vector<double> scores;
  scores.reserve(lines.size());
  for (std::size_t row = has_header ? 1 : 0; row < lines.size(); ++row) {
    const auto& [line_number, fields] = lines[row];
    if (fields.size() <= index)
      fail(path, fmt::format("line {}: {} fields, too few for {}", line_number, fields.size(), column_name));
    const auto value = parse_number(fields[index]);
    if (!value) fail(path, fmt::format("line {}: '{}' in {} is not a number", line_number, fields[index], column_name));
    scores.push_back(*value);
  }
  return scores;
}

void check_scores_finite(const std::filesystem::path& path, const std::vector<double>& scores) {
  std::size_t bad = 0, first_bad = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (std::isfinite(scores[i])) continue;
    if (bad++ == 0) first_bad = i;
  }
  if (bad == 0) return;
  fail(path, fmt::format("{} of {} scores are not finite (NaN or infinite); the first is row {} (0-based): {}", bad,
                         scores.size(), first_bad, scores[first_bad]));
}

std::vector<double> read_score_file(const std::filesystem::path& path, const std::string& column) {
  std::vector<double> scores;
  switch (detect_score_format(path)) {
    case ScoreFormat::hdf5:
      scores = read_hdf5_scores(path, column);
      break;
    case ScoreFormat::npy:
      if (!column.empty()) fail(path, "an NPY file holds one array; there is no column '" + column + "' to choose");
      scores = read_npy_scores(path);
      break;
    case ScoreFormat::csv:
      scores = read_csv_scores(path, column);
      break;
  }
  if (scores.empty()) fail(path, "holds no scores");
  check_scores_finite(path, scores);
  return scores;
}

}  // namespace jetstudy::data
