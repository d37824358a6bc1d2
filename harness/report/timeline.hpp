#pragma once

#include <iosfwd>
#include <vector>

#include "interleave/explore.hpp"

namespace interleave::report {

// Prints events as a table with one column per task and one row per event,
// so that the interleaving reads top to bottom.
void print_timeline(std::ostream& out, const std::vector<TraceEvent>& events, std::string_view indent = "    ");

}  // namespace interleave::report
