// Files that are either complete or absent: write to a temporary name beside the target, then rename(2),
// which is atomic on POSIX file systems. A crash leaves at most a stray "*.tmp-<pid>-<n>" file, never a
// truncated file under the final name.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

namespace jetstudy::core {

// Writes `contents` to `target` atomically (creating parent directories).
void write_file_atomically(const std::filesystem::path& target, std::string_view contents);

// Calls `write(temporary_path)` to produce the file, fsyncs it, then renames it onto `target`. If `write`
// throws, the temporary file is removed and the exception propagates; `target` is untouched.
void produce_file_atomically(const std::filesystem::path& target,
                             const std::function<void(const std::filesystem::path&)>& write);

// Reads a whole file; throws InputError naming the file when it cannot.
std::string read_file(const std::filesystem::path& path);

}  // namespace jetstudy::core
