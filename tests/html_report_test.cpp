// `run --html` and `explain --html` rendered by a real browser: headless
// Chromium loads the page and dumps its DOM, and every lane and event of each
// bug's timeline must be in it. Without Chromium the browser tests skip,
// unless INTERLEAVE_REQUIRE_BROWSER=1 (ci/test.sh) makes that a failure.

#include "report/html_report.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

namespace interleave::report {
namespace {

namespace fs = std::filesystem;

bool browser_required() {
  const char* required = std::getenv("INTERLEAVE_REQUIRE_BROWSER");
  return required && std::string(required) == "1";
}

// Chromium as Debian installs it (ci/setup.sh), else on the PATH.
std::string find_chromium() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (access(candidate, X_OK) == 0) return candidate;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream dirs(path);
    for (std::string dir; std::getline(dirs, dir, ':');)
      for (const char* name : {"chromium", "chromium-browser"})
        if (access((fs::path(dir) / name).c_str(), X_OK) == 0) return (fs::path(dir) / name).string();
  }
  return {};
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs a shell command and returns its stdout and exit status.
std::pair<std::string, int> capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {"", -1};
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = pclose(pipe);
  return {out, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// The DOM with the entities the serializer writes turned back into characters.
std::string unescaped(std::string text) {
  for (const auto& [entity, character] : std::initializer_list<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}, {"&amp;", "&"}}) {
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + character.size()))
      text.replace(at, entity.size(), character);
  }
  return text;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

