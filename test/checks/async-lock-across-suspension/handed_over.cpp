// ARGS: -std=c++20 -I%INC
// An await that takes the lock over releases it while the coroutine is
// suspended: a condition variable's wait on the mutex, an awaiter that is
// handed the guard and unlocks it once the coroutine is queued.
#include "frameworks.h"
#include <coroutine>
#include <mutex>

namespace app {
folly::coro::Task<int> fetch();

// Waits until notified; unlocks the lock while waiting and takes it again
// before resuming the waiter.
class condition {
public:
  template <typename Lock, typename Pred> folly::coro::Task<void> wait(Lock &lock, Pred pred);
  void notify_one();
};

// Queues the coroutine, then releases the guard it was handed.
class lock_awaiter {
public:
  lock_awaiter(int &queue, std::unique_lock<std::mutex> &guard);
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() const noexcept {}
};

// Only looks at the guard: takes nothing over.
class inspecting_awaiter {
public:
  explicit inspecting_awaiter(const std::unique_lock<std::mutex> &guard);
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept;
  void await_resume() const noexcept {}
};

struct Queue {
  std::mutex mutex;
  std::mutex other;
  condition cv;
  int waiters = 0;
  int items = 0;

  folly::coro::Task<void> pop() {
    std::unique_lock guard(mutex);
    co_await cv.wait(mutex, [&] { return items > 0; });
    --items;
  }

  folly::coro::Task<void> acquire() {
    while (true) {
      std::unique_lock<std::mutex> guard(mutex);
      if (items == 0)
        break;
      co_await lock_awaiter(waiters, guard);
      ++waiters;
    }
  }

  // The wait takes the mutex again before it returns: the next await still
  // suspends with it held.
  folly::coro::Task<void> pop_then_fetch() {
    std::unique_lock guard(mutex); // expected-note {{lock taken here}}
    co_await cv.wait(mutex, [&] { return items > 0; });
    items += co_await fetch(); // expected-warning {{'guard' is still locked when the coroutine suspends here}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }

  // Another lock than the one handed over stays held.
  folly::coro::Task<void> two_locks() {
    std::lock_guard outer(other); // expected-note {{lock taken here}}
    std::unique_lock<std::mutex> guard(mutex);
    co_await lock_awaiter(waiters, guard); // expected-warning {{'outer' is still locked when the coroutine suspends here}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }

  folly::coro::Task<void> inspected() {
    std::unique_lock<std::mutex> guard(mutex); // expected-note {{lock taken here}}
    co_await inspecting_awaiter(guard); // expected-warning {{'guard' is still locked when the coroutine suspends here}} expected-note {{unlock before suspending, or use the framework's awaitable mutex}}
  }
};
} // namespace app
