// The SVG pictures of one failing schedule for the HTML report: a swimlane
// timeline and a deadlock's wait-for cycle. ExploreResult carries events as
// text ("lock account[0]", "unlock ...", "spawn worker1", "woken from ..."),
// the racing pair in its details and the cycle in its message, so the locks
// held, the happens-before edges and the cycle are read back from those.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "report/html_report.hpp"

namespace interleave::report {
namespace {

constexpr double kRowHeight = 24;
constexpr double kHeaderHeight = 30;
constexpr double kNumberWidth = 40;
constexpr double kCharWidth = 7.3;  // a 12px monospace glyph, with a little room
constexpr double kBarWidth = 5;
constexpr std::size_t kMaxChars = 36;  // longer texts are cut, whole in their tooltip

// A mutex's colour, the same for it in every lane.
constexpr const char* kLockColours[] = {"#d9822b", "#2b8cd9", "#7a4fd1", "#2aa876", "#c94f7c", "#8a8a2a"};

struct Lane {
  int task = -1;
  std::string name;
  double x = 0;
  double width = 0;
  double gutter = 0;  // room for the lock bars on the lane's left
};

struct LockSpan {
  std::size_t lane = 0;
  std::string mutex;
  std::size_t from = 0, to = 0;  // rows, inclusive
  bool released = false;
  int depth = 0;  // how many locks this lane held already: the bar's column
};

struct Arrow {
  std::size_t from = 0, to = 0;  // rows
  std::string kind;              // css class: hb, rf, race, waits
  std::string label;
};

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::string cut(const std::string& text) {
  if (text.size() <= kMaxChars) return text;
  std::size_t end = kMaxChars - 1;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // not inside a UTF-8 character
  return text.substr(0, end) + "\u2026";
}

// The name after `prefix` up to " (" when the text goes on with a note.
std::string object_after(const std::string& text, std::string_view prefix) {
  std::string rest = text.substr(prefix.size());
  return rest.substr(0, rest.find(" ("));
}

class Timeline {
 public:
  Timeline(const ExploreResult& result, std::string_view id) : result_(result), events_(result.events), id_(id) {
    lay_out_lanes();
    find_locks();
    find_happens_before();
    find_race();
    find_waits();
    place_lanes();
  }

  std::string svg() const;

 private:
  std::size_t lane_of(std::size_t row) const { return lane_index_.at(events_[row].task); }
  std::optional<std::size_t> lane_named(const std::string& name) const {
    for (std::size_t i = 0; i < lanes_.size(); ++i)
      if (lanes_[i].name == name) return i;
    return std::nullopt;
  }
  double row_y(std::size_t row) const { return kHeaderHeight + kRowHeight * static_cast<double>(row); }

  void lay_out_lanes();
  void find_locks();
  void find_happens_before();
  void find_race();
  void find_waits();
  void place_lanes();
  std::string arrow_path(const Arrow& arrow) const;

