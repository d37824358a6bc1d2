#include "engines/supervisor.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "engines/child_process.hpp"
#include "engines/stuck_task.hpp"
#include "explore/result_codec.hpp"

namespace interleave::engines {
namespace {

// The child writes here as each schedule starts; the supervisor reads it
// while the child runs and after it dies, however it died.
struct ProgressPage {
  std::atomic<std::uint64_t> schedules_started{0};
  std::atomic<std::uint64_t> seed{0};
  std::atomic<bool> frozen{false};  // the exploring thread is ending
  // Asked for (kDescribeSignal) once the child is stuck: which task holds
  // the exploring thread, and where it last was.
  std::atomic<bool> stuck_task_written{false};
  char stuck_task[240] = {};
};

// exit() destroys the calling thread's thread-locals first, Boost.Fiber's
// scheduler among them, and its destructor resumes the exploring context:
// schedules go on inside exit(). A thread-local made after the scheduler is
// destroyed before it, and keeps the page on the schedule that called exit.
struct FreezeOnThreadEnd {
  ProgressPage* page;
  ~FreezeOnThreadEnd() { page->frozen.store(true); }
};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);

constexpr const char* kProgressFdVariable = "INTERLEAVE_PROGRESS_FD";
constexpr int kDescribeSignal = SIGUSR2;
// How long a stuck child may take to say where it is stuck before it is killed.
constexpr auto kDescribeWait = std::chrono::seconds(1);

// The child's page, for its signal handler.
ProgressPage* child_page = nullptr;

void describe_stuck_task(int) {
  stuck_task::describe(child_page->stuck_task, sizeof child_page->stuck_task);
  child_page->stuck_task_written.store(true, std::memory_order_release);
}

// A page of shared memory the child inherits as an open file descriptor.
class SharedProgress {
 public:
  SharedProgress() {
    fd_ = memfd_create("interleave-progress", 0);  // no MFD_CLOEXEC: the child inherits it
    if (fd_ < 0 || ftruncate(fd_, sizeof(ProgressPage)) != 0)
      throw std::runtime_error(std::string("cannot create the supervisor's progress page: ") + strerror(errno));
    void* memory = mmap(nullptr, sizeof(ProgressPage), PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (memory == MAP_FAILED) throw std::runtime_error("cannot map the supervisor's progress page");
    page_ = new (memory) ProgressPage();
  }
  ~SharedProgress() {
    munmap(page_, sizeof(ProgressPage));
    close(fd_);
  }
  SharedProgress(const SharedProgress&) = delete;
  SharedProgress& operator=(const SharedProgress&) = delete;

  int fd() const { return fd_; }
  const ProgressPage& page() const { return *page_; }

 private:
  int fd_ = -1;
  ProgressPage* page_ = nullptr;
};

std::string signal_name(int signal) {
  const char* abbreviation = sigabbrev_np(signal);
  const char* description = sigdescr_np(signal);
  return fmt::format("SIG{} ({})", abbreviation != nullptr ? abbreviation : std::to_string(signal).c_str(),
                     description != nullptr ? description : "unknown signal");
}

std::vector<std::string> last_lines(const std::string& text, std::size_t count) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - static_cast<long>(count));
  return lines;
}

// The record is the child's last line: what the program under test printed
// comes before it.
std::string_view last_line(std::string_view text) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  const std::size_t start = text.rfind('\n');
  return start == std::string_view::npos ? text : text.substr(start + 1);
}

ExploreResult failed_child(Verdict verdict, std::string message, const ProgressPage& page, const ChildResult& child) {
  ExploreResult result;
  result.verdict = verdict;
  result.message = std::move(message);
  result.schedules = page.schedules_started.load();
  if (result.schedules > 0) result.failing_seed = page.seed.load();
  result.details = last_lines(child.err, 5);
  return result;
}

}  // namespace

