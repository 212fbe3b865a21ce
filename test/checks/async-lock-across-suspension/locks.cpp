// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <mutex>
#include <shared_mutex>
#include <utility>

namespace app {
folly::coro::Task<int> fetch();
void use(int);

struct Cache {
  std::mutex mutex;
  std::shared_mutex shared;
  int value = 0;

  // The classic: a guard alive across co_await.
  folly::coro::Task<void> refresh() {
    std::lock_guard<std::mutex> guard(mutex); // expected-note {{lock taken here}}
    value = co_await fetch(); // expected-warning {{'guard' is still locked when the coroutine suspends here}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }

  folly::coro::Task<void> scoped() {
    std::scoped_lock lock(mutex); // expected-note {{lock taken here}}
    co_await fetch(); // expected-warning {{'lock' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }

  folly::coro::Task<void> reader() {
    std::shared_lock lock(shared); // expected-note {{lock taken here}}
    use(value);
    co_await fetch(); // expected-warning {{'lock' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }

  // Suspension inside an initialiser and inside an assignment.
  folly::coro::Task<void> in_expressions() {
    std::unique_lock lock(mutex); // expected-note {{lock taken here}}
    int fresh = co_await fetch() + 1; // expected-warning {{'lock' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
    value = fresh;
  }

  // Manual lock()/unlock() pairs on the mutex itself.
  folly::coro::Task<void> manual() {
    mutex.lock(); // expected-note {{lock taken here}}
    value = co_await fetch(); // expected-warning {{'mutex' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
    mutex.unlock();
  }

  // --- Not reported ---

  // Unlocked before the suspension.
  folly::coro::Task<void> unlocked_first() {
    std::unique_lock lock(mutex);
    int snapshot = value;
    lock.unlock();
    use(snapshot);
    value = co_await fetch();
  }

  // The lock lives in an inner scope that ends before the suspension.
  folly::coro::Task<void> inner_scope() {
    int snapshot;
    {
      std::lock_guard<std::mutex> guard(mutex);
      snapshot = value;
    }
    use(snapshot);
    co_await fetch();
  }

  // Moved away: the lock belongs to someone else now.
  folly::coro::Task<void> moved() {
    std::unique_lock lock(mutex);
    auto other = std::move(lock);
    other.unlock();
    co_await fetch();
  }

  // Deferred: nothing is locked until lock() is called.
  folly::coro::Task<void> deferred() {
    std::unique_lock lock(mutex, std::defer_lock);
    co_await fetch();
    lock.lock();
    value = 1;
  }

  // Manual pair closed before suspending.
  folly::coro::Task<void> manual_pair() {
    mutex.lock();
    value = 2;
    mutex.unlock();
    co_await fetch();
  }

  // Unlocked on every path before the suspension.
  folly::coro::Task<void> branches(bool fast) {
    std::unique_lock lock(mutex);
    if (fast) {
      lock.unlock();
    } else {
      value = 3;
      lock.unlock();
    }
    co_await fetch();
  }

  // A lambda that locks runs whenever it is called, not across this await.
  folly::coro::Task<void> lambda_locks() {
    auto update = [this] {
      std::lock_guard<std::mutex> guard(mutex);
      ++value;
    };
    update();
    co_await fetch();
  }
};

// Ordinary functions may hold locks as they like.
void ordinary(std::mutex &m) {
  std::lock_guard<std::mutex> guard(m);
}
} // namespace app
