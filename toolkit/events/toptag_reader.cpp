#include "toolkit/events/toptag_reader.h"

#include <chrono>
#include <cstring>
#include <map>
#include <sstream>
#include <vector>

#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"

namespace jetstudy::events {
namespace {

namespace h5 = core::hdf5;

// Canonical column order inside the reader: E_i PX_i PY_i PZ_i for i = 0..199, then the truth four-vector,
// ttv and is_signal_new.
constexpr std::size_t kTruthColumn = 4 * kTopTagConstituents;  // truthE, truthPX, truthPY, truthPZ
constexpr std::size_t kTtvColumn = kTruthColumn + 4;
constexpr std::size_t kLabelColumn = kTtvColumn + 1;
constexpr std::size_t kColumns = kLabelColumn + 1;

std::vector<std::string> canonical_names() {
  std::vector<std::string> names;
  names.reserve(kColumns);
  for (int i = 0; i < kTopTagConstituents; ++i) {
    for (const char* component : {"E_", "PX_", "PY_", "PZ_"}) names.push_back(component + std::to_string(i));
  }
  for (const char* name : {"truthE", "truthPX", "truthPY", "truthPZ", "ttv", "is_signal_new"}) names.emplace_back(name);
  return names;
}

// The list of column names pandas stores, pickled by PyTables with protocol 0, in the attribute
// values_block_<k>_kind, e.g. "(lp0\nVE_0\np1\naVPX_0\np2\na." Understands the opcodes such a list uses:
// MARK '(', LIST 'l' / EMPTY_LIST ']', UNICODE 'V', STRING 'S', PUT 'p', GET 'g', APPEND 'a', APPENDS 'e', STOP.
std::optional<std::vector<std::string>> unpickle_string_list(const std::string& bytes) {
  std::vector<std::string> stack;  // strings not yet appended
  std::vector<std::string> list;
  std::map<std::string, std::string> memo;
  bool have_list = false;
  std::size_t i = 0;
  const auto argument = [&]() {  // text up to the next newline
    const std::size_t end = bytes.find('\n', i);
    if (end == std::string::npos) return std::optional<std::string>();
    std::string text = bytes.substr(i, end - i);
    i = end + 1;
    return std::optional<std::string>(text);
  };
  while (i < bytes.size()) {
    const char op = bytes[i++];
    switch (op) {
      case '(': break;
      case 'l':
      case ']': have_list = true; break;
      case 'V': {
        const auto text = argument();
        if (!text) return std::nullopt;
        stack.push_back(*text);
        break;
      }
      case 'S': {  // Python 2 str: a quoted repr
        const auto text = argument();
        if (!text || text->size() < 2) return std::nullopt;
        stack.push_back(text->substr(1, text->size() - 2));
        break;
      }
      case 'p': {
        const auto key = argument();
        if (!key) return std::nullopt;
        memo[*key] = stack.empty() ? std::string() : stack.back();
        break;
      }
      case 'g': {
        const auto key = argument();
        if (!key || memo.count(*key) == 0) return std::nullopt;
        stack.push_back(memo[*key]);
        break;
      }
      case 'a':
      case 'e':
        for (auto& text : stack) list.push_back(std::move(text));
        stack.clear();
        break;
      case '.': return have_list ? std::optional(list) : std::nullopt;
      default: return std::nullopt;  // a higher pickle protocol or another object
    }
  }
  return std::nullopt;
}

std::string member_name(hid_t compound, unsigned index) {
  char* raw = H5Tget_member_name(compound, index);
  std::string name = raw != nullptr ? raw : "";
  H5free_memory(raw);
  return name;
}

// The numeric types pandas writes, read without HDF5 conversion (the file's own native type) and converted
// here while gathering, which is several times faster than letting HDF5 convert compound records.
enum class NumberKind { kFloat32, kFloat64, kInt8, kInt16, kInt32, kInt64, kUInt8, kUInt16, kUInt32, kUInt64 };

std::optional<NumberKind> number_kind(hid_t type) {
  const auto size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_FLOAT:
      if (size == 4) return NumberKind::kFloat32;
      if (size == 8) return NumberKind::kFloat64;
      return std::nullopt;
    case H5T_INTEGER: {
      const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
      if (size == 1) return is_signed ? NumberKind::kInt8 : NumberKind::kUInt8;
      if (size == 2) return is_signed ? NumberKind::kInt16 : NumberKind::kUInt16;
      if (size == 4) return is_signed ? NumberKind::kInt32 : NumberKind::kUInt32;
      if (size == 8) return is_signed ? NumberKind::kInt64 : NumberKind::kUInt64;
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

template <typename T>
float load_as_float(const unsigned char* bytes) {
  T value;
  std::memcpy(&value, bytes, sizeof value);
  return static_cast<float>(value);
}

float load(NumberKind kind, const unsigned char* bytes) {
  switch (kind) {
    case NumberKind::kFloat32: return load_as_float<float>(bytes);
    case NumberKind::kFloat64: return load_as_float<double>(bytes);
    case NumberKind::kInt8: return load_as_float<std::int8_t>(bytes);
    case NumberKind::kInt16: return load_as_float<std::int16_t>(bytes);
    case NumberKind::kInt32: return load_as_float<std::int32_t>(bytes);
    case NumberKind::kInt64: return load_as_float<std::int64_t>(bytes);
    case NumberKind::kUInt8: return load_as_float<std::uint8_t>(bytes);
    case NumberKind::kUInt16: return load_as_float<std::uint16_t>(bytes);
    case NumberKind::kUInt32: return load_as_float<std::uint32_t>(bytes);
    case NumberKind::kUInt64: return load_as_float<std::uint64_t>(bytes);
  }
  return 0.0f;
}

}  // namespace

// Where each canonical column lives in the raw rows read per chunk.
struct TopTagReader::Blocks {
  h5::Handle file{-1, H5Fclose};
  std::vector<h5::Handle> datasets;      // fixed: one per block; table: the compound /table/table
  std::vector<std::string> wheres;       // dataset names for messages
  std::vector<h5::Handle> memory_types;  // each dataset's native type: rows are read as stored
  std::vector<std::size_t> row_bytes;    // bytes per row in each buffer
  std::vector<std::vector<unsigned char>> buffers;
  struct Location {
    std::size_t column = 0;  // canonical column
    std::size_t offset = 0;  // byte offset within the row
    NumberKind kind = NumberKind::kFloat32;
  };
  std::vector<std::vector<Location>> locations;  // per dataset, the canonical columns it holds
  std::vector<bool> found = std::vector<bool>(kColumns, false);
};

TopTagReader::TopTagReader(std::filesystem::path path, std::optional<int> ttv, std::size_t chunk_rows)
    : path_(std::move(path)), ttv_(ttv), chunk_rows_(std::max<std::size_t>(chunk_rows, 1)),
      blocks_(std::make_unique<Blocks>()) {
  if (ttv_ && (*ttv_ < 0 || *ttv_ > 2)) {
    throw core::InputError(path_.string() + ": ttv must be 0 (train), 1 (test) or 2 (val), not " +
                           std::to_string(*ttv_));
  }
  auto& b = *blocks_;
  std::map<std::string, std::size_t> canonical;
  {
    const auto names = canonical_names();
    for (std::size_t c = 0; c < names.size(); ++c) canonical[names[c]] = c;
  }
  // Records that block `buffer` holds column `name` at `offset` within its row.
  const auto place = [&](const std::string& name, std::size_t buffer, std::size_t offset, NumberKind kind) {
    const auto found = canonical.find(name);
    if (found == canonical.end()) return;  // columns we do not use
    b.locations[buffer].push_back({found->second, offset, kind});
    b.found[found->second] = true;
  };
  const auto kind_of = [&](hid_t type, const std::string& where) {
    const auto kind = number_kind(type);
    if (!kind) h5::fail(path_, "key 'table': " + where + " does not hold plain numbers");
    return *kind;
  };

  h5::quietly([&] {
    b.file = h5::open_file_read_only(path_);
    if (H5Lexists(b.file.get(), "table", H5P_DEFAULT) <= 0) {
      std::string keys;
      for (const auto& name : h5::member_names(b.file.get())) keys += (keys.empty() ? "" : ", ") + name;
      h5::fail(path_, "key 'table' is missing (the top-tagging dataset is a pandas HDFStore with key 'table'; "
                      "this file has: " + (keys.empty() ? std::string("nothing") : keys) + ")");
    }
    h5::Handle group(H5Gopen2(b.file.get(), "table", H5P_DEFAULT), H5Gclose);
    if (!group.valid()) h5::fail(path_, "key 'table' is not a pandas group");

    if (H5Lexists(group.get(), "table", H5P_DEFAULT) > 0) {  // format="table"
      layout_ = PandasLayout::kTable;
      b.datasets.push_back(h5::open_dataset(group.get(), "table", path_, "/table/table"));
      b.wheres.emplace_back("/table/table");
      const hid_t dataset = b.datasets.back().get();
      const auto dims = h5::dataset_dims(dataset);
      h5::Handle type(H5Dget_type(dataset), H5Tclose);
      if (dims.size() != 1 || H5Tget_class(type.get()) != H5T_COMPOUND) {
        h5::fail(path_, "key 'table': /table/table is not a 1-D table of records (pandas format='table')");
      }
      rows_ = dims[0];
      b.memory_types.push_back(h5::Handle(H5Tget_native_type(type.get(), H5T_DIR_ASCEND), H5Tclose));
      const hid_t native = b.memory_types.back().get();
      b.row_bytes.push_back(H5Tget_size(native));
      b.locations.emplace_back();
      const int members = H5Tget_nmembers(native);
      for (int m = 0; m < members; ++m) {
        const std::string name = member_name(native, static_cast<unsigned>(m));
        if (name == "index") continue;
        const std::size_t offset = H5Tget_member_offset(native, static_cast<unsigned>(m));
        h5::Handle member(H5Tget_member_type(native, static_cast<unsigned>(m)), H5Tclose);
        const H5T_class_t kind = H5Tget_class(member.get());
        if (kind == H5T_INTEGER || kind == H5T_FLOAT) {  // a data column: the field is the column
          place(name, 0, offset, kind_of(member.get(), "field " + name));
          continue;
        }
        if (kind != H5T_ARRAY) continue;
        const std::string attribute = name + "_kind";
        if (H5Aexists(dataset, attribute.c_str()) <= 0) {
          h5::fail(path_, "key 'table': /table/table has no attribute " + attribute + " naming its columns");
        }
        const auto names = unpickle_string_list(h5::read_string_attribute(dataset, attribute.c_str(), path_));
        if (!names) {
          h5::fail(path_, "key 'table': attribute " + attribute +
                              " is not a protocol-0 pickled list of column names (written by another pandas?)");
        }
        if (H5Tget_array_ndims(member.get()) != 1) h5::fail(path_, "key 'table': field " + name + " is not a 1-D array");
        hsize_t width = 0;
        H5Tget_array_dims2(member.get(), &width);
        if (width != names->size()) {
          h5::fail(path_, "key 'table': field " + name + " holds " + std::to_string(width) + " values per row but " +
                              attribute + " names " + std::to_string(names->size()));
        }
        h5::Handle element(H5Tget_super(member.get()), H5Tclose);
        const NumberKind element_kind = kind_of(element.get(), "field " + name);
        const std::size_t element_size = H5Tget_size(element.get());
        for (std::size_t c = 0; c < names->size(); ++c) place((*names)[c], 0, offset + c * element_size, element_kind);
      }
    } else if (H5Lexists(group.get(), "block0_values", H5P_DEFAULT) > 0) {  // format="fixed"
      layout_ = PandasLayout::kFixed;
      for (int k = 0;; ++k) {
        const std::string values = "block" + std::to_string(k) + "_values";
        const std::string items = "block" + std::to_string(k) + "_items";
        if (H5Lexists(group.get(), values.c_str(), H5P_DEFAULT) <= 0) break;
        const auto names = h5::read_strings(group.get(), items, path_, "/table/" + items);
        b.datasets.push_back(h5::open_dataset(group.get(), values, path_, "/table/" + values));
        b.wheres.push_back("/table/" + values);
        const auto dims = h5::dataset_dims(b.datasets.back().get());
        if (dims.size() != 2 || dims[1] != names.size()) {
          std::string shape;
          for (const auto d : dims) shape += (shape.empty() ? "" : " x ") + std::to_string(d);
          h5::fail(path_, "key 'table': /table/" + values + " has shape " + shape + " but /table/" + items +
                              " names " + std::to_string(names.size()) + " columns (expected rows x " +
                              std::to_string(names.size()) + ")");
        }
        if (k == 0) rows_ = dims[0];
        if (dims[0] != rows_) {
          h5::fail(path_, "key 'table': /table/" + values + " has " + std::to_string(dims[0]) +
                              " rows, block 0 has " + std::to_string(rows_));
        }
        h5::Handle type(H5Dget_type(b.datasets.back().get()), H5Tclose);
        b.memory_types.push_back(h5::Handle(H5Tget_native_type(type.get(), H5T_DIR_ASCEND), H5Tclose));
        const hid_t native = b.memory_types.back().get();
        const NumberKind kind = kind_of(native, "/table/" + values);
        const std::size_t element_size = H5Tget_size(native);
        b.row_bytes.push_back(names.size() * element_size);
        b.locations.emplace_back();
        for (std::size_t c = 0; c < names.size(); ++c) place(names[c], b.datasets.size() - 1, c * element_size, kind);
      }
    } else {
      h5::fail(path_, "key 'table' is neither a pandas 'fixed' frame (/table/block0_values) nor a pandas "
                      "'table' (/table/table)");
    }
    const auto names = canonical_names();
    for (std::size_t c = 0; c < kColumns; ++c) {
      if (!b.found[c]) {
        h5::fail(path_, "key 'table': column '" + names[c] + "' is missing (the top-tagging format has E_i, PX_i, "
                        "PY_i, PZ_i for i = 0..199, truthE, truthPX, truthPY, truthPZ, ttv, is_signal_new)");
      }
    }
  });
  b.buffers.resize(b.datasets.size());
}

TopTagReader::~TopTagReader() = default;

std::string TopTagReader::description() const {
  std::string text = "top-tagging file " + path_.string() + " (pandas " +
                     (layout_ == PandasLayout::kFixed ? "fixed" : "table") + ", " + std::to_string(rows_) + " jets";
  if (ttv_) text += ", ttv = " + std::to_string(*ttv_);
  return text + ")";
}

void TopTagReader::read_chunk() {
  auto& b = *blocks_;
  const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_rows_, rows_ - next_row_));
  h5::quietly([&] {
    for (std::size_t d = 0; d < b.datasets.size(); ++d) {
      b.buffers[d].resize(count * b.row_bytes[d]);
      h5::read_rows(b.datasets[d].get(), b.memory_types[d].get(), next_row_, count, b.buffers[d].data(), path_,
                    b.wheres[d]);
    }
  });
  chunk_.resize(count * kColumns);
  for (std::size_t d = 0; d < b.datasets.size(); ++d) {
    for (std::size_t r = 0; r < count; ++r) {
      const unsigned char* row = b.buffers[d].data() + r * b.row_bytes[d];
      float* out = chunk_.data() + r * kColumns;
      for (const auto& location : b.locations[d]) {
        out[location.column] = location.kind == NumberKind::kFloat32 ? load_as_float<float>(row + location.offset)
                                                                     : load(location.kind, row + location.offset);
      }
    }
  }
  chunk_first_row_ = next_row_;
  chunk_size_ = count;
  chunk_position_ = 0;
  next_row_ += count;
}

int TopTagReader::code_in_row(float value, int largest, const char* column, const char* meaning,
                              std::uint64_t row) const {
  for (int code = 0; code <= largest; ++code) {
    if (value == static_cast<float>(code)) return code;
  }
  std::ostringstream message;
  message << path_.string() << ": row " << row << ": " << column << " is " << value << ", expected " << meaning;
  throw core::InputError(message.str());
}

std::optional<TopTagJet> TopTagReader::next_jet() {
  for (;;) {
    if (chunk_position_ == chunk_size_) {
      if (next_row_ >= rows_) return std::nullopt;
      read_chunk();
    }
    const std::size_t r = chunk_position_++;
    const float* row = chunk_.data() + r * kColumns;
    const std::uint64_t row_number = chunk_first_row_ + r;
    const int ttv = code_in_row(row[kTtvColumn], 2, "ttv", "0 (train), 1 (test) or 2 (val)", row_number);
    if (ttv_ && ttv != *ttv_) continue;
    TopTagJet jet;
    jet.ttv = ttv;
    jet.label = code_in_row(row[kLabelColumn], 1, "is_signal_new", "0 (QCD) or 1 (top)", row_number);
    for (int k = 0; k < 4; ++k) jet.truth[static_cast<std::size_t>(k)] = row[kTruthColumn + static_cast<std::size_t>(k)];
    jet.constituents.number = row_number;
    auto& particles = jet.constituents.particles;
    particles.reserve(64);
    for (int i = 0; i < kTopTagConstituents; ++i) {
      const float* c = row + 4 * i;
      if (c[0] == 0.0f) continue;  // zero padding (constituents are pT-ordered, but do not rely on it)
      Particle particle;
      particle.e = c[0];
      particle.px = c[1];
      particle.py = c[2];
      particle.pz = c[3];
      particles.push_back(particle);
    }
    return jet;
  }
}

std::optional<Event> TopTagReader::next() {
  auto jet = next_jet();
  if (!jet) return std::nullopt;
  return std::move(jet->constituents);
}

double toptag_read_rate(const std::filesystem::path& path, std::uint64_t* jets) {
  const auto start = std::chrono::steady_clock::now();
  TopTagReader reader(path);
  std::uint64_t count = 0;
  while (reader.next_jet()) ++count;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (jets != nullptr) *jets = count;
  return seconds > 0 ? static_cast<double>(count) / seconds : 0.0;
}

}  // namespace jetstudy::events
