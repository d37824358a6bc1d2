// SARIF 2.1.0 (OASIS) as GitHub code scanning reads it: rules in
// tool.driver, results with a physical location, relatedLocations linked
// from the message, codeFlows[].threadFlows[] with executionOrder.

#include "report/sarif_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string_view>
#include <system_error>

#ifndef INTERLEAVE_VERSION
#define INTERLEAVE_VERSION "0.0.0"
#endif

namespace interleave::report {
namespace {

using nlohmann::json;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kRootId = "SRCROOT";

struct SarifRule {
  Verdict verdict;
  std::string_view name;  // PascalCase and not the id, as SARIF's reportingDescriptor.name asks
  std::string_view short_description;
  std::string_view full_description;
};

constexpr std::array<SarifRule, 9> kRules{{
    {Verdict::race, "DataRace",
     "Two tasks access the same variable, at least one writes, and no happens-before order separates them.",
     "A data race: the accesses are not ordered by a lock, an atomic's release and acquire, a join or any other "
     "synchronization, so either may come first (and under the C++ memory model the behaviour is undefined). The "
     "related location is the other access; the code flow is the shortest interleaving found."},
    {Verdict::invariant, "InvariantViolated",
     "A check of the program failed under one interleaving: a lost update, a broken invariant.",
     "An atomicity violation or ordering bug: every access may be synchronized, yet some interleaving of the tasks "
     "breaks what the program checks. The code flow is the shortest interleaving that fails the check."},
    {Verdict::deadlock, "AllTasksBlocked", "Every live task is blocked and nothing can wake any of them.",
     "A deadlock: the tasks wait for each other in a cycle (the related locations are the other waits), or for "
     "something no task will ever provide, such as a notify that came before the wait."},
    {Verdict::lock_order_inversion, "LockOrderInversion",
     "Tasks take the same locks in orders that form a cycle: at the wrong moment they deadlock.",
     "A lock-order inversion: one task holds A and asks for B while another holds B and asks for A (or a longer "
     "cycle). The primary location is an acquisition of the cycle, the related locations the others."},
    {Verdict::hang, "ScheduleNeverEnds",
     "A schedule never ends: a livelock, an endless wait or a loop that never exits.",
     "A hang: some interleaving runs past its step bound or, on real threads, makes no progress for the hang "
     "timeout while a task could run."},
    {Verdict::blocked_loop, "BlockedLoop",
     "A task ran too long between two scheduling points while others were ready: it blocks the loop.",
     "A blocked event loop: a blocking call or a long computation inside a task that others wait on."},
    {Verdict::crash, "CrashUnderInterleaving",
     "The program crashed, threw, exited or misused a primitive under some interleaving.",
     "A crash: a signal, an uncaught exception, an exit() or a primitive used against its contract (unlocking a "
     "mutex not held, say) in one interleaving."},
    {Verdict::thread_leak, "ThreadNeverJoined", "A thread was neither joined nor detached (ThreadSanitizer).",
     "A thread leak: a thread still running, or finished but never joined, when the program ended."},
    {Verdict::not_linearizable, "NotLinearizable",
     "A concurrent history that no sequential order of the operations explains.",
     "Not linearizable: the object's operations, run concurrently, returned results that no one-at-a-time order "
     "of them could give."},
}};

// "text." for SARIF's messages, which end with a period; the padding that
// aligns the text report's columns ("later:   ") is one space here.
std::string sentence(std::string text) {
  text.erase(std::unique(text.begin(), text.end(), [](char a, char b) { return a == ' ' && b == ' '; }), text.end());
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?') text += '.';
  return text;
}

json message(std::string text) { return {{"text", sentence(std::move(text))}}; }

// A URI path segment: RFC 3986 unreserved characters and '/' as they are.
std::string uri_escaped(std::string_view path) {
  std::string escaped;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      escaped += static_cast<char>(c);
    else
      escaped += fmt::format("%{:02X}", c);
  }
  return escaped;
}

// A source line that a message, a detail or a trace event names.
struct SourceLine {
  std::string file;  // as the engine wrote it: usually a basename
  int line = 0;
  friend bool operator==(const SourceLine&, const SourceLine&) = default;
};

// Every "file.cpp:N" in `text`, in order.
std::vector<SourceLine> source_lines_in(const std::string& text) {
  static const std::regex kFileLine(
      R"(((?:/|\b)[A-Za-z0-9_.+\-/]*\.(?:cpp|cc|cxx|c|hpp|hh|hxx|h|ipp|inl|tcc)):([0-9]{1,9})\b)");
  std::vector<SourceLine> lines;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kFileLine); it != std::sregex_iterator(); ++it)
    lines.push_back({(*it)[1].str(), std::stoi((*it)[2].str())});
  return lines;
}

