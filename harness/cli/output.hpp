#pragma once

#include <iosfwd>
#include <string>

namespace interleave::cli {

// Writes `text` and a newline to the file at `path`, or to `out` when the
// path is "-". A file that cannot be written is a UsageError.
void write_output(const std::string& path, const std::string& text, std::ostream& out);

// Fails early, before any exploration, when `path` (not "-") cannot be written.
void probe_writable(const std::string& path);

}  // namespace interleave::cli
