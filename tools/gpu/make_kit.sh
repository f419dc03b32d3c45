#!/usr/bin/env bash
# Packs the Debian 12 libraries jetstudy builds against, except LibTorch, into .gpukit/debian-deps.tar.gz, so that
# jetstudy can be built on a machine that has a CUDA PyTorch (pip's wheel ships LibTorch) but no Debian packages
# and no network, e.g. the GPU machine lent to a development session (docs/gpu.md).
#
# Run on a Debian 12 machine where `.ci/setup` has run (the packages are installed). The tarball holds:
#   - every file of the -dev packages below (headers, CMake configs, link symlinks), no docs or man pages and no
#     static libraries other than SQLiteCpp's and Catch2's main (Debian ships those static only);
#   - HDF5's h5cc wrapper (hdf5-helpers), which CMake's FindHDF5 asks for the paths;
#   - the shared libraries those need at run time, with everything they load in turn (ldd), except the C and C++
#     runtimes, which the target machine has.
# Beside it, .gpukit/shared-data is a copy of ../shared/data for the tests.
# Paths are relative to / with /lib folded into /usr/lib (merged /usr). tools/gpu/build_cuda.sh unpacks it into /
# without replacing any file the target already has.
#
#   bash tools/gpu/make_kit.sh [KIT_DIR]      # KIT_DIR: .gpukit in the checkout unless named
set -euo pipefail
kit=$(realpath -m "${1:-$(dirname "$0")/../../.gpukit}")
cd "$(dirname "$0")/../.."

dev_packages=(
  libyaml-cpp-dev libfastjet-dev libfastjettools-dev libhdf5-dev hdf5-helpers nlohmann-json3-dev libsqlite3-dev
  libsqlitecpp-dev catch2 libcli11-dev libfmt-dev libtbb-dev libhepmc3-dev libssl-dev libzstd-dev zlib1g-dev
)
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

copy_into_staging() {  # copies one path (file or symlink) to $staging, /lib/... filed under /usr/lib/...
  local path=$1 target=$1
  [[ $target == /lib/* ]] && target=/usr$target
  mkdir -p "$staging$(dirname "$target")"
  cp -a "$path" "$staging$target"
}

for package in "${dev_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    { echo "make_kit: $package is not installed: run bash .ci/setup first" >&2; exit 2; }
  while IFS= read -r path; do
    [[ -f $path || -L $path ]] || continue
    case $path in
      /usr/share/doc/* | /usr/share/man/* | /usr/share/lintian/*) continue ;;
      */libSQLiteCpp.a | */libCatch2WithMain.a) ;;  # Debian ships these static only
      *.a) continue ;;
    esac
    copy_into_staging "$path"
  done < <(dpkg -L "$package")
done

# Run-time libraries: what the -dev packages' shared libraries load, transitively (ldd resolves the closure).
shared_libraries=$(find "$staging/usr/lib" -name '*.so' | sed "s|^$staging||")
runtime=$(for library in $shared_libraries; do ldd "$(readlink -f "$library")" | awk '$3 ~ /^\// {print $3}'; done |
  sort -u | grep -Ev '/(libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|libresolv|ld-linux-x86-64)\.so')
for library in $shared_libraries $runtime; do
  copy_into_staging "$library"                                       # the name a link or a NEEDED entry uses
  real=$(readlink -f "$library"); copy_into_staging "$real"          # the file it points to
  soname=$(objdump -p "$real" | awk '$1 == "SONAME" {print $2}')     # the name programs load it by
  if [[ -n $soname && -e $(dirname "$library")/$soname ]]; then copy_into_staging "$(dirname "$library")/$soname"; fi
done

mkdir -p "$kit"
tar -C "$staging" -czf "$kit/debian-deps.tar.gz" .
# The tests' real event files (tests/CMakeLists.txt's JETSTUDY_SHARED_DATA), for a machine without ../shared.
if [[ -d ../shared/data ]]; then rm -rf "$kit/shared-data" && cp -r ../shared/data "$kit/shared-data"; fi
echo "make_kit: $kit/debian-deps.tar.gz, $(du -h "$kit/debian-deps.tar.gz" | cut -f1)," \
  "$(tar -tzf "$kit/debian-deps.tar.gz" | wc -l) entries"
