#include <fmt/format.h>

#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "report/variant_report.hpp"

namespace interleave::report {
namespace {

std::string failure_text(const VariantReport& report) {
  const ExploreResult& result = report.result;
  std::string text = result.message.empty() ? std::string(to_string(result.verdict)) : result.message;
  for (const auto& line : result.details) text += "\n  " + line;
  if (!report.lesson.empty()) text += "\n\nlesson: " + report.lesson;
  if (!report.token.empty())
    text += "\n\nreplay: " + report.program + " replay " + report.token;
  else if (!report.reproduce.empty())
    text += "\n\nreproduce: " + report.reproduce;
  return text;
}

// Not run, or interrupted before it found anything: no verdict either way.
bool skipped_over(const VariantReport& report) {
  return !report.ran || (report.result.interrupted && report.result.clean());
}
bool failed(const VariantReport& report) { return !skipped_over(report) && !report.matched; }

void add_testcase(pugi::xml_node suite, const VariantReport& report) {
  pugi::xml_node testcase = suite.append_child("testcase");
  testcase.append_attribute("name") = fmt::format("{} [{}]", report.variant, to_string(report.engine)).c_str();
  testcase.append_attribute("classname") = report.scenario.c_str();
  testcase.append_attribute("time") = fmt::format("{:.6f}", report.result.seconds).c_str();
  if (!report.ran) {
    testcase.append_child("skipped").append_attribute("message") = ("not run: " + report.not_run_reason).c_str();
    return;
  }
  if (report.result.interrupted && report.result.clean()) {
    testcase.append_child("skipped").append_attribute("message") =
        fmt::format("interrupted after {} schedules, clean so far", report.result.schedules).c_str();
    return;
  }
  if (report.matched) return;
  pugi::xml_node failure = testcase.append_child("failure");
  failure.append_attribute("message") =
      fmt::format("expected {}, got {}", expected_text(report.expected), to_string(report.result.verdict)).c_str();
  failure.append_attribute("type") = std::string(to_string(report.result.verdict)).c_str();
  failure.append_child(pugi::node_pcdata).set_value(failure_text(report).c_str());
}

}  // namespace

std::string to_junit(const std::vector<VariantReport>& reports, double seconds) {
  pugi::xml_document document;
  pugi::xml_node declaration = document.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";

  std::map<std::string, std::vector<const VariantReport*>> by_scenario;
  for (const auto& report : reports) by_scenario[report.scenario].push_back(&report);

  int failures = 0, skipped = 0;
  for (const auto& report : reports) {
    failures += failed(report) ? 1 : 0;
    skipped += skipped_over(report) ? 1 : 0;
  }
  pugi::xml_node root = document.append_child("testsuites");
  root.append_attribute("name") = "interleave";
  root.append_attribute("tests") = static_cast<unsigned>(reports.size());
  root.append_attribute("failures") = failures;
  root.append_attribute("skipped") = skipped;
  root.append_attribute("time") = fmt::format("{:.3f}", seconds).c_str();
  for (const auto& [scenario, members] : by_scenario) {
    pugi::xml_node suite = root.append_child("testsuite");
    int suite_failures = 0, suite_skipped = 0;
    double suite_seconds = 0;
    for (const VariantReport* report : members) {
      suite_failures += failed(*report) ? 1 : 0;
      suite_skipped += skipped_over(*report) ? 1 : 0;
      suite_seconds += report->result.seconds;
    }
    suite.append_attribute("name") = scenario.c_str();
    suite.append_attribute("tests") = static_cast<unsigned>(members.size());
    suite.append_attribute("failures") = suite_failures;
    suite.append_attribute("skipped") = suite_skipped;
    suite.append_attribute("time") = fmt::format("{:.6f}", suite_seconds).c_str();
    for (const VariantReport* report : members) add_testcase(suite, *report);
  }
  std::ostringstream out;
  document.save(out, "  ");
  return out.str();
}

}  // namespace interleave::report
