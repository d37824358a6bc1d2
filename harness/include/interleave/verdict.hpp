#pragma once

#include <optional>
#include <string_view>

namespace interleave {

// What one schedule, or a whole exploration, concluded. One flat enum, as in
// Relacy: every report, test and JSON record speaks in these words.
enum class Verdict {
  clean,
  race,
  invariant,
  deadlock,
  lock_order_inversion,
  hang,
  blocked_loop,
  crash,
  thread_leak,       // ThreadSanitizer: a thread neither joined nor detached
  not_linearizable,  // a history no sequential order explains (interleave/lincheck.hpp)
};

std::string_view to_string(Verdict verdict);
std::optional<Verdict> parse_verdict(std::string_view text);

}  // namespace interleave
