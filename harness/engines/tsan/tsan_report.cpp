#include "engines/tsan/tsan_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <regex>
#include <sstream>

namespace interleave::engines::tsan {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::string lowercase_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

// "Read of size 4 at 0x7f0a96bfa458 by thread T43:" -> "read of size 4 by thread T43"
std::string heading_of(std::string_view line) {
  static const std::regex address(R"( at 0x[0-9a-f]+)");
  std::string text(line.substr(line.find_first_not_of(' ')));
  if (!text.empty() && text.back() == ':') text.pop_back();
  return lowercase_first(std::regex_replace(text, address, ""));
}

// A section that says where an access or acquisition happened, as opposed
// to where a thread or a mutex was created, what the address is, or TSan's
// note that a sleep came between the accesses.
bool is_access_section(std::string_view heading) {
  return !starts_with(heading, "thread ") && !starts_with(heading, "location ") &&
         heading.find(" created at") == std::string_view::npos && !starts_with(heading, "cycle in lock order") &&
         !starts_with(heading, "as if synchronized via sleep");
}

}  // namespace

std::vector<TsanReport> parse_tsan_output(std::string_view text, std::string_view harness_dir) {
  // "    #1 function /path/file.cpp:31:60 (binary+0x...)"
  static const std::regex frame(R"(^\s+#\d+ .* ([^\s:]+):(\d+)(?::\d+)? \(.*$)");
  static const std::regex any_frame(R"(^\s+#\d+ .*$)");
  static const std::regex warning(R"(^WARNING: ThreadSanitizer: (.*?)(?: \(pid=\d+\))?$)");
  static const std::regex cycle(R"(^\s+Cycle in lock order graph: (.*)$)");
  static const std::regex mutex_address(R"( \(0x[0-9a-f]+\))");

  std::vector<TsanReport> reports;
  ReportSection* section = nullptr;
  bool section_located = false;
  bool section_has_source = false;
  std::istringstream lines{std::string(text)};
  std::string line;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (std::regex_match(line, match, warning)) {
      reports.push_back({match[1].str(), {}, {}});
      section = nullptr;
      continue;
    }
    if (reports.empty()) continue;
    TsanReport& report = reports.back();
    if (starts_with(line, "SUMMARY: ") || starts_with(line, "==========")) {
      section = nullptr;
      continue;
    }
    if (std::regex_match(line, match, cycle)) {
      report.cycle = std::regex_replace(match[1].str(), mutex_address, "");
      continue;
    }
    if (std::regex_match(line, match, frame)) {
      if (section && !section_has_source) section->unsymbolized = false;
      section_has_source = true;
      if (!section || section_located) continue;
      const std::string file = match[1].str();
      const bool harness = starts_with(file, harness_dir) || starts_with(file, "/usr/") || file == "<null>";
      if (harness) continue;
      section->where = fmt::format("{}:{}", file.substr(file.find_last_of('/') + 1), match[2].str());
      section_located = true;
      continue;
    }
    // A section heading: two spaces of indent and a colon at the end.
    if (starts_with(line, "  ") && line.size() > 3 && line[2] != ' ' && line.back() == ':') {
      std::string heading = heading_of(line);
      if (!is_access_section(heading)) {
        section = nullptr;
        continue;
      }
      report.sections.push_back({heading, {}});
      section = &report.sections.back();
      section_located = false;
      section_has_source = false;
      continue;
    }
    if (section && !section_has_source && std::regex_match(line, any_frame)) section->unsymbolized = true;
  }
  return reports;
}

Verdict verdict_of(const TsanReport& report) {
  // TSan finds a use after free as an access racing with the free: a data race.
  if (report.kind == "data race" || starts_with(report.kind, "heap-use-after-free")) return Verdict::race;
  if (starts_with(report.kind, "lock-order-inversion")) return Verdict::lock_order_inversion;
  if (report.kind == "thread leak") return Verdict::thread_leak;
  return Verdict::crash;
}

std::string describe(const TsanReport& report) {
  std::vector<std::string> parts;
  for (const auto& section : report.sections) {
    // The detail lines show where each held mutex was taken; the line itself keeps to the cycle's edges.
    if (section.heading.find("previously acquired") != std::string::npos) continue;
    parts.push_back(section.where.empty() ? section.heading : fmt::format("{} at {}", section.heading, section.where));
  }
  std::string text = fmt::format("{} (ThreadSanitizer): ", to_string(verdict_of(report)));
  if (report.kind != "data race" && !starts_with(report.kind, "lock-order-inversion")) text += report.kind + ": ";
  if (!report.cycle.empty()) text += fmt::format("cycle {}; ", report.cycle);
  return text + fmt::format("{}", fmt::join(parts, " and "));
}

std::vector<std::string> detail_lines(const TsanReport& report) {
  std::vector<std::string> lines;
  for (const auto& section : report.sections)
    if (!section.where.empty())
      lines.push_back(fmt::format("{}: {}", section.where, section.heading));
    else if (section.unsymbolized)
      lines.push_back(
          section.heading +
          " (ThreadSanitizer's stack has no source lines: llvm-symbolizer-19 was not found; install llvm-19)");
    else
      lines.push_back(section.heading + " (no frame outside the harness)");
  return lines;
}

}  // namespace interleave::engines::tsan
