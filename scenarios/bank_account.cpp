// bank_account: deposits, withdrawals and transfers on shared accounts.
// Documents 000 and 001 (`BankAccount`: read, sleep, write under the lock)
// and 001's pitfall "avoid circular lock dependencies". The documents sleep
// inside the critical section to widen the window; here a yield_point()
// stands in for that sleep and lets the engine choose who runs.

#include "scenarios/catalog.hpp"
#include "scenarios/support.hpp"

namespace interleave::scenarios {
namespace {

constexpr int kWithdrawal = 70;
constexpr int kDeposit = 20;

// The same account with three ways of guarding it; only `locked` is right.
enum class Guard { locked, unlocked, check_then_act };

class Account {
 public:
  Account(int initial, Guard guard) : guard_(guard), balance_(initial, "balance") {}

  void deposit(int amount) {
    if (guard_ == Guard::unlocked) return deposit_unlocked(amount);
    ScopedLock hold(lock_);
    deposit_unlocked(amount);
  }

  bool withdraw(int amount) {
    switch (guard_) {
      case Guard::locked: {
        ScopedLock hold(lock_);
        return withdraw_if_covered(amount);
      }
      case Guard::unlocked:
        return withdraw_if_covered(amount);
      case Guard::check_then_act:
        if (balance() < amount) return false;  // checked under the lock, but the lock is let go
        ScopedLock hold(lock_);
        take(amount);
        return true;
    }
    return false;
  }

  int balance() {
    ScopedLock hold(lock_);
    return balance_.read();
  }

 private:
  void deposit_unlocked(int amount) {
    int old = balance_.read();
    yield_point();  // the documents' time.sleep(0.001)
    balance_.write(old + amount);
  }

  bool withdraw_if_covered(int amount) {
    if (balance_.read() < amount) return false;
    take(amount);
    return true;
  }

  void take(int amount) {
    int old = balance_.read();
    yield_point();
    balance_.write(old - amount);
    check(old - amount >= 0, [&] { return fmt::format("overdraft: balance went from {} to {}", old, old - amount); });
  }