std::optional<SourceLine> source_line_of(const std::string& where) {
  auto lines = source_lines_in(where);
  if (lines.empty()) return std::nullopt;
  return lines.front();
}

// Turns the engines' file names into URIs under the source root. Basenames
// are looked up beneath it once, on first need (hidden folders, build trees
// and node_modules skipped); of several files with one name, the shortest
// path wins.
class SourceTree {
 public:
  explicit SourceTree(std::filesystem::path root) : root_(std::move(root)) {
    std::error_code error;
    if (root_.empty()) root_ = std::filesystem::current_path(error);
    root_ = std::filesystem::weakly_canonical(root_, error);
  }

  // The root as a file URI ending in '/', for originalUriBaseIds.
  std::string root_uri() const {
    std::string path = root_.generic_string();
    if (path.empty() || path.back() != '/') path += '/';
    return "file://" + uri_escaped(path);
  }

  // {"uri", "uriBaseId"} for a file the engine named.
  json artifact_location(const std::string& file) {
    const std::filesystem::path path(file);
    std::error_code error;
    if (path.is_absolute()) {
      auto relative = std::filesystem::proximate(path, root_, error);
      if (!error && !relative.empty() && *relative.begin() != "..") return under_root(relative.generic_string());
      return {{"uri", "file://" + uri_escaped(path.generic_string())}};
    }
    if (file.find('/') != std::string::npos && std::filesystem::is_regular_file(root_ / path, error))
      return under_root(path.generic_string());
    const auto found = index().find(path.filename().string());
    return under_root(found != index().end() ? found->second : file);
  }

  // Where a variant is declared: the first line of the scenario's file
  // (scenario.cpp beneath the root) that quotes its name. For a bug whose
  // messages name no line (a linearizability violation).
  std::optional<SourceLine> declaration_of(const std::string& scenario, const std::string& variant) {
    const auto found = index().find(scenario + ".cpp");
    if (found == index().end()) return std::nullopt;
    std::ifstream source(root_ / found->second);
    std::string text;
    for (int line = 1; std::getline(source, text); ++line)
      if (text.find('"' + variant + '"') != std::string::npos) return SourceLine{found->second, line};
    return SourceLine{found->second, 1};
  }

 private:
  json under_root(const std::string& relative) const {
    return {{"uri", uri_escaped(relative)}, {"uriBaseId", kRootId}};
  }

  const std::map<std::string, std::string>& index() {
    if (!indexed_) build_index();
    return index_;
  }

  void build_index() {
    indexed_ = true;
    constexpr int kMaxEntries = 200'000;
    std::error_code error;
    auto it = std::filesystem::recursive_directory_iterator(
        root_, std::filesystem::directory_options::skip_permission_denied, error);
    int entries = 0;
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      if (++entries > kMaxEntries) break;
      const auto& path = it->path();
      const std::string name = path.filename().string();
      std::error_code kind_error;
      if (it->is_directory(kind_error)) {
        if (name.starts_with('.') || name == "node_modules" ||
            std::filesystem::exists(path / "CMakeCache.txt", kind_error))
          it.disable_recursion_pending();
        continue;
      }
      if (!source_line_of(name + ":1")) continue;  // not a source file
      const std::string relative = std::filesystem::relative(path, root_, kind_error).generic_string();
      if (kind_error) continue;
      auto [slot, inserted] = index_.emplace(name, relative);
      if (!inserted && (relative.size() < slot->second.size() ||
                        (relative.size() == slot->second.size() && relative < slot->second)))
        slot->second = relative;
    }
  }

  std::filesystem::path root_;
  bool indexed_ = false;
  std::map<std::string, std::string> index_;  // basename -> path relative to the root
};

// A place in the source with what happened there.
struct Mention {
  SourceLine where;
  std::string text;
};

std::vector<Mention> mentions_in(const std::string& text) {
  std::vector<Mention> mentions;
  for (auto& where : source_lines_in(text)) mentions.push_back({std::move(where), text});
  return mentions;
}

// The places a detail line names; an inversion's "T holds 'a' (locked at X)
// and asks for 'b' at Y" names Y first, the acquisition that closes the cycle.
std::vector<Mention> detail_mentions(const std::string& detail) {
  auto found = mentions_in(detail);
  if (found.size() == 2 && detail.find("asks for") != std::string::npos) std::swap(found[0], found[1]);
  return found;
}

