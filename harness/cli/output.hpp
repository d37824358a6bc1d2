#pragma once

#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>

namespace interleave::cli {

// Writes `text` and a newline to the file at `path`, or to `out` when the
// path is "-". A file that cannot be written is a UsageError.
void write_output(const std::string& path, const std::string& text, std::ostream& out);

// Fails early, before any exploration, when `path` (not "-") cannot be written.
void probe_writable(const std::string& path);

// Whether one of these output paths is "-" (stdout, so that the table goes
// to stderr); more than one is a UsageError, as their texts would mix.
bool stdout_taken(std::initializer_list<std::string_view> paths);

}  // namespace interleave::cli
