#include "engines/fiber/strategy_factory.hpp"

#include "engines/fiber/dfs_strategy.hpp"
#include "engines/fiber/guided_strategy.hpp"
#include "engines/fiber/pct_strategy.hpp"
#include "engines/fiber/portfolio_strategy.hpp"
#include "engines/fiber/pos_strategy.hpp"
#include "engines/fiber/random_strategy.hpp"
#include "engines/fiber/replay_strategy.hpp"

namespace interleave::engines::fiber {

std::unique_ptr<Strategy> make_strategy(const interleave::Strategy& strategy) {
  using Kind = interleave::Strategy::Kind;
  switch (strategy.kind) {
    case Kind::portfolio:
      return std::make_unique<PortfolioStrategy>();
    case Kind::random:
      return std::make_unique<RandomStrategy>();
    case Kind::pct:
      return std::make_unique<PctStrategy>(strategy.parameter);
    case Kind::dfs:
      return std::make_unique<DfsStrategy>(strategy.parameter);
    case Kind::pos:
      return std::make_unique<PosStrategy>();
    case Kind::replay:
      return std::make_unique<ReplayStrategy>(strategy.script);
    case Kind::guided:
      return std::make_unique<GuidedStrategy>(strategy.script);
  }
  return nullptr;
}

}  // namespace interleave::engines::fiber
