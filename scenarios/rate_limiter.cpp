// rate_limiter: no window of one second may hold more than `rate`
// acquisitions. Document 000 (`RateLimiter`, and a scraper that uses
// Semaphore(rate) plus sleep(1/rate)). Windows are seconds long, so this
// scenario runs in the fiber engine's virtual time only.

#include <algorithm>
#include <deque>

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

constexpr Duration kWindow = std::chrono::seconds(1);

// The harness's own record of when acquisitions happened (not part of any limiter).
class AcquisitionLog {
 public:
  void record() {
    ScopedLock hold(lock_);
    times_.push_back(now());
  }

  // Every window [t, t + 1 s) starting at an acquisition holds at most `rate`.
  void check_rate(int rate) {
    ScopedLock hold(lock_);
    std::sort(times_.begin(), times_.end());
    for (std::size_t i = 0; i < times_.size(); ++i) {
      auto end = std::lower_bound(times_.begin(), times_.end(), times_[i] + kWindow);
      auto in_window = end - (times_.begin() + static_cast<std::ptrdiff_t>(i));
      check(in_window <= rate, [&] {
        return fmt::format("limit exceeded: {} acquisitions within one second of t={} ms, limit {}", in_window,
                           std::chrono::duration_cast<std::chrono::milliseconds>(times_[i]).count(), rate);
      });
    }
  }

 private:
  Mutex lock_{"log.lock"};
  std::vector<Duration> times_;
};

// `rate` tokens; each one taken returns to the bucket exactly one second
// later, so no one-second window can see more than `rate` of them used.
class TokenBucket {
 public:
  explicit TokenBucket(int rate) : rate_(rate) {}

  void acquire(AcquisitionLog& log) {
    for (;;) {
      Duration wait{0};
      {
        ScopedLock hold(lock_);
        while (!returns_.empty() && returns_.front() <= now()) returns_.pop_front();
        if (static_cast<int>(returns_.size()) < rate_) {
          returns_.push_back(now() + kWindow);
          log.record();
          return;
        }
        wait = returns_.front() - now();
      }
      sleep_for(wait);  // until the oldest token comes back
    }
  }

 private:
  const int rate_;
  Mutex lock_{"bucket.lock"};
  std::deque<Duration> returns_;  // when each token in use comes back
};

// A fixed window counter whose reads and writes take no lock.
class UnlockedWindow {
 public:
  explicit UnlockedWindow(int rate) : rate_(rate) {}

  void acquire(AcquisitionLog& log) {
    for (;;) {
      if (now() - window_start_.read() >= kWindow) {
        window_start_.write(now());
        count_.write(0);
      }
      if (count_.read() < rate_) {
        count_.write(count_.read() + 1);
        log.record();
        return;
      }
      sleep_for(window_start_.read() + kWindow - now());
    }
  }

 private:
  const int rate_;
  Shared<Duration> window_start_{Duration{0}, "window_start"};
  Shared<int> count_{0, "count"};
};

void run_limited(const Params& params, const std::function<void(AcquisitionLog&)>& acquire) {
  const int workers = params.as_int("workers"), requests = params.as_int("requests");
  AcquisitionLog log;
  run_workers(workers, [&](int) {
    for (int r = 0; r < requests; ++r) acquire(log);
  });
  log.check_rate(params.as_int("rate"));
}

void token_bucket(const Params& params) {
  TokenBucket bucket(params.as_int("rate"));
  run_limited(params, [&](AcquisitionLog& log) { bucket.acquire(log); });
}

void unlocked_window(const Params& params) {
  UnlockedWindow window(params.as_int("rate"));
  run_limited(params, [&](AcquisitionLog& log) { window.acquire(log); });
}

// Semaphore(rate) bounds how many requests are in flight, and each holds its
// permit for 1/rate seconds: rate requests every 1/rate seconds.
void semaphore_as_rate_limit(const Params& params) {
  const int rate = params.as_int("rate");
  Semaphore permits(rate, "permits");
  run_limited(params, [&](AcquisitionLog& log) {
    permits.acquire();
    log.record();
    sleep_for(kWindow / rate);
    permits.release();
  });
}

}  // namespace

Scenario rate_limiter_scenario() {
  const std::vector<EngineKind> fiber_only = {EngineKind::fiber};
  return {
      .name = "rate_limiter",
      .summary = "at most `rate` acquisitions in any one-second window (virtual time)",
      .defaults = Params({{"workers", 3}, {"requests", 2}, {"rate", 2}}),
      .variants =
          {
              variant("token_bucket", {Verdict::clean},
                      "A bucket of `rate` tokens, each returned exactly one second after it was taken, all "
                      "bookkeeping under one lock. Whoever finds the bucket empty sleeps until the oldest token "
                      "returns. No one-second window ever holds more than `rate` acquisitions.",
                      token_bucket, fiber_only),
              variant("unlocked_window", {Verdict::race, Verdict::invariant},
                      "A window start and a counter, read and updated without a lock. Two workers both see "
                      "count 1 < 2 and both take the last slot; or one resets the window while another counts in "
                      "the old one. Data races, and the limit is exceeded. Fix: one lock around the whole "
                      "test-and-update (`token_bucket`).",
                      unlocked_window, fiber_only),
              variant("semaphore_as_rate_limit", {Verdict::invariant},
                      "Semaphore(rate) plus sleep(1/rate) limits how many requests are in flight, not how many "
                      "start per second: `rate` requests start every 1/rate seconds, rate squared per second. No "
                      "race anywhere; only the rate check catches it. Fix: a limiter that counts by time "
                      "(`token_bucket`).",
                      semaphore_as_rate_limit, fiber_only),
          },
      .ranges = {{"workers", kTaskCount}},
  };
}

}  // namespace interleave::scenarios
