#pragma once

// interleave::sync: the standard library's synchronization names and
// signatures, so that code written against std:: runs under interleave
// unchanged but for one line:
//
//   namespace sync = interleave::sync;   // tests
//   namespace sync = std;                // production
//
// What is here so far: mutex, timed_mutex, recursive_mutex,
// recursive_timed_mutex, shared_mutex, lock_guard,
// unique_lock (defer_lock, try_to_lock, adopt_lock, early unlock),
// shared_lock, scoped_lock and lock (several mutexes without deadlock),
// condition_variable and condition_variable_any (wait with and without a
// predicate, wait_for), counting_semaphore/binary_semaphore, latch,
// barrier, once_flag/call_once, thread (join, detach, joinable, get_id),
// jthread with std::stop_token, this_thread::yield, sleep_for and get_id,
// atomic<T> for integral, pointer and trivially copyable T (memory_order
// accepted, treated as seq_cst; wait/notify), atomic_flag,
// atomic_thread_fence, and shared<T>, a plain variable the race detector
// watches.
// Each primitive binds to a run at its first use in it: one made before
// explore() (a fixture's member, a global) starts every schedule fresh
// (unlocked, counts as made); the values of shared<T> and atomic<T> are the
// program's and carry over, as a global int's would. A detached thread
// still running when the body ends is waited for: the schedule ends with it.
// Locations in reports are the caller's line; an atomic's or a shared's
// operators (++, +=, conversion) point at this header's line instead.
// Not yet: compare_exchange_weak's spurious failure.

#include "interleave/sync/atomic.hpp"
#include "interleave/sync/condition_variable.hpp"
#include "interleave/sync/latch_barrier.hpp"
#include "interleave/sync/mutex.hpp"
#include "interleave/sync/recursive_mutex.hpp"
#include "interleave/sync/shared.hpp"
#include "interleave/sync/shared_mutex.hpp"
#include "interleave/sync/thread.hpp"
