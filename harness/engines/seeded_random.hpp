#pragma once

#include <cstdint>

namespace interleave::engines {

// SplitMix64: tiny state, cheap to reseed every schedule, good enough to
// drive schedule choices (this is not cryptography).
class SeededRandom {
 public:
  SeededRandom() = default;
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  void reseed(std::uint64_t seed) { state_ = seed; }

  std::uint64_t next() { return mix(state_ += 0x9e3779b97f4a7c15ULL); }

  // SplitMix64's output function: a bijection that scatters nearby inputs.
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, bound) by multiply-shift, without a division.
  std::uint32_t below(std::uint32_t bound) { return static_cast<std::uint32_t>(((next() >> 32) * bound) >> 32); }

  // True with probability `chance`.
  bool chance(double chance) { return (next() >> 11) * 0x1.0p-53 < chance; }

 private:
  std::uint64_t state_ = 0;
};

}  // namespace interleave::engines
