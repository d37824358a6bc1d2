#pragma once

#include <CLI/CLI.hpp>

namespace interleave::cli {

// A floating option's check: a finite number in [min, max]. CLI::Range lets
// NaN through (every comparison with it is false), and infinities parse.
CLI::Validator finite_in(double min, double max);

// An unsigned option's check: digits only. CLI11 reads "-1" as 2^64-1.
CLI::Validator unsigned_number();

}  // namespace interleave::cli
