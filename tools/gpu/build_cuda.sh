#!/usr/bin/env bash
# Builds jetstudy against the CUDA LibTorch of a pip PyTorch, on a machine that has that PyTorch, a C++ compiler,
# CMake and Ninja but neither Debian's packages nor a network (the GPU machine lent to a development session).
#
#   bash tools/gpu/make_kit.sh                 # first, on a Debian 12 machine: packs .gpukit/
#   bash tools/gpu/build_cuda.sh [BUILD_DIR [TARGET...]]
#                                              # then, on the GPU machine, as root: builds BUILD_DIR (build-cuda),
#                                              # everything or the targets named
#
# It unpacks .gpukit/debian-deps.tar.gz into / (Debian's yaml-cpp, FastJet, HDF5, SQLiteCpp, ... with the shared
# libraries they load), never replacing a file the machine already has, configures with LibTorch's CMake config
# first on CMAKE_PREFIX_PATH (docs/gpu.md), builds the jetstudy binary, then everything else, with `ninja -k 0` so
# that one log shows every translation unit that does not compile. $JETSTUDY_TORCH_PYTHON names the python3 that
# holds torch (default: python3 on PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-cuda}
targets=("${@:2}")
kit=.gpukit/debian-deps.tar.gz
if [[ ! -f $kit ]]; then
  echo "build_cuda: $kit missing: run tools/gpu/make_kit.sh on a Debian 12 machine first" >&2
  exit 2
fi

tar -xzf "$kit" -C / --skip-old-files
ldconfig
# A Catch2 v3 already there (Ubuntu's catch2 package) owns /usr/lib/cmake/Catch2: give Debian's v2 a prefix of its own.
catch2_v2=/opt/jetstudy-catch2-v2
mkdir -p "$catch2_v2"
tar -xzf "$kit" -C "$catch2_v2" ./usr/lib/cmake/Catch2 ./usr/include/catch2 ./usr/lib/libCatch2WithMain.a
# pip's LibTorch bundles fmt headers of another version than Debian's libfmt.so.9, which jetstudy links: Debian's
# fmt headers go into a folder of their own that is searched first (JETSTUDY_FIRST_INCLUDE_DIRS).
fmt_headers=/opt/jetstudy-fmt
mkdir -p "$fmt_headers"
tar -xzf "$kit" -C "$fmt_headers" ./usr/include/fmt

python=${JETSTUDY_TORCH_PYTHON:-python3}
read -r torch_version torch_prefix cxx11_abi cuda < <("$python" -c 'import torch
print(torch.__version__, torch.utils.cmake_prefix_path, int(torch._C._GLIBCXX_USE_CXX11_ABI), torch.version.cuda)')
echo "build_cuda: torch $torch_version (CUDA $cuda), CMake config in $torch_prefix, C++11 ABI $cxx11_abi"
if [[ $cxx11_abi != 1 ]]; then
  echo "build_cuda: this LibTorch uses the pre-C++11 std::string ABI, which Debian's libraries do not (docs/gpu.md)" >&2
  exit 2
fi

cuda_arguments=()
for nvcc in "$(command -v nvcc || true)" /usr/local/cuda/bin/nvcc; do
  if [[ -x $nvcc ]]; then
    cuda_arguments=(-DCMAKE_CUDA_COMPILER="$nvcc" -DCUDAToolkit_ROOT="$(dirname "$(dirname "$nvcc")")")
    export PATH="$(dirname "$nvcc"):$PATH"
    break
  fi
done
shared_data=()
[[ -d .gpukit/shared-data ]] && shared_data=(-DJETSTUDY_SHARED_DATA="$PWD/.gpukit/shared-data")

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_PREFIX_PATH="$torch_prefix" \
  -DCatch2_DIR="$catch2_v2/usr/lib/cmake/Catch2" -DJETSTUDY_FIRST_INCLUDE_DIRS="$fmt_headers/usr/include" \
  "${cuda_arguments[@]}" "${shared_data[@]}"
if ((${#targets[@]})); then exec cmake --build "$build" --target "${targets[@]}" -- -k 0; fi
status=0
cmake --build "$build" --target jetstudy -- -k 0 || status=$?
cmake --build "$build" -- -k 0 || status=$?
exit $status
