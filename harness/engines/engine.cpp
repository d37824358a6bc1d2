#include "engines/engine.hpp"

#include <stdexcept>

#include "engines/fiber/fiber_engine.hpp"
#include "engines/fiber/strategy_factory.hpp"
#include "engines/processes/processes_engine.hpp"
#include "engines/threads/threads_engine.hpp"

namespace interleave::engines {

std::unique_ptr<Engine> make_engine(const ExploreOptions& options) {
  switch (options.engine) {
    case EngineKind::fiber:
      return std::make_unique<fiber::FiberEngine>(fiber::make_strategy(options.strategy), options);
    case EngineKind::threads:
      return std::make_unique<threads::ThreadsEngine>(options.noise, options.max_steps, options.hang_timeout,
                                                      options.finish_schedule_after_failed_check);
    case EngineKind::processes:
      return std::make_unique<processes::ProcessesEngine>(options.hang_timeout);
    case EngineKind::tsan:
      throw std::invalid_argument(
          "the tsan engine runs a ThreadSanitizer build as a child process: use `interleave run --engine tsan`, "
          "or build your test with the tsan preset and use the threads engine");
  }
  return nullptr;
}

}  // namespace interleave::engines
