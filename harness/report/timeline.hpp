#pragma once

#include <iosfwd>
#include <vector>

#include "interleave/explore.hpp"

namespace interleave::report {

// Prints events as a table with one column per task and one row per event,
// so that the interleaving reads top to bottom; the task columns share
// `width` (a text too long for its column is cut, with "...").
void print_timeline(std::ostream& out, const std::vector<TraceEvent>& events, std::string_view indent = "    ",
                    std::size_t width = 100);

// Whether the interleaving's preemption count is proven the fewest, for its heading.
std::string fewest_note(const ExploreResult& result);

// "interleaving: 1 preemption (3 as first found; ...), 15 steps": the line
// above a failure's timeline.
std::string interleaving_heading(const ExploreResult& result);

}  // namespace interleave::report
