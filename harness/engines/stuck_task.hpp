#pragma once

#include <cstddef>

// Which task holds the exploring thread and where it last was, for a
// supervisor whose child stopped starting schedules (an endless loop with no
// scheduling point). An engine that runs tasks on the exploring thread
// registers a describer while it exists; a signal handler calls it, so a
// describer only reads and formats into the buffer it is given.
namespace interleave::engines::stuck_task {

using Describer = void (*)(const void* engine, char* out, std::size_t size) noexcept;

void set(const void* engine, Describer describe) noexcept;
void clear(const void* engine) noexcept;

// Writes e.g. "worker1, after spin.cpp:12," into out, NUL-terminated; an
// empty string when no engine is registered or no task is running.
void describe(char* out, std::size_t size) noexcept;

}  // namespace interleave::engines::stuck_task