// The line that failed or raced first, then the other accesses,
// acquisitions and waits, in the order the verdict's message names them
// (each with the words of the detail line that names it too), then the
// places only the details name.
std::vector<Mention> mentions_of(const ExploreResult& result) {
  std::vector<Mention> mentions;
  std::vector<bool> used(result.details.size(), false);
  const auto take_detail = [&](std::size_t i) {
    used[i] = true;
    for (auto& mention : detail_mentions(result.details[i])) mentions.push_back(std::move(mention));
  };
  // A race: the later access is where the detector stopped the run.
  for (std::size_t i = 0; i < result.details.size(); ++i)
    if (result.verdict == Verdict::race && result.details[i].starts_with("later:")) take_detail(i);
  for (auto& mention : mentions_in(result.message)) {
    if (std::any_of(mentions.begin(), mentions.end(), [&](const Mention& seen) { return seen.where == mention.where; }))
      continue;
    // The detail that names this place: one the message quotes, else any.
    std::optional<std::size_t> detail;
    for (std::size_t i = 0; i < result.details.size(); ++i) {
      if (used[i] || std::ranges::count(source_lines_in(result.details[i]), mention.where) == 0) continue;
      const bool quoted = result.message.find(result.details[i]) != std::string::npos;
      if (!detail || quoted) detail = i;
      if (quoted) break;
    }
    if (detail)
      take_detail(*detail);
    else
      mentions.push_back(std::move(mention));
  }
  for (std::size_t i = 0; i < result.details.size(); ++i)
    if (!used[i]) take_detail(i);
  // One mention per place and text: an inversion's lines repeat their locks.
  std::vector<Mention> unique;
  for (auto& mention : mentions)
    if (std::none_of(unique.begin(), unique.end(),
                     [&](const Mention& seen) { return seen.where == mention.where && seen.text == mention.text; }))
      unique.push_back(std::move(mention));
  if (unique.empty()) {
    // Where nothing is named: the last step of the interleaving that has a place.
    for (auto event = result.events.rbegin(); event != result.events.rend(); ++event)
      if (auto where = source_line_of(event->where)) {
        unique.push_back({*where, event->task_name + ": " + event->text});
        break;
      }
  }
  return unique;
}

json physical_location(SourceTree& tree, const SourceLine& where) {
  return {{"artifactLocation", tree.artifact_location(where.file)}, {"region", {{"startLine", where.line}}}};
}

// SARIF's own words for what a step does (threadFlowLocation.kinds), from
// the first word of its text; none for the rest.
json step_kinds(const std::string& text) {
  const std::string_view word = std::string_view(text).substr(0, text.find(' '));
  if (word == "lock") return json::array({"acquire", "lock"});
  if (word == "unlock") return json::array({"release", "lock"});
  if (word == "acquire") return json::array({"acquire", "resource"});
  if (word == "release") return json::array({"release", "resource"});
  if (word == "read" || word == "write" || word == "load" || word == "store" || word == "update")
    return json::array({"memory"});
  if (word == "race" || word == "check" || word == "deadlock:" || word == "blocked") return json::array({"danger"});
  return nullptr;
}

// One thread flow per task, in the order the tasks first act; each step
// keeps its place in the whole interleaving as executionOrder.
json code_flows(SourceTree& tree, const ExploreResult& result) {
  if (result.events.empty()) return nullptr;
  std::vector<int> tasks;
  std::map<int, json> flows;
  for (std::size_t step = 0; step < result.events.size(); ++step) {
    const TraceEvent& event = result.events[step];
    if (!flows.contains(event.task)) {
      tasks.push_back(event.task);
      flows[event.task] = {{"id", event.task_name}, {"message", message("task " + event.task_name)}};
      flows[event.task]["locations"] = json::array();
    }
    json location = {{"message", message(event.text)}};
    if (auto where = source_line_of(event.where)) location["physicalLocation"] = physical_location(tree, *where);
    json step_json = {{"location", std::move(location)}, {"executionOrder", static_cast<int>(step + 1)}};
    if (json kinds = step_kinds(event.text); !kinds.is_null()) step_json["kinds"] = std::move(kinds);
    flows[event.task]["locations"].push_back(std::move(step_json));
  }
  json thread_flows = json::array();
  for (int task : tasks) thread_flows.push_back(std::move(flows[task]));
  const std::string text = fmt::format("the interleaving, {} steps with {} preemption{}", result.events.size(),
                                       result.preemptions, result.preemptions == 1 ? "" : "s");
  return json::array({{{"message", message(text)}, {"threadFlows", std::move(thread_flows)}}});
}

