#pragma once
// Where the classes' sync:: names come from: std in production/, and
// interleave's mirror of std in under_test/, where the tests explore them.
// In a namespace of our own: a global `sync` clashes with POSIX's sync().
#include <interleave/sync.hpp>
namespace shop {
namespace sync = interleave::sync;
}  // namespace shop
