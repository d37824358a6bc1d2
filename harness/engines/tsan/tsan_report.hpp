#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "interleave/verdict.hpp"

namespace interleave::engines::tsan {

// One part of a report: an access or a lock acquisition, and the first frame
// of its stack that is the program's own code rather than the harness's.
struct ReportSection {
  std::string heading;  // "read of size 4 by thread T43", "mutex M1 acquired here while holding mutex M0 in thread T3"
  std::string where;    // "counter.cpp:31", or empty when no frame is the program's
  // Frames were printed but none with a source line: TSan found no symbolizer.
  bool unsymbolized = false;
};

// One ThreadSanitizer warning.
struct TsanReport {
  std::string kind;  // "data race", "lock-order-inversion (potential deadlock)", "thread leak", ...
  std::vector<ReportSection> sections;
  std::string cycle;  // lock-order inversions: "M0 => M1 => M0"
};

// The warnings in TSan's output, in the order they were printed. A frame is
// the program's own when its file lies outside `harness_dir` and outside
// the system's headers.
std::vector<TsanReport> parse_tsan_output(std::string_view text, std::string_view harness_dir);

// The harness's verdict for a report: data race and heap-use-after-free
// (an access racing with the free) -> race, lock-order inversion ->
// lock_order_inversion, thread leak -> thread_leak, anything else (unlock
// of an unlocked mutex, a signal-unsafe call, ...) -> crash.
Verdict verdict_of(const TsanReport& report);

// One line for the report ("race (ThreadSanitizer): write ... at a.cpp:3 and
// previous read ... at a.cpp:5") and one detail line per section.
std::string describe(const TsanReport& report);
std::vector<std::string> detail_lines(const TsanReport& report);

}  // namespace interleave::engines::tsan
