#include "engines/engine.hpp"

#include "engines/fiber/dfs_strategy.hpp"
#include "engines/fiber/fiber_engine.hpp"
#include "engines/fiber/pct_strategy.hpp"
#include "engines/fiber/portfolio_strategy.hpp"
#include "engines/fiber/random_strategy.hpp"
#include "engines/fiber/replay_strategy.hpp"
#include "engines/threads/threads_engine.hpp"

namespace interleave::engines {
namespace {

std::unique_ptr<fiber::Strategy> make_strategy(const Strategy& strategy) {
  switch (strategy.kind) {
    case Strategy::Kind::portfolio:
      return std::make_unique<fiber::PortfolioStrategy>();
    case Strategy::Kind::random:
      return std::make_unique<fiber::RandomStrategy>();
    case Strategy::Kind::pct:
      return std::make_unique<fiber::PctStrategy>(strategy.parameter);
    case Strategy::Kind::dfs:
      return std::make_unique<fiber::DfsStrategy>(strategy.parameter);
    case Strategy::Kind::replay:
      return std::make_unique<fiber::ReplayStrategy>(strategy.script);
  }
  return nullptr;
}

}  // namespace

std::unique_ptr<Engine> make_engine(const ExploreOptions& options) {
  switch (options.engine) {
    case EngineKind::fiber:
      return std::make_unique<fiber::FiberEngine>(make_strategy(options.strategy), options.max_steps);
    case EngineKind::threads:
      return std::make_unique<threads::ThreadsEngine>(options.noise, options.max_steps, options.hang_timeout);
  }
  return nullptr;
}

}  // namespace interleave::engines
