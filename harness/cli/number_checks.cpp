#include "cli/number_checks.hpp"

#include <fmt/format.h>

#include <cmath>

#include "cli/printable.hpp"

namespace interleave::cli {

CLI::Validator finite_in(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& input) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(input, value) || !std::isfinite(value) || value < min || value > max)
          return fmt::format("{} is not a finite number in {}..{}", echoed(input), min, max);
        return {};
      },
      fmt::format("FLOAT in [{} - {}]", min, max));
}

CLI::Validator unsigned_number() {
  return CLI::Validator(
      [](std::string& input) -> std::string {
        const bool digits = !input.empty() && input.find_first_not_of("0123456789") == std::string::npos;
        return digits ? std::string() : fmt::format("{} is not a whole number >= 0", echoed(input));
      },
      "");  // the type, UINT, says it in --help
}

}  // namespace interleave::cli
