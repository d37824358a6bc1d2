#pragma once

#include <memory>

#include "engines/fiber/strategy.hpp"
#include "interleave/explore.hpp"

namespace interleave::engines::fiber {

// The fiber-engine strategy that a public Strategy description names.
std::unique_ptr<Strategy> make_strategy(const interleave::Strategy& strategy);

}  // namespace interleave::engines::fiber
