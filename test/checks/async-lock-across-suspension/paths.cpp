// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <mutex>

// Whether a lock is held at a co_await depends on every path that reaches
// it, branches and loops included.
namespace app {
cppcoro::task<int> fetch();
bool ready();

struct Cache {
  std::mutex mutex;
  int hits = 0;

  // Released on every path before the suspension.
  cppcoro::task<> released_on_every_path(bool fast) {
    std::unique_lock lock(mutex);
    if (fast) {
      ++hits;
      lock.unlock();
    } else {
      hits = 0;
      lock.unlock();
    }
    co_await fetch();
  }

  // Released on one path only: reported only where the lock is held on
  // every path, since the paths may be correlated (`if (!fast)` further on).
  cppcoro::task<> released_on_one_path(bool fast) {
    std::unique_lock lock(mutex);
    if (fast)
      lock.unlock();
    if (!fast)
      lock.unlock();
    co_await fetch();
  }

  // Each round takes and releases the mutex before it waits.
  cppcoro::task<> lock_per_round(int rounds) {
    for (int i = 0; i < rounds; ++i) {
      mutex.lock();
      ++hits;
      mutex.unlock();
      co_await fetch();
    }
  }

  // The first round waits unlocked; every later one waits with the mutex
  // taken at the end of the round before.
  cppcoro::task<> locked_at_the_end_of_the_round(int rounds) {
    mutex.lock(); // expected-note {{lock taken here}}
    for (int i = 0; i < rounds; ++i) {
      co_await fetch(); // expected-warning {{'mutex' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
      mutex.unlock();
      mutex.lock();
    }
    mutex.unlock();
  }

  // A guard whose scope ends on every path before the suspension.
  cppcoro::task<> scoped_in_both_branches(bool fast) {
    if (fast) {
      std::lock_guard guard(mutex);
      ++hits;
    } else {
      std::lock_guard guard(mutex);
      hits = 0;
    }
    co_await fetch();
  }

  // Left early with the lock released; the rest of the path holds it.
  cppcoro::task<> early_exit(bool skip) {
    std::unique_lock lock(mutex); // expected-note {{lock taken here}}
    if (skip) {
      lock.unlock();
      co_return;
    }
    while (!ready())
      co_await fetch(); // expected-warning {{'lock' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }
};
} // namespace app