// The part of the DOM from a variant's section to the next one.
std::string section_of(const std::string& dom, const std::string& variant) {
  const auto start = dom.find("<section class=\"bug\" data-variant=\"" + variant + "\"");
  if (start == std::string::npos) return {};
  const auto end = dom.find("</section>", start);
  return dom.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

class HtmlInBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_ = find_chromium();
    if (chromium_.empty()) {
      if (browser_required()) FAIL() << "INTERLEAVE_REQUIRE_BROWSER=1 but no chromium found (bash ci/setup.sh)";
      GTEST_SKIP() << "chromium not installed (bash ci/setup.sh installs it); the HTML is not rendered";
    }
    dir_ = fs::temp_directory_path() / ("interleave-html-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // The DOM after the page's scripts ran, as headless Chromium serializes it.
  std::string dump_dom(const fs::path& page) const {
    auto [dom, status] = capture(quoted(chromium_) + " --headless --no-sandbox --disable-gpu --user-data-dir=" +
                                 quoted((dir_ / "profile").string()) + " --dump-dom " +
                                 quoted("file://" + page.string()) + " 2>/dev/null");
    EXPECT_EQ(status, 0) << "chromium --dump-dom failed";
    return dom;
  }

  std::string chromium_;
  fs::path dir_;
};

TEST_F(HtmlInBrowser, EveryLaneAndEventOfEachBugIsInTheRenderedPage) {
  const fs::path html = dir_ / "r.html", json = dir_ / "r.json";
  auto [out, status] = capture(std::string(INTERLEAVE_BINARY) + " run 'bank_account/*' --html " +
                               quoted(html.string()) + " --json " + quoted(json.string()) + " 2>&1");
  ASSERT_EQ(status, 0) << out;
  const std::string page = read_file(html);
  ASSERT_FALSE(page.empty());
  // Self-contained: nothing to fetch, no address to go to.
  EXPECT_EQ(page.find("http"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(page.find(" src="), std::string::npos);

  const std::string dom = unescaped(dump_dom(html));
  ASSERT_NE(dom.find("<table class=\"summary\">"), std::string::npos) << dom.substr(0, 2000);
  EXPECT_EQ(dom.find("http"), std::string::npos);

  const auto records = nlohmann::json::parse(read_file(json));
  EXPECT_EQ(count_of(dom, "<tr class=\"variant-row\">"), records.size());
  const std::string summary = dom.substr(0, dom.find("</table>"));
  std::size_t bugs = 0;
  for (const auto& record : records) {
    const std::string name = record["scenario"].get<std::string>() + "/" + record["variant"].get<std::string>();
    EXPECT_NE(summary.find(name + "</"), std::string::npos) << name << " is not in the summary table";
    if (record["verdict"] == "clean") {
      EXPECT_TRUE(section_of(dom, name).empty()) << name << " is clean and has no timeline";
      continue;
    }
    ++bugs;
    const std::string section = section_of(dom, name);
    ASSERT_FALSE(section.empty()) << name << " has no section";
    const auto& events = record["events"];
    ASSERT_FALSE(events.empty()) << name;
    std::set<int> tasks;
    for (const auto& event : events) tasks.insert(event["task"].get<int>());
    // One lane per task, each task's lane by its id.
    EXPECT_EQ(count_of(section, "<g class=\"lane\""), tasks.size()) << name;
    for (int task : tasks)
      EXPECT_NE(section.find("<g class=\"lane\" data-task=\"" + std::to_string(task) + "\""), std::string::npos)
          << name << " lane " << task;
    // One row per event, in order, in its task's lane, with its text and source line.
    EXPECT_EQ(count_of(section, "<g class=\"event"), events.size()) << name;
    for (std::size_t row = 0; row < events.size(); ++row) {
      const auto& event = events[row];
      const std::string row_id =
          "data-row=\"" + std::to_string(row + 1) + "\" data-task=\"" + std::to_string(event["task"].get<int>()) + "\"";
      const auto at = section.find(row_id);
      ASSERT_NE(at, std::string::npos) << name << " row " << row + 1;
      const std::string where = event["where"].get<std::string>();
      const std::string title = event["task_name"].get<std::string>() + " \u2014 " + event["text"].get<std::string>() +
                                (where.empty() ? "" : " at " + where);
      EXPECT_EQ(section.find("<title>" + title + "</title>", at), section.find("<title>", at))
          << name << " row " << row + 1 << ": " << title;
    }
    // The replay command, with its copy button.
    const std::string replay = "interleave replay " + record["replay"].get<std::string>();
    EXPECT_NE(section.find("<code class=\"token\">" + replay + "</code>"), std::string::npos) << name;
    EXPECT_NE(section.find("data-copy=\"" + replay + "\""), std::string::npos) << name;
    EXPECT_NE(section.find("What goes wrong, and the fix"), std::string::npos) << name;
    if (record["verdict"] == "race") EXPECT_EQ(count_of(section, "class=\"arrow race\""), 1u) << name;
    if (record["verdict"] == "deadlock") {
      EXPECT_NE(section.find("<svg class=\"cycle\""), std::string::npos) << name;
      EXPECT_EQ(count_of(section, "class=\"cycle-task\""), 2u) << name;
      EXPECT_EQ(count_of(section, "class=\"arrow waits\""), 2u) << name;
    }
    if (record["variant"] == "check_then_act") EXPECT_EQ(count_of(section, "class=\"lock-bar"), 4u) << name;
  }
  EXPECT_EQ(bugs, 3u);
}

TEST_F(HtmlInBrowser, ExplainShowsTheScenarioLessonsAndTheInterleaving) {
  const fs::path html = dir_ / "e.html";
  auto [out, status] = capture(std::string(INTERLEAVE_BINARY) + " explain bank_account/transfer_lock_order --html " +
                               quoted(html.string()) + " 2>&1");
  ASSERT_EQ(status, 0) << out;
  const std::string page = read_file(html);
  EXPECT_EQ(page.find("http"), std::string::npos);
  const std::string dom = unescaped(dump_dom(html));
  EXPECT_EQ(count_of(dom, "<tr class=\"variant-row"), 5u);  // every variant of bank_account, with its lesson
  const std::string section = section_of(dom, "bank_account/transfer_lock_order");
  ASSERT_FALSE(section.empty()) << dom.substr(0, 2000);
  EXPECT_EQ(count_of(section, "<g class=\"lane\""), 3u);
  EXPECT_GT(count_of(section, "<g class=\"event"), 0u);
  EXPECT_NE(section.find("<svg class=\"cycle\""), std::string::npos);
  EXPECT_NE(section.find("data-copy=\"interleave replay il2:bank_account/transfer_lock_order:"), std::string::npos);
}

TEST(HtmlEscape, EscapesMarkupAndQuotes) {
  EXPECT_EQ(html_escape("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
}

}  // namespace
}  // namespace interleave::report
