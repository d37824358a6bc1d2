#pragma once

// The whole public API: what scenarios and users' own tests write against.

#include "interleave/atomic.hpp"
#include "interleave/condvar.hpp"
#include "interleave/control.hpp"
#include "interleave/explore.hpp"
#include "interleave/mutex.hpp"
#include "interleave/semaphore.hpp"
#include "interleave/shared.hpp"
#include "interleave/task.hpp"
#include "interleave/verdict.hpp"
