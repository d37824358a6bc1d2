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

}  // namespace interleave::cli
