#!/usr/bin/env bash
# tools/gpu/make_kit.sh packs what tools/gpu/build_cuda.sh unpacks by name and what the top-level CMakeLists.txt
# looks for (headers, CMake configs, libraries), with the shared libraries they load, and leaves out the C and C++
# runtimes, LibTorch and docs. Run by ctest from the repository root; needs the Debian packages .ci/setup installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
kit=$(mktemp -d)
trap 'rm -rf "$kit"' EXIT
bash tools/gpu/make_kit.sh "$kit" >/dev/null
listing=$(tar -tzf "$kit/debian-deps.tar.gz")
failures=0
expect() {  # $1: a path the tarball must hold (a file, or a folder with something in it)
  if ! grep -qxF -- "$1" <<<"$listing" && ! grep -q -- "^$1/" <<<"$listing"; then
    echo "FAIL: the kit lacks $1"
    failures=$((failures + 1))
  fi
}
refuse() {  # $1: an extended regex no path in the tarball may match
  if grep -Eq -- "$1" <<<"$listing"; then
    echo "FAIL: the kit holds $(grep -E -- "$1" <<<"$listing" | head -1)"
    failures=$((failures + 1))
  fi
}

# Everything build_cuda.sh extracts by name.
for path in $(grep -o '\./usr/[^ ]*' tools/gpu/build_cuda.sh | sort -u); do expect "$path"; done
# What find_package / find_path / find_library in CMakeLists.txt read.
for path in ./usr/lib/x86_64-linux-gnu/cmake/yaml-cpp ./usr/include/hdf5/serial/hdf5.h ./usr/bin/h5cc \
  ./usr/share/cmake/nlohmann_json ./usr/lib/x86_64-linux-gnu/cmake/SQLiteCpp ./usr/lib/x86_64-linux-gnu/libSQLiteCpp.a \
  ./usr/include/sqlite3.h ./usr/include/CLI/CLI.hpp ./usr/include/fmt/format.h ./usr/lib/x86_64-linux-gnu/cmake/TBB \
  ./usr/include/openssl/evp.h ./usr/include/zlib.h ./usr/lib/x86_64-linux-gnu/cmake/zstd \
  ./usr/include/fastjet/ClusterSequence.hh ./usr/lib/x86_64-linux-gnu/libfastjet.so \
  ./usr/lib/x86_64-linux-gnu/libfastjettools.so ./usr/share/HepMC3/cmake; do
  expect "$path"
done
# The libraries the jetstudy binary loads, and one that HDF5 loads in turn.
for library in libyaml-cpp.so.0.7 libfastjet.so.0 libHepMC3.so.2 libfmt.so.9 libtbb.so.12 libhdf5_serial.so.103 \
  libsz.so.2; do
  expect "./usr/lib/x86_64-linux-gnu/$library"
done
refuse '/(libc|libm|libstdc\+\+|libgcc_s)\.so'
refuse 'torch|libc10'
refuse '^\./usr/share/(doc|man)/'
refuse '^\./lib/'  # merged /usr: everything under ./usr
[[ -f $kit/shared-data/pythia/Pythia-PtMin1000-LHC-10ev.dat || ! -d ../shared/data ]] ||
  { echo "FAIL: the kit has no copy of ../shared/data"; failures=$((failures + 1)); }

echo "gpu kit: $(wc -l <<<"$listing") entries, $failures failure(s)"
((failures == 0))
