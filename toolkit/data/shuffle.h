// Deterministic shuffles shared by the dataset builds and the loaders: the same seed gives the same order on
// every machine and compiler (our own index draw, not std::shuffle, whose algorithm the standard leaves open).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace jetstudy::data {

// SplitMix64 finaliser (Steele, Lea, Flood 2014): turns structured integers into well-spread seeds.
std::uint64_t splitmix64(std::uint64_t x);

// Fisher-Yates shuffle of `values` driven by `engine` (index drawn as engine() % (i + 1)).
template <typename T>
void shuffle_in_place(std::vector<T>& values, std::mt19937_64& engine) {
  for (std::size_t i = values.size(); i > 1; --i) {
    const auto j = static_cast<std::size_t>(engine() % static_cast<std::uint64_t>(i));
    std::swap(values[i - 1], values[j]);
  }
}

// 0 .. n-1 in an order fixed by `seed`.
std::vector<std::int64_t> shuffled_order(std::int64_t n, std::uint64_t seed);

}  // namespace jetstudy::data
