#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "interleave/explore.hpp"

namespace interleave::exploration {

// An ExploreResult as JSON, every field of it, so that a variant explored
// in a child process (see engines/supervisor.hpp) reports in the parent
// exactly as if it had run there.
std::string encode_result(const ExploreResult& result);
// Nullopt when `text` is not one encoded result.
std::optional<ExploreResult> decode_result(std::string_view text);

}  // namespace interleave::exploration
