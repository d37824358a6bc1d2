#pragma once

namespace interleave::bench {

// Hand-written std:: twins of catalog variants (the same algorithm without
// the runtime API, doing the scenario's own checks too), for the
// harness-overhead ratio, and the same operation on well-kept libraries, for
// context. Each spawns its threads, does the work, joins, and throws
// std::runtime_error if the result is wrong.

// counter/locked: `workers` threads, `iterations` increments each, one std::mutex.
void std_counter_locked(int workers, int iterations);
// counter/atomic_fetch_add with std::atomic.
void std_counter_atomic(int workers, int iterations);

// bounded_queue/correct: a deque, a std::mutex, two std::condition_variables, close().
void std_bounded_queue(int producers, int consumers, int items, int capacity);
// The same producer/consumer run on boost::fibers::buffered_channel (capacity rounded up to a power of two).
void fiber_channel_queue(int producers, int consumers, int items, int capacity);
// On tbb::concurrent_bounded_queue.
void tbb_bounded_queue(int producers, int consumers, int items, int capacity);
// On moodycamel::BlockingConcurrentQueue (unbounded: it has no capacity).
void moodycamel_queue(int producers, int consumers, int items);

}  // namespace interleave::bench