// The result's message: the verdict's own line, the related locations as
// embedded links (GitHub shows them so), the lesson and how to reproduce it.
std::string result_text(const VariantReport& report, const std::vector<Mention>& related) {
  const ExploreResult& result = report.result;
  std::string text = report.full_name() + ": " +
                     sentence(result.message.empty() ? std::string(to_string(result.verdict)) : result.message);
  if (!related.empty()) {
    text += " See";
    for (std::size_t i = 0; i < related.size(); ++i)
      text +=
          fmt::format("{} [{}:{}]({})", i == 0 ? "" : ",",
                      std::filesystem::path(related[i].where.file).filename().string(), related[i].where.line, i + 1);
    text += ".";
  }
  if (const auto& consequence = result.race_consequence) text += " It leads to " + sentence(consequence->message);
  if (!report.lesson.empty()) text += " Lesson: " + sentence(report.lesson);
  if (!report.token.empty())
    text += " Replay: " + report.program + " replay " + report.token;
  else if (!report.reproduce.empty())
    text += " Reproduce: " + report.reproduce;
  return text;
}

json result_properties(const VariantReport& report) {
  const ExploreResult& result = report.result;
  json expected = json::array();
  for (Verdict verdict : report.expected) expected.push_back(to_string(verdict));
  json properties = {{"scenario", report.scenario},        {"variant", report.variant},
                     {"engine", to_string(report.engine)}, {"expected", expected},
                     {"matched", report.matched},          {"schedules", result.schedules},
                     {"preemptions", result.preemptions},  {"details", result.details}};
  if (!report.lesson.empty()) properties["lesson"] = report.lesson;
  if (!report.token.empty()) properties["replay"] = report.token;
  if (!report.reproduce.empty()) properties["reproduce"] = report.reproduce;
  if (result.failing_seed) properties["seed"] = *result.failing_seed;
  if (const auto& consequence = result.race_consequence)
    properties["raceConsequence"] = {{"verdict", to_string(consequence->verdict)}, {"message", consequence->message}};
  return properties;
}

std::size_t rule_index(Verdict verdict) {
  for (std::size_t i = 0; i < kRules.size(); ++i)
    if (kRules[i].verdict == verdict) return i;
  return kRules.size();
}

json rules_json() {
  json rules = json::array();
  for (const SarifRule& rule : kRules)
    rules.push_back(
        {{"id", to_string(rule.verdict)},
         {"name", rule.name},
         {"shortDescription", {{"text", rule.short_description}}},
         {"fullDescription", {{"text", rule.full_description}}},
         {"help", {{"text", rule.full_description}}},
         {"defaultConfiguration", {{"level", "error"}}},
         {"properties", {{"tags", json::array({"concurrency", "reliability"})}, {"precision", "very-high"}}}});
  return rules;
}

json result_json(SourceTree& tree, const VariantReport& report) {
  const ExploreResult& result = report.result;
  std::vector<Mention> mentions = mentions_of(result);
  if (mentions.empty())
    if (auto declared = tree.declaration_of(report.scenario, report.variant))
      mentions.push_back({*declared, "variant " + report.full_name() + " is declared here"});
  const std::vector<Mention> related(mentions.empty() ? mentions.end() : mentions.begin() + 1, mentions.end());
  json sarif = {{"ruleId", to_string(result.verdict)},
                {"ruleIndex", rule_index(result.verdict)},
                {"level", "error"},
                {"message", message(result_text(report, related))}};
  if (!mentions.empty())
    sarif["locations"] = json::array({{{"physicalLocation", physical_location(tree, mentions.front().where)},
                                       {"message", message(mentions.front().text)}}});
  if (!related.empty()) {
    json locations = json::array();
    for (std::size_t i = 0; i < related.size(); ++i)
      locations.push_back({{"id", static_cast<int>(i + 1)},
                           {"physicalLocation", physical_location(tree, related[i].where)},
                           {"message", message(related[i].text)}});
    sarif["relatedLocations"] = std::move(locations);
  }
  if (json flows = code_flows(tree, result); !flows.is_null()) sarif["codeFlows"] = std::move(flows);
  sarif["properties"] = result_properties(report);
  return sarif;
}

}  // namespace

std::string to_sarif(const std::vector<VariantReport>& reports, const SarifOptions& options) {
  SourceTree tree(options.source_root);
  json results = json::array();
  for (const auto& report : reports) {
    // A variant not run, or interrupted before it found anything, found no bug.
    if (!report.ran || report.result.clean() || rule_index(report.result.verdict) == kRules.size()) continue;
    results.push_back(result_json(tree, report));
  }
  json driver = {{"name", "interleave"},
                 {"version", INTERLEAVE_VERSION},
                 {"semanticVersion", INTERLEAVE_VERSION},
                 {"fullName", "interleave concurrency-bug harness"},
                 {"rules", rules_json()}};
  json run = {{"tool", {{"driver", std::move(driver)}}},
              {"originalUriBaseIds", {{kRootId, {{"uri", tree.root_uri()}}}}},
              {"results", std::move(results)},
              {"columnKind", "utf16CodeUnits"}};
  return json{{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}}.dump(2);
}

}  // namespace interleave::report
