#include "cli/output.hpp"

#include <fmt/format.h>

#include <fstream>

#include "cli/printable.hpp"
#include "cli/selection.hpp"

namespace interleave::cli {

void write_output(const std::string& path, const std::string& text, std::ostream& out) {
  if (path == "-") {
    out << text << "\n";
    return;
  }
  std::ofstream file(path);
  if (!file || !(file << text << "\n")) throw UsageError(fmt::format("cannot write {}", echoed(path)));
}

void probe_writable(const std::string& path) {
  if (path.empty() || path == "-") return;
  std::ofstream probe(path, std::ios::app);
  if (!probe) throw UsageError(fmt::format("cannot write {}", echoed(path)));
}

bool stdout_taken(std::initializer_list<std::string_view> paths) {
  int taken = 0;
  for (std::string_view path : paths) taken += path == "-" ? 1 : 0;
  if (taken > 1) throw UsageError("only one report can go to stdout ('-')");
  return taken == 1;
}

}  // namespace interleave::cli