ExploreResult explore_supervised(const SupervisedExploration& run) {
  SharedProgress progress;
  const ProgressPage& page = progress.page();
  const auto started = std::chrono::steady_clock::now();
  auto last_start = started;
  std::uint64_t last_count = 0;
  bool stalled = false, past_deadline = false;
  std::optional<std::chrono::steady_clock::time_point> asked_where;
  // Grace past the deadline: the child ends at its own budget, then shrinks
  // and writes its report.
  constexpr auto kGrace = std::chrono::seconds(5);
  auto last_progress = started;
  auto keep_waiting = [&](pid_t child) {
    const auto now = std::chrono::steady_clock::now();
    if (const std::uint64_t count = page.schedules_started.load(); count != last_count) {
      last_count = count;
      last_start = now;
    }
    if (run.progress && now - last_progress > std::chrono::seconds(1)) {
      last_progress = now;
      run.progress(last_count);
    }
    stalled = now - last_start > run.stall_limit;
    past_deadline = run.deadline && now > *run.deadline + kGrace;
    if (stalled && !past_deadline) {
      // Before it is killed, the child says which task it is stuck in.
      if (!asked_where) {
        asked_where = now;
        kill(child, kDescribeSignal);
      }
      return !page.stuck_task_written.load(std::memory_order_acquire) && now - *asked_where < kDescribeWait;
    }
    return !stalled && !past_deadline;
  };
  const ChildResult child = run_child(run.argv, {fmt::format("{}={}", kProgressFdVariable, progress.fd())},
                                      std::nullopt, run.interrupt, keep_waiting);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string in_schedule =
      page.schedules_started.load() > 0 ? fmt::format(" in schedule seed={}", page.seed.load()) : "";

  ExploreResult result;
  if (child.timed_out && stalled) {
    const std::string task = page.stuck_task_written.load() ? std::string(page.stuck_task) : std::string();
    result = failed_child(
        Verdict::hang,
        task.empty() ? fmt::format("hang: schedule seed={} ran {} s without ending: a task that never reaches a "
                                   "scheduling point (an endless loop?); the child process was killed",
                                   page.seed.load(), run.stall_limit.count() / 1000.0)
                     : fmt::format("hang: task {} ran {} s without reaching a scheduling point (an endless loop?) "
                                   "in schedule seed={}; the child process was killed",
                                   task, run.stall_limit.count() / 1000.0, page.seed.load()),
        page, child);
  } else if (child.timed_out) {
    result = failed_child(Verdict::crash, "crash: the child process ran past its budget and was killed", page, child);
  } else if (child.signal != 0 && run.interrupt != nullptr && run.interrupt->load()) {
    result.interrupted = true;
    result.schedules = page.schedules_started.load();
  } else if (child.signal != 0) {
    result = failed_child(Verdict::crash,
                          fmt::format("crash: the process was killed by {}{}", signal_name(child.signal), in_schedule),
                          page, child);
  } else if (auto decoded = exploration::decode_result(last_line(child.out)); decoded && child.exit_code == 0) {
    return *decoded;
  } else {
    result = failed_child(Verdict::crash,
                          fmt::format("crash: the process ended with exit({}){} before the exploration did",
                                      child.exit_code, in_schedule),
                          page, child);
  }
  result.seconds = seconds;
  return result;
}

void report_schedules_to_supervisor(ExploreOptions& options) {
  const char* fd_text = std::getenv(kProgressFdVariable);
  if (fd_text == nullptr) return;
  const int fd = std::atoi(fd_text);
  void* memory = mmap(nullptr, sizeof(ProgressPage), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  close(fd);  // the mapping stays; processes this one starts need not see it
  unsetenv(kProgressFdVariable);
  if (memory == MAP_FAILED) return;
  auto* page = static_cast<ProgressPage*>(memory);
  child_page = page;
  struct sigaction action = {};
  action.sa_handler = describe_stuck_task;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(kDescribeSignal, &action, nullptr);
  options.on_schedule = [page](std::uint64_t seed) {
    thread_local FreezeOnThreadEnd freeze{page};
    if (page->frozen.load(std::memory_order_relaxed)) return;
    page->seed.store(seed, std::memory_order_relaxed);
    page->schedules_started.fetch_add(1, std::memory_order_release);
  };
}

}  // namespace interleave::engines
