#pragma once

// INTERLEAVE_UNDER_TSAN is defined when these tests are built with
// -fsanitize=thread (the tsan preset), INTERLEAVE_UNDER_ASAN with
// -fsanitize=address (the asan-ubsan preset), for the cases that differ.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define INTERLEAVE_UNDER_TSAN 1
#endif
#if __has_feature(address_sanitizer)
#define INTERLEAVE_UNDER_ASAN 1
#endif
#endif
