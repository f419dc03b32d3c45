// An HDF5 library built without its thread-safety option corrupts its state when two threads are inside it at
// once. Debian 12's libhdf5 (serial) is built thread-safe (H5is_library_threadsafe() says true, and serialises
// calls on its own global lock), but other builds are not, so toolkit/data opens, reads and writes HDF5 files
// only while holding this process-wide lock: a Loader's prefetch thread and the main thread (dataset cache,
// predictions, a second loader) never meet inside the library. Code elsewhere that uses HDF5 while a Loader
// runs must take it too when the library is not thread-safe.
#pragma once

#include <mutex>

namespace jetstudy::data {

std::mutex& hdf5_mutex();
inline std::unique_lock<std::mutex> lock_hdf5() { return std::unique_lock<std::mutex>(hdf5_mutex()); }

}  // namespace jetstudy::data
