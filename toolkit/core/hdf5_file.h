// Thin helpers over the HDF5 C API shared by jetstudy's HDF5 files (dataset cache, predictions): handles that
// close themselves, attributes, float datasets (chunked, shuffle+deflate for images), and errors that name the file.
#pragma once

#include <hdf5.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace jetstudy::core::hdf5 {

// An HDF5 identifier closed by its closing function when it goes out of scope.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, -1)), close_(other.close_) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      if (id_ >= 0) close_(id_);
      id_ = std::exchange(other.id_, -1);
      close_ = other.close_;
    }
    return *this;
  }
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// Throws core::InputError "<path>: <what>".
[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what);

// HDF5 prints its error stack by default; library code never prints. Run `body` with printing switched off
// for this thread and restore it afterwards, also when `body` throws.
template <typename Body>
auto quietly(Body&& body) {
  H5E_auto2_t saved_function = nullptr;
  void* saved_data = nullptr;
  H5Eget_auto2(H5E_DEFAULT, &saved_function, &saved_data);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  struct Restore {
    H5E_auto2_t function;
    void* data;
    ~Restore() { H5Eset_auto2(H5E_DEFAULT, function, data); }
  } restore{saved_function, saved_data};
  return body();
}

void write_string_attribute(hid_t object, const char* name, const std::string& value, const std::filesystem::path& path);
void write_long_attribute(hid_t object, const char* name, long value, const std::filesystem::path& path);
// A float32 dataset of the given dimensions. Rank > 1 (images) is chunked by jets and compressed; the first
// dimension may grow later (streaming writers).
void write_floats(hid_t group, const char* name, const std::vector<hsize_t>& dims, const std::vector<float>& values,
                  const std::filesystem::path& path);

std::string read_string_attribute(hid_t object, const char* name, const std::filesystem::path& path);
long read_long_attribute(hid_t object, const char* name, const std::filesystem::path& path);
// Dimensions and contents of a float dataset at `name` under `group`; `where` names it in messages.
std::vector<hsize_t> read_floats(hid_t group, const std::string& name, std::vector<float>& values,
                                 const std::filesystem::path& path, const std::string& where);
std::vector<std::string> member_names(hid_t group);

// An existing HDF5 file opened read-only. Throws "<path>: cannot open (does the file exist?)", "<path>: not an
// HDF5 file (or a truncated one)" or "<path>: cannot open as HDF5 (truncated or corrupt file?)". Call it
// inside quietly() so HDF5 prints nothing.
Handle open_file_read_only(const std::filesystem::path& path);

// --- row-wise access for streaming readers and writers (event files, benchmark datasets) ---

// The dataset `name` under `group`; "<path>: dataset <where> is missing" when it is absent.
Handle open_dataset(hid_t group, const std::string& name, const std::filesystem::path& path, const std::string& where);
std::vector<hsize_t> dataset_dims(hid_t dataset);
// Rows [first, first + count) along the first dimension (with all of the others) converted to `memory_type`
// into `out`, which holds count x (product of the other dimensions) elements.
void read_rows(hid_t dataset, hid_t memory_type, hsize_t first, hsize_t count, void* out,
               const std::filesystem::path& path, const std::string& where);
// A 1-D dataset of fixed- or variable-length strings (e.g. pandas' column names).
std::vector<std::string> read_strings(hid_t group, const std::string& name, const std::filesystem::path& path,
                                      const std::string& where);
// An empty 1-D dataset of `file_type` that grows by append(): chunked by `chunk` elements, shuffle + deflate.
Handle create_extendible(hid_t group, const char* name, hid_t file_type, hsize_t chunk,
                         const std::filesystem::path& path);
// Appends `count` elements of `memory_type` to a 1-D extendible dataset.
void append(hid_t dataset, hid_t memory_type, const void* data, hsize_t count, const std::filesystem::path& path);

}  // namespace jetstudy::core::hdf5
