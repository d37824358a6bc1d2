#include "engines/engine.hpp"

#include <stdexcept>

#include "engines/fiber/fiber_engine.hpp"
#include "engines/fiber/strategy_factory.hpp"
#include "engines/processes/processes_engine.hpp"
#include "engines/threads/threads_engine.hpp"

namespace interleave::engines {
namespace {

// An engine whose every outcome passes ExploreOptions::judge, which may
// change its verdict: exploring, shrinking and replay all see the judged one.
class JudgedEngine final : public Engine {
 public:
  JudgedEngine(std::unique_ptr<Engine> engine, ExploreOptions::Judge judge)
      : engine_(std::move(engine)), judge_(std::move(judge)) {}

  const RunOutcome& run(const std::function<void()>& body, std::uint64_t seed) override {
    judged_ = engine_->run(body, seed);
    judge_(judged_.verdict, judged_.message, judged_.details);
    return judged_;
  }
  bool deterministic() const override { return engine_->deterministic(); }
  void use_strategy(const Strategy& strategy) override { engine_->use_strategy(strategy); }
  void set_recording(bool on) override { engine_->set_recording(on); }

 private:
  std::unique_ptr<Engine> engine_;
  ExploreOptions::Judge judge_;
  RunOutcome judged_;
};

std::unique_ptr<Engine> make_unjudged_engine(const ExploreOptions& options) {
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

}  // namespace

std::unique_ptr<Engine> make_engine(const ExploreOptions& options) {
  auto engine = make_unjudged_engine(options);
  if (!options.judge) return engine;
  return std::make_unique<JudgedEngine>(std::move(engine), options.judge);
}

}  // namespace interleave::engines
