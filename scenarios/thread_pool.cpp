// thread_pool: a fixed set of workers runs submitted jobs; every result or
// exception reaches the caller exactly once. Documents 003
// (`ThreadPoolExecutor`, `as_completed`), 000 (errors and
// gather(return_exceptions=True)) and 002 (pitfall 2: forgetting to join).

#include <memory>

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"
#include "scenarios/work_queue.hpp"

namespace interleave::scenarios {
namespace {

constexpr int kStop = -1;

enum class Flaw { none, swallowed_exception, forgot_to_join, shutdown_drops_queued };

// What one job produced: a value, an error, or nothing yet.
struct JobResult {
  enum Status { pending = 0, returned = 1, failed = 2 };
  Shared<int> status;
  Shared<int> value;
  explicit JobResult(int job)
      : status(pending, fmt::format("status[{}]", job)), value(0, fmt::format("value[{}]", job)) {}
};

// Job j returns j*j, except the middle one, which throws.
int run_job(int job, int jobs) {
  if (job == jobs / 2) throw std::runtime_error(fmt::format("job {} failed", job));
  return job * job;
}

class ThreadPool {
 public:
  ThreadPool(int workers, int jobs, Flaw flaw) : jobs_(jobs), flaw_(flaw) {
    for (int j = 0; j < jobs; ++j) results_.push_back(std::make_unique<JobResult>(j));
    for (int w = 0; w < workers; ++w) workers_.push_back(spawn([this] { work(); }, fmt::format("pool{}", w)));
  }

  void submit(int job) { queue_.put(job); }

  // The id of the next job to finish, in completion order (`as_completed`).
  int next_completed() { return completed_.get(); }

  JobResult& result(int job) { return *results_[job]; }

  void shutdown() {
    if (flaw_ == Flaw::shutdown_drops_queued) stopping_.store(true);  // "stop now", not "stop when done"
    for (std::size_t w = 0; w < workers_.size(); ++w) queue_.put(kStop);
    for (auto& worker : workers_) worker.join();
  }

 private:
  void work() {
    for (;;) {
      int job = queue_.get();
      if (job == kStop || stopping_.load()) return;
      JobResult& result = *results_[job];
      try {
        result.value.write(run_job(job, jobs_));
        result.status.write(JobResult::returned);
      } catch (const std::exception&) {
        // The correct pool hands the error to the caller; the flawed one drops it.
        result.status.write(flaw_ == Flaw::swallowed_exception ? JobResult::returned : JobResult::failed);
      }
      completed_.put(job);
    }
  }

  const int jobs_;
  const Flaw flaw_;
  WorkQueue queue_{"jobs"};
  WorkQueue completed_{"completed"};
  Atomic<bool> stopping_{false, "stopping"};
  std::vector<std::unique_ptr<JobResult>> results_;
  std::vector<Task> workers_;
};

void check_delivery(JobResult& result, int job, int jobs) {
  const int status = result.status.read();
  if (job == jobs / 2)
    check(status == JobResult::failed,
          [&] { return fmt::format("job {} failed, but its error never reached the caller", job); });
  else
    check(status == JobResult::returned && result.value.read() == job * job, [&] {
      return fmt::format("job {} delivered {} instead of {}", job,
                         status == JobResult::pending ? "nothing" : "a wrong value", job * job);
    });
}

void submit_and_collect(const Params& params, Flaw flaw) {
  const int jobs = params.as_int("jobs");
  ThreadPool pool(params.as_int("workers"), jobs, flaw);
  for (int j = 0; j < jobs; ++j) pool.submit(j);
  if (flaw == Flaw::forgot_to_join) {
    for (int j = 0; j < jobs; ++j) check_delivery(pool.result(j), j, jobs);  // read before the workers are done
    pool.shutdown();
    return;
  }
  if (flaw == Flaw::shutdown_drops_queued) {
    pool.shutdown();
    for (int j = 0; j < jobs; ++j)
      check(pool.result(j).status.read() != JobResult::pending,
            [&] { return fmt::format("job {} was queued but never ran", j); });
    return;
  }
  std::vector<int> delivered(static_cast<std::size_t>(jobs), 0);
  for (int n = 0; n < jobs; ++n) {
    int job = pool.next_completed();
    ++delivered[job];
    check_delivery(pool.result(job), job, jobs);
  }
  pool.shutdown();
  for (int j = 0; j < jobs; ++j)
    check(delivered[j] == 1, [&] { return fmt::format("job {} delivered {} times", j, delivered[j]); });
}

}  // namespace

Scenario thread_pool_scenario() {
  auto with = [](Flaw flaw) { return [flaw](const Params& params) { submit_and_collect(params, flaw); }; };
  return {
      .name = "thread_pool",
      .summary = "a fixed set of workers runs submitted jobs; every result or error reaches the caller once",
      .defaults = Params({{"workers", 2}, {"jobs", 4}}),
      .variants =
          {
              variant("correct", {Verdict::clean},
                      "Workers take jobs from a queue, store each value or error, and announce the job on a "
                      "completion queue; the caller reads the completion queue (`as_completed`), so it reads a "
                      "result only after it was written. Shutdown queues one stop per worker behind the jobs, so "
                      "every queued job still runs.",
                      with(Flaw::none)),
              variant("swallowed_exception", {Verdict::invariant},
                      "The worker catches the job's exception and drops it, reporting success. The caller never "
                      "learns that job 2 failed (gather(return_exceptions=True) with the exceptions ignored). "
                      "Fix: store the error and re-raise it to the caller (`correct`).",
                      with(Flaw::swallowed_exception)),
              variant("forgot_to_join", {Verdict::race, Verdict::invariant},
                      "The caller reads the results right after submitting, without waiting for the workers "
                      "(document 002, pitfall 2). The reads race with the workers' writes, and results are "
                      "missing. Fix: wait for completion before reading (`correct`).",
                      with(Flaw::forgot_to_join)),
              variant("shutdown_drops_queued", {Verdict::invariant},
                      "shutdown() raises a stop flag that workers check before each job, so jobs still in the "
                      "queue are dropped. Fix: a shutdown that drains, stop markers queued behind the jobs "
                      "(`correct`).",
                      with(Flaw::shutdown_drops_queued)),
          },
      .bench =
          BenchSpec{{"workers"}, Params({{"jobs", 1'000}}), [](const Params& p) { return double(p["jobs"]); }, "jobs"},
      .ranges = {{"workers", kTaskCount}},
  };
}

}  // namespace interleave::scenarios