  const ExploreResult& result_;
  const std::vector<TraceEvent>& events_;
  std::string id_;
  std::vector<Lane> lanes_;
  std::map<int, std::size_t> lane_index_;  // task id -> lane
  std::vector<LockSpan> locks_;
  std::map<std::string, std::size_t> colour_of_;  // mutex -> colour index
  std::vector<Arrow> arrows_;
  std::vector<std::size_t> racing_rows_;
  double where_width_ = 0;
  double width_ = 0;
};

void Timeline::lay_out_lanes() {
  std::vector<int> tasks;
  for (const auto& event : events_)
    if (std::find(tasks.begin(), tasks.end(), event.task) == tasks.end()) tasks.push_back(event.task);
  std::sort(tasks.begin(), tasks.end());
  for (int task : tasks) {
    lane_index_[task] = lanes_.size();
    lanes_.push_back(Lane{task, "", 0, 0, 0});
  }
  std::size_t where_chars = 6;  // "source"
  for (const auto& event : events_) {
    Lane& lane = lanes_[lane_index_[event.task]];
    lane.name = event.task_name;
    where_chars = std::max(where_chars, event.where.size());
  }
  where_width_ = static_cast<double>(where_chars) * kCharWidth + 16;
}

// A lock opens a bar in its lane and the matching unlock closes it. A wait on
// a condition variable releases the lock taken last and its wake takes it
// back (the events name the condition variable, not the mutex).
void Timeline::find_locks() {
  std::vector<std::vector<std::size_t>> open(lanes_.size());  // per lane: indexes into locks_
  std::vector<std::vector<std::string>> parked(lanes_.size());
  auto take = [&](std::size_t lane, const std::string& mutex, std::size_t row) {
    if (!colour_of_.count(mutex)) colour_of_.emplace(mutex, colour_of_.size());
    locks_.push_back(LockSpan{lane, mutex, row, row, false, static_cast<int>(open[lane].size())});
    open[lane].push_back(locks_.size() - 1);
  };
  auto release = [&](std::size_t lane, std::size_t span, std::size_t row) {
    locks_[span].to = row;
    locks_[span].released = true;
    open[lane].erase(std::find(open[lane].begin(), open[lane].end(), span));
  };
  for (std::size_t row = 0; row < events_.size(); ++row) {
    const std::string& text = events_[row].text;
    const std::size_t lane = lane_of(row);
    if (starts_with(text, "lock ") && text != "lock order inversion") {
      take(lane, object_after(text, "lock "), row);
    } else if (starts_with(text, "unlock ")) {
      const std::string mutex = object_after(text, "unlock ");
      for (auto it = open[lane].rbegin(); it != open[lane].rend(); ++it)
        if (locks_[*it].mutex == mutex) {
          release(lane, *it, row);
          break;
        }
    } else if (starts_with(text, "wait ") && !open[lane].empty()) {
      parked[lane].push_back(locks_[open[lane].back()].mutex);
      release(lane, open[lane].back(), row);
    } else if ((starts_with(text, "woken from ") || starts_with(text, "timed out on ")) && !parked[lane].empty()) {
      take(lane, parked[lane].back(), row);
      parked[lane].pop_back();
    }
  }
  for (auto& span : locks_)
    if (!span.released) span.to = events_.size() - 1;
}

// Edges the events show: a spawn to the task's first event, an unlock to the
// next lock of that mutex by another task, a notify to the wake, a release
// to the next acquire, a finished task's last event to its join, and a store
// to a load of the value it stored (reads-from).
void Timeline::find_happens_before() {
  const std::size_t rows = events_.size();
  for (std::size_t row = 0; row < rows; ++row) {
    const std::string& text = events_[row].text;
    const std::size_t lane = lane_of(row);
    auto earlier_of = [&](std::string_view prefix, const std::string& object) -> std::optional<std::size_t> {
      for (std::size_t back = row; back-- > 0;)
        if (lane_of(back) != lane && starts_with(events_[back].text, prefix) &&
            object_after(events_[back].text, prefix) == object)
          return back;
      return std::nullopt;
    };
    if (starts_with(text, "spawn ")) {
      const auto child = lane_named(text.substr(6));
      for (std::size_t next = row + 1; child && next < rows; ++next)
        if (lane_of(next) == *child) {
          arrows_.push_back({row, next, "hb", "spawn"});
          break;
        }
    } else if (starts_with(text, "lock ") && text != "lock order inversion") {
      const std::string mutex = object_after(text, "lock ");
      // The last unlock of this mutex before the lock, if another task's.
      for (std::size_t back = row; back-- > 0;)
        if (starts_with(events_[back].text, "unlock ") && object_after(events_[back].text, "unlock ") == mutex) {
          if (lane_of(back) != lane) arrows_.push_back({back, row, "hb", "unlock \u2192 lock " + mutex});
          break;
        }
    } else if (starts_with(text, "woken from ")) {
      const std::string cv = object_after(text, "woken from ");
      auto one = earlier_of("notify_one ", cv);
      auto all = earlier_of("notify_all ", cv);
      if (one || all)
        arrows_.push_back({std::max(one.value_or(0), all.value_or(0)), row, "hb", "notify \u2192 wake " + cv});
    } else if (starts_with(text, "acquire ")) {
      const std::string semaphore = object_after(text, "acquire ");
      if (auto from = earlier_of("release ", semaphore))
        arrows_.push_back({*from, row, "hb", "release \u2192 acquire " + semaphore});
    } else if (starts_with(text, "join ")) {
      const auto target = lane_named(text.substr(5));
      for (std::size_t back = row; target && back-- > 0;)
        if (lane_of(back) == *target) {
          arrows_.push_back({back, row, "hb", "finish \u2192 join"});
          break;
        }
    } else if (starts_with(text, "load ")) {
      const std::string variable = text.substr(5, text.find(" = ") - 5);
      const std::string value = text.find(" = ") == std::string::npos ? "" : text.substr(text.find(" = ") + 3);
      for (std::size_t back = row; back-- > 0;) {
        const std::string& earlier = events_[back].text;
        if (!starts_with(earlier, "store " + variable + " := ")) continue;
        if (lane_of(back) != lane && earlier.substr(earlier.find(" := ") + 4) == value)
          arrows_.push_back({back, row, "rf", "reads from"});
        break;
      }
    }
  }
}

// The details name the racing pair: "earlier: read of 'balance' by worker1 at
// bank_account.cpp:65" and "later:   write of ... by worker0 at ...".
void Timeline::find_race() {
  if (result_.verdict != Verdict::race) return;
  struct Access {
    std::string kind, variable, task, where;
  };
  auto parse = [](const std::string& line, std::string_view prefix) -> std::optional<Access> {
    if (!starts_with(line, prefix)) return std::nullopt;
    std::string rest = line.substr(prefix.size());
    rest.erase(0, rest.find_first_not_of(' '));
    const auto of = rest.find(" of '"), by = rest.find("' by "), at = rest.rfind(" at ");
    if (of == std::string::npos || by == std::string::npos || at == std::string::npos || at < by) return std::nullopt;
    return Access{rest.substr(0, of), rest.substr(of + 5, by - of - 5), rest.substr(by + 5, at - by - 5),
                  rest.substr(at + 4)};
  };
  std::optional<Access> earlier, later;
  for (const auto& line : result_.details) {
    if (!earlier) earlier = parse(line, "earlier:");
    if (!later) later = parse(line, "later:");
  }
  std::size_t end = events_.size();
  for (std::size_t row = 0; row < events_.size(); ++row)
    if (starts_with(events_[row].text, "race on ")) {
      racing_rows_.push_back(row);
      end = row + 1;
    }
  auto find_access = [&](const Access& access, std::size_t before) -> std::optional<std::size_t> {
    for (std::size_t row = before; row-- > 0;)
      if (events_[row].task_name == access.task && events_[row].where == access.where &&
          starts_with(events_[row].text, access.kind + " "))
        return row;
    return std::nullopt;
  };
  if (!earlier || !later) return;
  const auto second = find_access(*later, end);
  const auto first = second ? find_access(*earlier, *second) : std::nullopt;
  if (!first || !second) return;
  racing_rows_.push_back(*first);
  racing_rows_.push_back(*second);
  arrows_.push_back({*first, *second, "race", "race on '" + earlier->variable + "'"});
}

// A deadlock's cycle, "wait-for cycle: A waits for mutex 'M' held by B; B
// waits for ...": from where each waiter stopped to where its holder took M.
void Timeline::find_waits() {
  if (result_.verdict != Verdict::deadlock) return;
  const std::string marker = "wait-for cycle: ";
  const auto start = result_.message.find(marker);
  if (start == std::string::npos) return;
  std::string rest = result_.message.substr(start + marker.size());
  std::size_t from = 0;
  while (from <= rest.size()) {
    std::size_t end = rest.find("; ", from);
    if (end == std::string::npos) end = rest.size();
    const std::string part = rest.substr(from, end - from);
    from = end + 2;
    const auto waits = part.find(" waits for "), held = part.find(" held by ");
    if (waits == std::string::npos || held == std::string::npos) continue;
    const auto waiter = lane_named(part.substr(0, waits));
    const auto holder = lane_named(part.substr(held + 9));
    std::string resource = part.substr(waits + 11, held - waits - 11);
    if (!waiter || !holder) continue;
    std::string mutex = resource;
    if (starts_with(mutex, "mutex '") && mutex.size() > 8) mutex = mutex.substr(7, mutex.size() - 8);
    std::optional<std::size_t> waiter_row, holder_row;
    for (std::size_t row = 0; row < events_.size(); ++row) {
      if (lane_of(row) == *waiter) waiter_row = row;
      if (lane_of(row) == *holder && events_[row].text == "lock " + mutex) holder_row = row;
    }
    if (waiter_row && holder_row) arrows_.push_back({*waiter_row, *holder_row, "waits", "waits for " + resource});
  }
}

void Timeline::place_lanes() {
  std::vector<int> depth(lanes_.size(), 0);
  for (const auto& span : locks_) depth[span.lane] = std::max(depth[span.lane], span.depth + 1);
  std::vector<std::size_t> chars(lanes_.size(), 0);
  for (std::size_t i = 0; i < lanes_.size(); ++i) chars[i] = lanes_[i].name.size();
  for (const auto& event : events_) {
    std::size_t& longest = chars[lane_index_[event.task]];
    longest = std::max(longest, std::min(kMaxChars, event.text.size()));
  }
  double x = kNumberWidth;
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    lanes_[i].gutter = 8 + kBarWidth * 1.6 * depth[i];
    lanes_[i].width = lanes_[i].gutter + static_cast<double>(chars[i]) * kCharWidth + 24;
    lanes_[i].x = x;
    x += lanes_[i].width;
  }
  width_ = x + where_width_;
}

// From the side of one lane facing the other, an S curve between the rows.
std::string Timeline::arrow_path(const Arrow& arrow) const {
  const Lane& a = lanes_[lane_of(arrow.from)];
  const Lane& b = lanes_[lane_of(arrow.to)];
  const double y1 = row_y(arrow.from) + kRowHeight / 2, y2 = row_y(arrow.to) + kRowHeight / 2;
  double x1, x2;
  if (a.x < b.x) {
    x1 = a.x + a.width - 6;
    x2 = b.x + 3;
  } else {
    x1 = a.x + 3;
    x2 = b.x + b.width - 6;
  }
  const double bend = (x2 - x1) / 2;
  return fmt::format("M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}", x1, y1, x1 + bend, y1, x2 - bend, y2,
                     x2, y2);
}

std::string Timeline::svg() const {
  const double height = row_y(events_.size()) + 8;
  std::string out = fmt::format(
      "<svg class=\"timeline\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" role=\"img\" aria-label=\"swimlane timeline\">\n",
      width_, height);
  out += "<defs>";
  for (const char* kind : {"hb", "rf", "race", "waits"})
    out += fmt::format(
        "<marker id=\"{}-head-{}\" class=\"head-{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
        "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>",
        id_, kind, kind);
  out += "</defs>\n";
  // Lanes: a background column and a heading each.
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    const Lane& lane = lanes_[i];
    out += fmt::format(
        "<g class=\"lane\" data-task=\"{}\" data-name=\"{}\"><rect class=\"lane-bg lane-{}\" x=\"{:.1f}\" y=\"0\" "
        "width=\"{:.1f}\" height=\"{:.0f}\"/><text class=\"lane-name\" x=\"{:.1f}\" y=\"20\">{}</text></g>\n",
        lane.task, html_escape(lane.name), i % 2, lane.x, lane.width, height, lane.x + lane.gutter,
        html_escape(lane.name));
  }
  out += fmt::format(
      "<text class=\"heading\" x=\"4\" y=\"20\">#</text><text class=\"heading\" x=\"{:.1f}\" "
      "y=\"20\">source</text>\n",
      width_ - where_width_ + 8);
  // Rows: number, the event's text in its task's lane, its source line.
  for (std::size_t row = 0; row < events_.size(); ++row) {
    const TraceEvent& event = events_[row];
    const Lane& lane = lanes_[lane_of(row)];
    const double y = row_y(row);
    const bool racing = std::find(racing_rows_.begin(), racing_rows_.end(), row) != racing_rows_.end();
    const bool failing = row + 1 == events_.size() && !result_.clean();
    out += fmt::format(
        "<g class=\"event{}{}\" id=\"{}-row-{}\" data-row=\"{}\" data-task=\"{}\">"
        "<title>{} \u2014 {}{}{}</title>"
        "<line class=\"row-rule\" x1=\"0\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<rect class=\"cell\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.0f}\" rx=\"3\"/>"
        "<text class=\"number\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>"
        "<text class=\"text\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>"
        "<text class=\"where\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text></g>\n",
        racing ? " racing" : "", failing ? " failing" : "", id_, row + 1, row + 1, event.task,
        html_escape(event.task_name), html_escape(event.text), event.where.empty() ? "" : " at ",
        html_escape(event.where), width_, y + kRowHeight, y + kRowHeight, lane.x + lane.gutter - 4, y + 2,
        lane.width - lane.gutter - 4, kRowHeight - 4, kNumberWidth - 8, y + 16, row + 1, lane.x + lane.gutter, y + 16,
        html_escape(cut(event.text)), width_ - where_width_ + 8, y + 16, html_escape(event.where));
  }
  // Locks held: a bar from the lock's row to its unlock's (dashed: never released).
  for (const auto& span : locks_) {
    const Lane& lane = lanes_[span.lane];
    out += fmt::format(
        "<rect class=\"lock-bar{}\" data-mutex=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "rx=\"2\" fill=\"{}\"><title>{} holds {} (rows {} to {}{})</title></rect>\n",
        span.released ? "" : " unreleased", html_escape(span.mutex), lane.x + 4 + kBarWidth * 1.6 * span.depth,
        row_y(span.from) + 4, kBarWidth, row_y(span.to) - row_y(span.from) + kRowHeight - 8,
        kLockColours[colour_of_.at(span.mutex) % std::size(kLockColours)], html_escape(lane.name),
        html_escape(span.mutex), span.from + 1, span.to + 1, span.released ? "" : ", still held");
  }
  for (const auto& arrow : arrows_) {
    if (lane_of(arrow.from) == lane_of(arrow.to)) continue;
    out += fmt::format(
        "<path class=\"arrow {0}\" d=\"{1}\" marker-end=\"url(#{2}-head-{0})\"><title>{3} (row {4} \u2192 row "
        "{5})</title></path>\n",
        arrow.kind, arrow_path(arrow), id_, html_escape(arrow.label), arrow.from + 1, arrow.to + 1);
  }
  out += "</svg>";
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string timeline_svg(const ExploreResult& result, std::string_view id) {
  if (result.events.empty()) return {};
  return Timeline(result, id).svg();
}

std::string wait_for_cycle_svg(const ExploreResult& result, std::string_view id) {
  if (result.verdict != Verdict::deadlock) return {};
  const std::string marker = "wait-for cycle: ";
  const auto start = result.message.find(marker);
  if (start == std::string::npos) return {};
  // Each part "A waits for R held by B" or "A waits for B to finish"; in a
  // cycle the next part's waiter is this part's holder.
  std::vector<std::string> tasks, resources;
  std::string rest = result.message.substr(start + marker.size());
  for (std::size_t from = 0; from <= rest.size();) {
    std::size_t end = rest.find("; ", from);
    if (end == std::string::npos) end = rest.size();
    const std::string part = rest.substr(from, end - from);
    from = end + 2;
    const auto waits = part.find(" waits for ");
    if (waits == std::string::npos) continue;
    tasks.push_back(part.substr(0, waits));
    const auto held = part.find(" held by ");
    resources.push_back(part.substr(waits + 11, held == std::string::npos ? std::string::npos : held - waits - 11));
  }
  const std::size_t n = tasks.size();
  if (n == 0) return {};
  const double pi = std::acos(-1.0);
  // Two tasks side by side (their arrows bow above and below), more around
  // an ellipse from the top; the labels need room at the sides.
  const double radius = n == 1 ? 0 : n == 2 ? 130 : 60 + 18.0 * static_cast<double>(n);
  const double start_angle = n == 2 ? pi : -pi / 2;
  const double width = 2 * radius + 300, centre_x = width / 2;
  std::vector<double> xs(n), ys(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double angle = start_angle + 2 * pi * static_cast<double>(i) / static_cast<double>(n);
    xs[i] = centre_x + radius * std::cos(angle);
    ys[i] = radius * 0.75 * std::sin(angle);
  }
  const double top = *std::min_element(ys.begin(), ys.end()), bottom = *std::max_element(ys.begin(), ys.end());
  const double above = n == 1 ? 100 : 60;  // room for a label, or a task's loop to itself
  for (double& y : ys) y += above - top;
  const double height = bottom - top + above + 60;
  std::string out = fmt::format(
      "<svg class=\"cycle\" width=\"{0:.0f}\" height=\"{1:.0f}\" viewBox=\"0 0 "
      "{0:.0f} {1:.0f}\" role=\"img\" aria-label=\"wait-for cycle\"><defs><marker id=\"{2}-head-cycle\" "
      "class=\"head-waits\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
      "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n",
      width, height, id);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t j = (i + 1) % n;
    // A quadratic curve bowed to the left of its direction, so that A->B and
    // B->A in a cycle of two do not lie on each other.
    double dx = xs[j] - xs[i], dy = ys[j] - ys[i];
    double length = std::hypot(dx, dy);
    if (length < 1) {  // a task waiting for itself: a loop above it
      out += fmt::format(
          "<path class=\"cycle-edge\" d=\"M{0:.1f},{1:.1f} C{2:.1f},{3:.1f} {4:.1f},{3:.1f} {5:.1f},{1:.1f}\" "
          "marker-end=\"url(#{6}-head-cycle)\"/>",
          xs[i] - 20, ys[i] - 14, xs[i] - 60, ys[i] - 90, xs[i] + 60, xs[i] + 20, id);
      out += fmt::format("<text class=\"cycle-label\" text-anchor=\"middle\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
                         xs[i], ys[i] - 74, html_escape(resources[i]));
      continue;
    }
    const double ux = dx / length, uy = dy / length, trim = 34;
    const double x1 = xs[i] + ux * trim, y1 = ys[i] + uy * trim, x2 = xs[j] - ux * trim, y2 = ys[j] - uy * trim;
    const double bow = 40;
    const double cx = (x1 + x2) / 2 + uy * bow, cy = (y1 + y2) / 2 - ux * bow;
    out += fmt::format(
        "<path class=\"cycle-edge\" d=\"M{:.1f},{:.1f} Q{:.1f},{:.1f} {:.1f},{:.1f}\" "
        "marker-end=\"url(#{}-head-cycle)\"><title>{} waits for {}</title></path>",
        x1, y1, cx, cy, x2, y2, id, html_escape(tasks[i]), html_escape(resources[i]));
    // The label outside the bow, anchored on the side it leans to.
    const double label_x = (x1 + x2) / 2 + uy * 34, label_y = (y1 + y2) / 2 - ux * 34 + 4;
    const char* anchor = std::abs(uy) < 0.3 ? "middle" : label_x > centre_x ? "start" : "end";
    out += fmt::format("<text class=\"cycle-label\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\">{}</text>\n", label_x,
                       label_y + (ux > 0.7 ? 6 : 0), anchor, html_escape(resources[i]));
  }
  for (std::size_t i = 0; i < n; ++i)
    out += fmt::format(
        "<g class=\"cycle-task\"><ellipse cx=\"{:.1f}\" cy=\"{:.1f}\" rx=\"{:.1f}\" ry=\"16\"/><text x=\"{:.1f}\" "
        "y=\"{:.1f}\">{}</text></g>\n",
        xs[i], ys[i], std::max(34.0, static_cast<double>(tasks[i].size()) * 4.2 + 12), xs[i], ys[i] + 4,
        html_escape(tasks[i]));
  out += "</svg>";
  return out;
}

}  // namespace interleave::report