  Guard guard_;
  Mutex lock_{"account.lock"};
  Shared<int> balance_;
};

// Every worker, `operations` times: withdraw 70 if covered, deposit 20.
void account_users(const Params& params, Guard guard) {
  const int workers = params.as_int("workers"), operations = params.as_int("operations");
  const int initial = params.as_int("initial");
  Account account(initial, guard);
  std::vector<int> withdrawn(static_cast<std::size_t>(workers), 0);  // each worker writes only its own slot
  run_workers(workers, [&](int w) {
    for (int i = 0; i < operations; ++i) {
      if (account.withdraw(kWithdrawal)) withdrawn[w] += kWithdrawal;
      account.deposit(kDeposit);
    }
  });
  int expected = initial + workers * operations * kDeposit;
  for (int amount : withdrawn) expected -= amount;
  int balance = account.balance();
  check(balance == expected,
        [&] { return fmt::format("lost deposit: balance is {}, the operations add up to {}", balance, expected); });
}

void locked(const Params& params) { account_users(params, Guard::locked); }
void unlocked(const Params& params) { account_users(params, Guard::unlocked); }
void check_then_act(const Params& params) { account_users(params, Guard::check_then_act); }

// Transfers between two accounts, each with its own lock. Worker w moves
// money from account w % 2 to the other one.
void transfers(const Params& params, bool ordered) {
  const int workers = params.as_int("workers"), operations = params.as_int("operations");
  const int initial = params.as_int("initial");
  Mutex locks[2] = {Mutex("account[0]"), Mutex("account[1]")};
  Shared<int> balances[2] = {Shared<int>(initial, "balance[0]"), Shared<int>(initial, "balance[1]")};
  run_workers(workers, [&](int w) {
    const int from = w % 2, to = 1 - from;
    for (int i = 0; i < operations; ++i) {
      // `ordered` takes the lower-numbered account's lock first, whatever the direction.
      const int first = ordered ? std::min(from, to) : from;
      ScopedLock hold_first(locks[first]);
      yield_point();
      ScopedLock hold_second(locks[1 - first]);
      balances[from].write(balances[from].read() - kDeposit);
      balances[to].write(balances[to].read() + kDeposit);
    }
  });
  int total = balances[0].read() + balances[1].read();
  check(total == 2 * initial,
        [&] { return fmt::format("money created or destroyed: total is {}, expected {}", total, 2 * initial); });
}

void transfer_lock_order(const Params& params) { transfers(params, false); }
void transfer_ordered(const Params& params) { transfers(params, true); }

// One account of 100 as a whole: 2 or 3 tasks of 1 to 3 deposits of 20,
// withdrawals of 70 and balance reads each.
LincheckRunner lincheck_account(Guard guard) {
  using Input = AccountModel::Input;
  using Kind = AccountModel::Kind;
  const AccountModel model{.initial_balance = 100};
  const auto operation =
      rc::gen::element(Input{Kind::withdraw, kWithdrawal}, Input{Kind::deposit, kDeposit}, Input{Kind::balance});
  return lincheck::runner(
      model, lincheck::task_scripts(operation, 2, 3, 3),
      [=] { return std::make_unique<Account>(model.initial_balance, guard); },
      [](Account& account, const Input& input) {
        switch (input.kind) {
          case Kind::deposit:
            account.deposit(input.amount);
            return 0;
          case Kind::withdraw:
            return account.withdraw(input.amount) ? 1 : 0;
          case Kind::balance:
            break;
        }
        return account.balance();
      });
}

}  // namespace

Scenario bank_account_scenario() {
  return {
      .name = "bank_account",
      .summary = "deposits, withdrawals and transfers on shared accounts",
      .defaults = Params({{"workers", 2}, {"operations", 2}, {"initial", 100}}),
      .variants =
          {
              variant("locked", {Verdict::clean},
                      "deposit and withdraw read the balance, pause, and write it back, all while holding the "
                      "account's lock; withdraw tests the balance under that same lock. The fix for every other "
                      "account variant.",
                      locked),
              variant("unlocked", {Verdict::race, Verdict::invariant},
                      "The same code without the lock. A reads balance 100, B reads 100, A writes 120, B writes 120: "
                      "A's deposit is lost. Fix: hold the lock from the read to the write (`locked`).",
                      unlocked),
              variant("check_then_act", {Verdict::invariant},
                      "withdraw asks for the balance (under the lock), lets the lock go, then takes the lock again to "
                      "withdraw. Between the check and the act another withdrawal passes the same check: 100 covers "
                      "70 twice, and the balance goes to -40. Every access is locked, so there is no data race; the "
                      "overdraft is an atomicity violation. Fix: test and withdraw under one lock (`locked`).",
                      check_then_act),
              variant("transfer_lock_order", {Verdict::deadlock, Verdict::lock_order_inversion},
                      "A transfer locks the source account, then the destination. Transfers in opposite directions "
                      "take the two locks in opposite orders: A holds account[0] and waits for account[1], B holds "
                      "account[1] and waits for account[0]. Fix: one global lock order (`transfer_ordered`).",
                      transfer_lock_order),
              variant("transfer_ordered", {Verdict::clean},
                      "Both locks are always taken lower-numbered account first, whatever the direction of the "
                      "transfer, so no cycle of waiting can form. The fix for `transfer_lock_order`.",
                      transfer_ordered),
          },
      .bench = BenchSpec{{"workers"},
                         Params({{"operations", 20'000}}),
                         [](const Params& p) { return double(p["workers"] * p["operations"]); },
                         "operations"},
      .ranges = {{"workers", kTaskCount}},
      // The transfers have no lincheck variant: their bug is a deadlock
      // between two accounts, which `run` finds already.
      .lincheck =
          {
              lincheck_variant("locked", {Verdict::clean},
                               "Deposits, withdrawals and reads each under the account's lock: every history is "
                               "one a sequential account could give.",
                               lincheck_account(Guard::locked)),
              lincheck_variant("unlocked", {Verdict::race, Verdict::invariant, Verdict::not_linearizable},
                               "Without the lock, two deposits read the same balance and one is lost: a data race, "
                               "and with --no-race-detection a balance no order of the operations gives. Fix: "
                               "`locked`.",
                               lincheck_account(Guard::unlocked)),
              lincheck_variant("check_then_act", {Verdict::invariant, Verdict::not_linearizable},
                               "Two withdrawals of 70 both pass the check on 100 and both succeed: no sequential "
                               "account lets both through, and the overdraft check fails. Fix: check and withdraw "
                               "under one lock (`locked`).",
                               lincheck_account(Guard::check_then_act)),
          },
  };
}

}  // namespace interleave::scenarios
