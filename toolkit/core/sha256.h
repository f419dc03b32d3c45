// SHA-256 (OpenSSL libcrypto) as lowercase hex: the identity of runs and datasets.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace jetstudy::core {

std::string sha256_hex(std::string_view bytes);
std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace jetstudy::core
