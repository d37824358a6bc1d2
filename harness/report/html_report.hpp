#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "interleave/explore.hpp"
#include "interleave/scenario.hpp"
#include "report/variant_report.hpp"

namespace interleave::report {

// One self-contained HTML page (inline CSS, JS and SVG; nothing fetched) for
// `run --html`: a table of every variant, then each bug found as a swimlane
// timeline with its lesson, the correct twin's lesson (looked up in
// `catalog`) and the replay token.
std::string to_html(const std::vector<VariantReport>& reports, double seconds, const std::vector<Scenario>& catalog);

// `explain --html`: the scenario's variants with their lessons, and
// `explored` (one of them, explored at the lesson sizes) shown as a bug of
// `to_html` is.
std::string explain_html(const Scenario& scenario, const VariantReport& explored);

// --- pieces shared by the page and its timelines (html_timeline.cpp) ---

// `text` with &, <, >, " and ' escaped, for element text and attribute values alike.
std::string html_escape(std::string_view text);

// The failing schedule of `result` as an SVG swimlane: one lane (column) per
// task, one row per event, locks held as bars, happens-before edges, the
// racing pair and a deadlock's waits as arrows. `id` prefixes the SVG's ids,
// so that several timelines share one page. Empty when there are no events.
std::string timeline_svg(const ExploreResult& result, std::string_view id);

// A deadlock's wait-for cycle (from its message) as a ring of tasks with the
// resource each waits for on its arrow; empty when the result has none.
std::string wait_for_cycle_svg(const ExploreResult& result, std::string_view id);

}  // namespace interleave::report
