#pragma once

#include "engines/fiber/strategy.hpp"
#include "engines/seeded_random.hpp"

namespace interleave::engines::fiber {

// The random walk: every decision picks uniformly among the runnable tasks.
class RandomStrategy final : public Strategy {
 public:
  void begin_schedule(std::uint64_t seed) override { random_.reseed(seed); }
  std::size_t pick(std::span<const int> options, int /*current*/) override {
    return random_.below(static_cast<std::uint32_t>(options.size()));
  }

 private:
  SeededRandom random_;
};

}  // namespace interleave::engines::fiber
