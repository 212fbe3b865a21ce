// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <thread>

struct Executor {};

namespace app {
folly::coro::Task<int> compute();
coro::task<> job();
async_simple::coro::Lazy<int> lazy_job();
void work();

void folly_starts(Executor &ex) {
  folly::coro::co_withExecutor(ex, compute()).start(); // expected-warning {{'folly::coro::TaskWithExecutor::start' starts work whose failure nobody will see}} expected-note {{keep the returned folly::SemiFuture}}
  folly::coro::co_withExecutor(ex, compute()).startInlineUnsafe(); // expected-warning {{'folly::coro::TaskWithExecutor::startInlineUnsafe' starts work}} expected-note {{keep the returned folly::SemiFuture and inspect it, or co_await the task}}
  auto future = folly::coro::co_withExecutor(ex, compute()).start();
  future.get();
  folly::coro::co_withExecutor(ex, compute()).start([](folly::Try<int> result) {
    if (result.hasException())
      work();
  });
}

coro::task<> libcoro_spawns(coro::thread_pool &tp) {
  tp.spawn_detached(job()); // expected-warning {{'coro::thread_pool::spawn_detached' starts work whose failure nobody will see}} expected-note {{use spawn_joinable()}}
  co_await tp.spawn_joinable(job());
}

void stdexec_starts() {
  exec::start_detached(stdexec::just()); // expected-warning {{'exec::start_detached' starts work whose failure nobody will see}} expected-note {{handle errors in the sender chain}}
  exec::start_detached(stdexec::upon_error(stdexec::just(), [](auto) {}));
}

void async_simple_starts() {
  lazy_job().start([](auto &&) {}); // expected-warning {{'async_simple::coro::Lazy::start' starts work whose failure nobody will see}} expected-note {{inspect the async_simple::Try}}
  lazy_job().start([](async_simple::Try<int> result) {
    if (result.hasError())
      work();
  });
  // A generic callback that looks at the Try it is given.
  lazy_job().start([](auto &&result) {
    if (result.hasError())
      work();
  });
  // detach() starts with a callback that rethrows the failure: async_simple
  // prints it and the executor's thread ends, nothing is lost silently.
  lazy_job().detach();
}

// An exception escaping a std::thread calls std::terminate: not lost.
coro::task<> thread_in_coroutine() {
  std::thread(work).detach();
  co_await job();
}

// Work that cannot fail has no failure to lose.
coro::task<> bump(int &counter) {
  ++counter;
  co_return;
}
coro::task<> may_fail(int &counter) {
  work();
  co_return;
}
coro::task<> guarded(int &counter) {
  int attempts = 0;
  try {
    work();
    ++attempts;
  } catch (...) {
    counter = -1;
  }
  co_return;
}
coro::task<> spawns_safe_work(coro::thread_pool &tp, int &counter) {
  tp.spawn_detached(bump(counter));
  tp.spawn_detached(guarded(counter));
  tp.spawn_detached(may_fail(counter)); // expected-warning {{'coro::thread_pool::spawn_detached' starts work whose failure nobody will see}} expected-note {{use spawn_joinable() and co_await the returned task, or catch inside the}}
  co_await job();
}

// An ordinary function owning its threads: not a coroutine's concern.
void thread_outside() { std::thread(work).detach(); }
} // namespace app
