// Removes a file or a directory with everything in it, like std::filesystem::remove_all, through POSIX nftw().
//
// Why not remove_all: pip's CUDA LibTorch 2 exports its own copy of libstdc++'s std::filesystem, and a program linked
// with it calls that copy, whose remove_all jumps through a null pointer (seen on the GPU machine with torch
// 2.11.0+cu130, docs/gpu.md). Debian's LibTorch does not, but jetstudy builds against both.
#pragma once

#include <filesystem>

namespace jetstudy::core {

// Removes `path` and, for a directory, its contents; symbolic links are removed, never followed. Returns true when
// nothing is left at `path` (also when there was nothing), false when something could not be removed.
bool remove_tree(const std::filesystem::path& path) noexcept;

}  // namespace jetstudy::core
