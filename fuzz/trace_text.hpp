#pragma once

// A recorded trace as text, for a red property's message.

#include <string>

#include "recorded_trace.hpp"

namespace interleave::fuzz {

std::string describe_event(const Trace& trace, std::size_t index);
std::string describe_trace(const Trace& trace);

}  // namespace interleave::fuzz
