// `run --html` and `explain --html`: one page with everything inline (CSS,
// JS, SVG), so that it opens from a CI artifact with no network.
#include "report/html_report.hpp"

#include <fmt/format.h>

#include "report/timeline.hpp"

namespace interleave::report {
namespace {

constexpr std::string_view kStyle = R"css(
body { margin: 0; padding: 16px 24px 40px; background: #fff; color: #1d2330;
  font: 14px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0; } h2.mono { font-size: 15px; }
h3 { font-size: 14px; margin: 14px 0 6px; }
code, pre, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
.totals { color: #4a5263; margin: 0 0 14px; }
table.summary { border-collapse: collapse; margin-bottom: 22px; }
table.summary th, table.summary td { padding: 3px 10px; border-bottom: 1px solid #e3e6ec; text-align: left; }
table.summary th { background: #f3f5f9; font-weight: 600; }
table.summary td.number { text-align: right; font-variant-numeric: tabular-nums; }
.verdict { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600;
  background: #e7ebf2; color: #333; }
.verdict.clean { background: #dff3e4; color: #17642f; }
.verdict.bug { background: #fde2e1; color: #9b1c1c; }
.match.yes { color: #17642f; font-weight: 600; } .match.no { color: #b42318; font-weight: 700; }
section.bug { border: 1px solid #d8dce4; border-radius: 8px; padding: 12px 16px; margin: 0 0 22px; }
section.bug > header { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.message { margin: 6px 0 10px; font-weight: 500; }
.bug-body { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.picture { flex: 0 1 auto; max-width: 100%; overflow-x: auto; }
aside.lesson { flex: 1 1 300px; min-width: 280px; max-width: 560px; }
aside.lesson p { margin: 0 0 8px; }
.heading-line { color: #4a5263; margin: 0 0 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; color: #4a5263; font-size: 12px; margin: 0 0 6px; }
.legend svg { vertical-align: middle; }
ul.details { margin: 0; padding-left: 18px; } ul.details li { font-family: "DejaVu Sans Mono", monospace;
  font-size: 12px; margin: 2px 0; }
.token-box { display: flex; gap: 8px; align-items: flex-start; margin: 4px 0 10px; }
.token-box code { flex: 1; background: #f3f5f9; border: 1px solid #d8dce4; border-radius: 4px; padding: 4px 6px;
  word-break: break-all; }
button.copy { font: inherit; font-size: 12px; padding: 3px 10px; border: 1px solid #8a94a8; border-radius: 4px;
  background: #fff; cursor: pointer; } button.copy:hover { background: #eef2f8; }
svg text { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; fill: #1d2330; }
svg .lane-bg.lane-0 { fill: #fafbfd; } svg .lane-bg.lane-1 { fill: #f1f4f9; }
svg .lane-name, svg .heading { font-weight: 700; }
svg .row-rule { stroke: #e3e6ec; stroke-width: 1; }
svg .cell { fill: none; }
svg .event.racing .cell { fill: #fde2e1; stroke: #d92d20; }
svg .event.failing .cell { fill: #fff1d6; stroke: #dc8b00; }
svg .number, svg .where { fill: #6b7385; }
svg .lock-bar { opacity: 0.9; } svg .lock-bar.unreleased { opacity: 0.55; }
svg .arrow { fill: none; stroke-width: 1.6; }
svg .arrow.hb { stroke: #3b6fd1; } svg .head-hb { fill: #3b6fd1; }
svg .arrow.rf { stroke: #3b9d8f; stroke-dasharray: 2 3; } svg .head-rf { fill: #3b9d8f; }
svg .arrow.race { stroke: #d92d20; stroke-width: 2.6; } svg .head-race { fill: #d92d20; }
svg .arrow.waits { stroke: #b42318; stroke-width: 2; stroke-dasharray: 6 4; } svg .head-waits { fill: #b42318; }
svg .cycle-edge { fill: none; stroke: #b42318; stroke-width: 2; }
svg .cycle-task ellipse { fill: #fde2e1; stroke: #b42318; stroke-width: 1.5; }
svg .cycle-task text { text-anchor: middle; }
svg .cycle-label { fill: #9b1c1c; }
table.variants td { vertical-align: top; } table.variants td.lesson-text { max-width: 640px; }
)css";

// Copies with the Clipboard API where the page may, else through a selected
// textarea and execCommand (older browsers, some file:// pages); failing
// both, it leaves the text selected.
constexpr std::string_view kScript = R"js(
function interleaveCopy(button) {
  var text = button.getAttribute('data-copy');
  function done(ok) {
    button.textContent = ok ? 'copied' : 'selected: press Ctrl+C';
    var code = button.parentNode.querySelector('code');
    if (!ok && code && window.getSelection) {  // leave it selected for the keyboard
      var range = document.createRange();
      range.selectNodeContents(code);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    }
    setTimeout(function () { button.textContent = 'copy'; }, 1600);
  }
  function fallback() {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    done(ok);
  }
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
  else
    fallback();
}
document.addEventListener('click', function (event) {
  var button = event.target.closest ? event.target.closest('button.copy') : null;
  if (button) interleaveCopy(button);
});
)js";

std::string page(std::string_view title, const std::string& body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n{}<script>{}</script>\n</body>\n</html>",
      html_escape(title), kStyle, body, kScript);
}

std::string verdict_badge(Verdict verdict) {
  return fmt::format("<span class=\"verdict {}\">{}</span>", verdict == Verdict::clean ? "clean" : "bug",
                     to_string(verdict));
}

std::string paragraphs(std::string_view heading, const std::string& text) {
  if (text.empty()) return {};
  return fmt::format("<h3>{}</h3><p>{}</p>\n", html_escape(heading), html_escape(text));
}

std::string copy_box(std::string_view heading, const std::string& text) {
  return fmt::format(
      "<h3>{}</h3><div class=\"token-box\"><code class=\"token\">{}</code>"
      "<button class=\"copy\" type=\"button\" data-copy=\"{}\">copy</button></div>\n",
      html_escape(heading), html_escape(text), html_escape(text));
}

std::string legend() {
  auto line = [](std::string_view style, std::string_view label) {
    return fmt::format(
        "<span><svg width=\"28\" height=\"10\"><line x1=\"1\" y1=\"5\" x2=\"27\" y2=\"5\" style=\"{}\"/></svg> "
        "{}</span>",
        style, label);
  };
  return "<div class=\"legend\">" + line("stroke:#3b6fd1;stroke-width:2", "happens-before") +
         line("stroke:#3b9d8f;stroke-width:2;stroke-dasharray:2 3", "reads from") +
         line("stroke:#d92d20;stroke-width:3", "racing pair") +
         line("stroke:#b42318;stroke-width:2;stroke-dasharray:6 4", "waits for") +
         "<span><svg width=\"10\" height=\"14\"><rect x=\"2\" y=\"0\" width=\"5\" height=\"14\" rx=\"2\" "
         "fill=\"#d9822b\"/></svg> lock held (a colour per mutex; hover for its name)</span></div>\n";
}

// The interleaving of one bug, its lesson and fix beside it, and its token.
std::string bug_body(const VariantReport& report, const std::string& fix_heading, const std::string& fix,
                     std::string_view id) {
  const ExploreResult& result = report.result;
  std::string out = "<div class=\"bug-body\">\n<div class=\"picture\">\n";
  if (!result.events.empty()) {
    out += fmt::format("<p class=\"heading-line\">{}</p>\n", html_escape(interleaving_heading(result)));
    out += legend();
    out += timeline_svg(result, id) + "\n";
  } else if (!result.clean()) {
    out +=
        fmt::format("<p class=\"heading-line\">No interleaving recorded ({} engine).</p>\n", to_string(report.engine));
  }
  if (std::string cycle = wait_for_cycle_svg(result, id); !cycle.empty())
    out += "<h3>The wait-for cycle</h3>\n" + cycle + "\n";
  out += "</div>\n<aside class=\"lesson\">\n";
  out += paragraphs(report.expected.size() == 1 && report.expected.front() == Verdict::clean
                        ? "Why it should be correct"
                        : "What goes wrong, and the fix",
                    report.lesson);
  out += paragraphs(fix_heading, fix);
  if (!result.details.empty()) {
    out += "<h3>Details</h3><ul class=\"details\">";
    for (const auto& line : result.details) out += "<li>" + html_escape(line) + "</li>";
    out += "</ul>\n";
  }
  if (const auto& consequence = result.race_consequence) {
    out +=
        paragraphs("What the race leads to",
                   fmt::format("{} (found with the race detector off: {} preemption{}, "
                               "{} schedule{})",
                               consequence->message, consequence->preemptions, consequence->preemptions == 1 ? "" : "s",
                               consequence->schedules, consequence->schedules == 1 ? "" : "s"));
    if (!report.consequence_token.empty())
      out += copy_box("Replay what it leads to", report.program + " replay " + report.consequence_token);
  }
  if (!report.token.empty())
    out += copy_box("Replay this interleaving", report.program + " replay " + report.token);
  else if (!report.reproduce.empty())
    out += copy_box("Reproduce", report.reproduce);
  out += "</aside>\n</div>\n";
  return out;
}

const Variant* find_variant(const Scenario& scenario, const std::string& name) {
  for (const auto& variant : scenario.variants)
    if (variant.name == name) return &variant;
  return nullptr;
}

// The correct twin's lesson: the fix of a broken variant.
std::pair<std::string, std::string> fix_of(const VariantReport& report, const std::vector<Scenario>& catalog) {
  for (const auto& scenario : catalog) {
    if (scenario.name != report.scenario) continue;
    const Variant* variant = find_variant(scenario, report.variant);
    const Variant* twin = variant ? scenario.twin_of(*variant) : nullptr;
    if (twin && twin != variant) return {"The correct twin, " + scenario.name + "/" + twin->name, twin->lesson};
  }
  return {};
}

std::string summary_table(const std::vector<VariantReport>& reports) {
  std::string out =
      "<table class=\"summary\">\n<thead><tr><th>variant</th><th>engine</th><th>expected</th><th>verdict</th>"
      "<th>matched</th><th>schedules</th><th>seconds</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const VariantReport& report = reports[i];
    const std::string name = html_escape(report.full_name());
    out += fmt::format(
        "<tr class=\"variant-row\"><td class=\"mono\">{}</td><td>{}</td><td class=\"mono\">{}</td><td>{}</td>"
        "<td class=\"match {}\">{}</td><td class=\"number\">{}</td><td class=\"number\">{:.3f}</td></tr>\n",
        report.ran && !report.result.clean() ? fmt::format("<a href=\"#bug-{}\">{}</a>", i + 1, name) : name,
        to_string(report.engine), html_escape(expected_text(report.expected)),
        report.ran ? verdict_badge(report.result.verdict) : "<span class=\"verdict\">not run</span>",
        report.matched ? "yes" : "no",
        report.ran ? (report.matched ? "yes" : "no") : html_escape("no: " + report.not_run_reason),
        report.result.schedules, report.result.seconds);
  }
  return out + "</tbody>\n</table>\n";
}

std::string bug_header(const VariantReport& report, std::string_view id) {
  return fmt::format(
      "<header><h2 id=\"{}\" class=\"mono\">{}</h2>{}<span>{} engine</span><span>expected {}</span>"
      "<span class=\"match {}\">{}</span></header>\n<p class=\"message\">{}</p>\n",
      id, html_escape(report.full_name()), verdict_badge(report.result.verdict), to_string(report.engine),
      html_escape(expected_text(report.expected)), report.matched ? "yes" : "no",
      report.matched ? "as expected" : "not as expected", html_escape(report.result.message));
}

}  // namespace

std::string to_html(const std::vector<VariantReport>& reports, double seconds, const std::vector<Scenario>& catalog) {
  std::string body = "<h1>interleave run</h1>\n";
  body += fmt::format("<p class=\"totals\">{}</p>\n", html_escape(summary_line(reports, seconds)));
  body += summary_table(reports);
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const VariantReport& report = reports[i];
    if (!report.ran || report.result.clean()) continue;
    const std::string id = fmt::format("bug-{}", i + 1);
    const auto [fix_heading, fix] = fix_of(report, catalog);
    body += "<section class=\"bug\" data-variant=\"" + html_escape(report.full_name()) + "\">\n";
    body += bug_header(report, id);
    body += bug_body(report, fix_heading, fix, id);
    body += "</section>\n";
  }
  return page("interleave run", body);
}

std::string explain_html(const Scenario& scenario, const VariantReport& explored) {
  std::string body = fmt::format("<h1>{}</h1>\n<p class=\"totals\">{}</p>\n", html_escape(scenario.name),
                                 html_escape(scenario.summary));
  body +=
      "<h3>Its variants</h3>\n<table class=\"summary variants\">\n<thead><tr><th>variant</th><th>expected</th>"
      "<th>lesson</th></tr></thead>\n<tbody>\n";
  for (const auto& variant : scenario.variants)
    body += fmt::format(
        "<tr class=\"variant-row{}\"><td class=\"mono\">{}</td><td class=\"mono\">{}</td><td "
        "class=\"lesson-text\">{}</td></tr>\n",
        variant.name == explored.variant ? " explained" : "", html_escape(variant.name),
        html_escape(expected_text(variant.expected)), html_escape(variant.lesson));
  body += "</tbody>\n</table>\n";

  const Variant* variant = find_variant(scenario, explored.variant);
  const Variant* twin = variant ? scenario.twin_of(*variant) : nullptr;
  std::string sizes;
  for (const auto& [key, value] : explored.params.values()) sizes += fmt::format(" {}={}", key, value);
  const ExploreResult& result = explored.result;
  body += "<section class=\"bug\" data-variant=\"" + html_escape(explored.full_name()) + "\">\n";
  body += bug_header(explored, "explored");
  body += fmt::format("<p class=\"heading-line\">Explored on the {} engine,{}: {} after {} schedule{}.</p>\n",
                      to_string(explored.engine), html_escape(sizes), to_string(result.verdict), result.schedules,
                      result.schedules == 1 ? "" : "s");
  if (result.clean() && result.events.empty()) body += "<p>No schedule broke it.</p>\n";
  body += bug_body(explored, twin && twin != variant ? "The correct twin, " + scenario.name + "/" + twin->name : "",
                   twin && twin != variant ? twin->lesson : "", "explored");
  body += "</section>\n";
  return page("interleave explain " + explored.full_name(), body);
}

}  // namespace interleave::report
