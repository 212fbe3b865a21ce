// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <mutex>

namespace app {
cppcoro::task<int> fetch();

// A lock type of the project's own, annotated for thread-safety analysis.
class __attribute__((capability("mutex"))) SpinLock {
public:
  void lock() __attribute__((acquire_capability()));
  void unlock() __attribute__((release_capability()));
};
class __attribute__((scoped_lockable)) SpinGuard {
public:
  explicit SpinGuard(SpinLock &l) __attribute__((acquire_capability(l)));
  ~SpinGuard() __attribute__((release_capability()));
};

template <typename T> struct generator {
  struct promise_type {
    generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(T) { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

struct Store {
  SpinLock spin;
  std::mutex mutex;
  cppcoro::async_mutex async_mutex;
  int items[4] = {};

  cppcoro::task<> annotated() {
    SpinGuard guard(spin); // expected-note {{lock taken here}}
    co_await fetch(); // expected-warning {{'guard' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }

  cppcoro::task<> manual_annotated() {
    spin.lock(); // expected-note {{lock taken here}}
    co_await fetch(); // expected-warning {{'spin' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
    spin.unlock();
  }

  generator<int> yielding() {
    std::lock_guard<std::mutex> guard(mutex); // expected-note {{lock taken here}}
    for (int item : items)
      co_yield item; // expected-warning {{'guard' is still locked}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }

  // Awaited (coroutine-aware) mutexes are made to be held across suspension.
  cppcoro::task<> awaited_mutex() {
    auto lock = co_await async_mutex.scoped_lock_async();
    co_await fetch();
    co_await async_mutex.lock_async();
    co_await fetch();
    async_mutex.unlock();
  }

  // Locked and unlocked within each iteration.
  cppcoro::task<> per_iteration() {
    for (int i = 0; i < 4; ++i) {
      {
        std::lock_guard<std::mutex> guard(mutex);
        items[i] = i;
      }
      co_await fetch();
    }
  }

  // Endless loops and handlers give the graph unreachable edges.
  cppcoro::task<> endless(bool stop) {
    try {
      for (;;) {
        co_await fetch();
        if (stop)
          break;
      }
    } catch (...) {
      throw;
    }
    while (true)
      co_await fetch();
  }

  // Locked on one path only: not certainly held, not reported.
  cppcoro::task<> maybe(bool exclusive) {
    std::unique_lock lock(mutex, std::defer_lock);
    if (exclusive)
      lock.lock();
    co_await fetch();
  }
};
} // namespace app
