// crawler: concurrent fetches over an in-memory link graph. Documents 000
// and 001 (async scraper): each page once, at most `max_concurrent` in
// flight, at most `max_pages` in all.

#include <deque>
#include <memory>

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

enum class Flaw { none, visited_check_then_add, page_limit_race };

// Page i links to 2i+1, 2i+2 and i+1 (modulo the number of pages).
std::vector<int> links_of(int page, int pages) {
  return {(2 * page + 1) % pages, (2 * page + 2) % pages, (page + 1) % pages};
}

class Crawler {
 public:
  Crawler(const Params& params, Flaw flaw)
      : pages_(params.as_int("pages")),
        max_pages_(params.as_int("max_pages")),
        max_concurrent_(params.as_int("max_concurrent")),
        flaw_(flaw),
        slots_(max_concurrent_, "fetch_slots") {
    for (int p = 0; p < pages_; ++p) {
      visited_.push_back(std::make_unique<Shared<bool>>(false, fmt::format("visited[{}]", p)));
      fetches_.push_back(std::make_unique<Atomic<int>>(0, fmt::format("fetches[{}]", p)));
    }
    frontier_.push_back(0);
  }

  void crawl() {
    while (auto page = next_page()) {
      fetch(*page);
      ScopedLock hold(lock_);
      for (int link : links_of(*page, pages_)) frontier_.push_back(link);
      --active_;
      changed_.notify_all();
    }
  }

  void check_results() {
    int total = 0;
    for (int p = 0; p < pages_; ++p) {
      int times = fetches_[p]->load();
      check(times <= 1, [&] { return fmt::format("page {} fetched {} times", p, times); });
      total += times;
    }
    check(total <= max_pages_, [&] { return fmt::format("{} pages fetched, the limit is {}", total, max_pages_); });
  }

 private:
  // The next page to fetch, claimed for this worker; nullopt when the crawl is over.
  std::optional<int> next_page() {
    for (;;) {
      int page = 0;
      {
        ScopedLock hold(lock_);
        while (frontier_.empty() && active_ > 0) changed_.wait(hold);
        if (frontier_.empty()) return std::nullopt;
        page = frontier_.front();
        frontier_.pop_front();
        if (flaw_ == Flaw::none) {
          if (visited_[page]->read() || claimed_.load() >= max_pages_) continue;
          claim(page);
          return page;
        }
      }
      // The flawed crawlers test outside the lock, then act under it.
      if (flaw_ == Flaw::visited_check_then_add ? visited_[page]->read() : claimed_.load() >= max_pages_) continue;
      ScopedLock hold(lock_);
      if (flaw_ == Flaw::page_limit_race && visited_[page]->read()) continue;
      claim(page);
      return page;
    }
  }

  void claim(int page) {  // under lock_
    visited_[page]->write(true);
    claimed_.fetch_add(1);
    ++active_;
  }

  void fetch(int page) {
    slots_.acquire();
    int flying = in_flight_.fetch_add(1) + 1;
    check(flying <= max_concurrent_,
          [&] { return fmt::format("{} fetches in flight, the limit is {}", flying, max_concurrent_); });
    fetches_[page]->fetch_add(1);
    sleep_for(std::chrono::milliseconds(10));  // the network
    in_flight_.fetch_sub(1);
    slots_.release();
  }

  const int pages_, max_pages_, max_concurrent_;
  const Flaw flaw_;
  Mutex lock_{"crawler.lock"};
  CondVar changed_{"crawler.changed"};
  std::deque<int> frontier_;  // under lock_
  int active_ = 0;            // pages claimed and not yet expanded, under lock_
  // One flag a page rather than a std::set: the flawed variant races on it
  // under real threads too, and a racing bool is wrong, not memory-unsafe.
  std::vector<std::unique_ptr<Shared<bool>>> visited_;
  Atomic<int> claimed_{0, "claimed"};
  Semaphore slots_;
  Atomic<int> in_flight_{0, "in_flight"};
  std::vector<std::unique_ptr<Atomic<int>>> fetches_;
};

void crawl(const Params& params, Flaw flaw) {
  Crawler crawler(params, flaw);
  run_workers(params.as_int("crawlers"), [&](int) { crawler.crawl(); });
  crawler.check_results();
}

}  // namespace

Scenario crawler_scenario() {
  auto with = [](Flaw flaw) { return [flaw](const Params& params) { crawl(params, flaw); }; };
  return {
      .name = "crawler",
      .summary = "concurrent fetches over a link graph: each page once, bounded concurrency and total",
      .defaults = Params({{"crawlers", 3}, {"pages", 7}, {"max_pages", 5}, {"max_concurrent", 2}}),
      .variants =
          {
              variant("correct", {Verdict::clean},
                      "Taking a page from the frontier, testing `visited` and the page budget, and claiming the "
                      "page all happen under one lock; a semaphore bounds the fetches in flight. Each page is "
                      "fetched at most once and the budget holds.",
                      with(Flaw::none)),
              variant("visited_check_then_add", {Verdict::race, Verdict::invariant},
                      "A page's shared `visited` flag is tested outside the lock and set later, under it. Two "
                      "crawlers holding the same link both find it unvisited and both fetch it; the unlocked "
                      "read also races with the locked write. Fix: test and add in one critical section "
                      "(`correct`).",
                      with(Flaw::visited_check_then_add)),
              variant("page_limit_race", {Verdict::invariant},
                      "The page budget is tested (an atomic load) before taking the lock, and claimed (an atomic "
                      "increment) after. Every access is atomic, so no data race; but two crawlers can both see "
                      "4 of 5 used and both claim: 6 pages. Fix: test and claim under the same lock "
                      "(`correct`).",
                      with(Flaw::page_limit_race)),
          },
      .ranges = {{"crawlers", kTaskCount}, {"pages", {1, 10'000}}},
  };
}

}  // namespace interleave::scenarios
