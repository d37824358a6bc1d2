#pragma once

// The class under test, written against interleave's primitives. `Wallet`
// checks the balance and then spends without holding its lock across both
// steps; `LockedWallet` holds it across both.

#include <interleave/interleave.hpp>

// What both wallets share: a balance behind a lock.
class WalletBase {
 public:
  explicit WalletBase(int balance) : balance_(balance, "balance") {}
  int balance() {
    interleave::ScopedLock hold(lock_);
    return balance_.read();
  }

 protected:
  interleave::Mutex lock_{"wallet"};
  interleave::Shared<int> balance_;
};

class Wallet : public WalletBase {
 public:
  using WalletBase::WalletBase;
  bool spend(int amount) {
    if (balance() < amount) return false;  // check ...
    interleave::ScopedLock hold(lock_);
    balance_.write(balance_.read() - amount);  // ... then act: another spender may have slipped in
    return true;
  }
};

class LockedWallet : public WalletBase {
 public:
  using WalletBase::WalletBase;
  bool spend(int amount) {
    interleave::ScopedLock hold(lock_);
    if (balance_.read() < amount) return false;
    balance_.write(balance_.read() - amount);
    return true;
  }
};

// Two spenders race for 80 of a balance of 100: at most one may succeed.
template <typename W>
void two_spenders() {
  W wallet(100);
  interleave::Atomic<int> succeeded{0, "succeeded"};
  {
    auto a = interleave::spawn([&] { succeeded.fetch_add(wallet.spend(80) ? 1 : 0); }, "alice");
    auto b = interleave::spawn([&] { succeeded.fetch_add(wallet.spend(80) ? 1 : 0); }, "bob");
  }
  interleave::check(wallet.balance() >= 0, "overdrawn");
}
