#pragma once

// INTERLEAVE_UNDER_TSAN is defined when these tests are built with
// -fsanitize=thread (the tsan preset), for the cases TSan cannot run.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define INTERLEAVE_UNDER_TSAN 1
#endif
#endif
