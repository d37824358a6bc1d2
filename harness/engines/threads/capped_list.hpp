#pragma once

#include <string>
#include <vector>

namespace interleave::engines::threads {

// A message names at most this many tasks, then how many more there are.
inline constexpr std::size_t kTasksNamed = 5;

// `items` joined by `separator`, the first kTasksNamed of them, then
// "and N more".
std::string capped_join(const std::vector<std::string>& items, const std::string& separator);

// The first kTasksNamed lines, then one "... and N more".
std::vector<std::string> capped_lines(std::vector<std::string> lines);

// A deadlock summary from detect::describe_deadlock ("<what>: a; b; c")
// with its list of waits capped.
std::string capped_deadlock_summary(const std::string& summary);

}  // namespace interleave::engines::threads
