#include "cli/interrupts.hpp"

#include <signal.h>

namespace interleave::cli {
namespace {

// A signal handler can reach nothing else.
std::atomic<bool> interrupt_requested{false};
struct sigaction previous_int, previous_term;

void on_interrupt(int signal) {
  if (interrupt_requested.exchange(true)) {
    // The second one: what the signal would have done without us.
    ::signal(signal, SIG_DFL);
    raise(signal);
  }
}

}  // namespace

InterruptScope::InterruptScope() {
  interrupt_requested.store(false);
  struct sigaction action{};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

InterruptScope::~InterruptScope() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

const std::atomic<bool>& InterruptScope::requested() const { return interrupt_requested; }

}  // namespace interleave::cli
