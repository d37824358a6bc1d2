#pragma once

#include <string>
#include <vector>

#include "explore/replay_token.hpp"

namespace interleave::cli {

// The failing schedules in a trace file written by `run --trace`. Whatever
// the file holds, anything but a well-formed trace is a UsageError: numbers
// must be the integers they stand for, in their types' ranges.
std::vector<exploration::ReplayToken> read_trace_file(const std::string& path);

}  // namespace interleave::cli
