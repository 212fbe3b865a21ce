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
  folly::coro::co_withExecutor(ex, compute()).start(); // expected-warning {{'folly::coro::TaskWithExecutor::start' starts work whose failure nobody will see; keep the returned folly::SemiFuture}}
  folly::coro::co_withExecutor(ex, compute()).startInlineUnsafe(); // expected-warning {{'folly::coro::TaskWithExecutor::startInlineUnsafe' starts work}}
  auto future = folly::coro::co_withExecutor(ex, compute()).start();
  future.get();
  folly::coro::co_withExecutor(ex, compute()).start([](folly::Try<int> result) {
    if (result.hasException())
      work();
  });
}

coro::task<> libcoro_spawns(coro::thread_pool &tp) {
  tp.spawn_detached(job()); // expected-warning {{'coro::thread_pool::spawn_detached' starts work whose failure nobody will see; use spawn_joinable()}}
  co_await tp.spawn_joinable(job());
}

void stdexec_starts() {
  exec::start_detached(stdexec::just()); // expected-warning {{'exec::start_detached' starts work whose failure nobody will see; handle errors in the sender chain}}
  exec::start_detached(stdexec::upon_error(stdexec::just(), [](auto) {}));
}

void async_simple_starts() {
  lazy_job().start([](auto &&) {}); // expected-warning {{'async_simple::coro::Lazy::start' starts work whose failure nobody will see; inspect the async_simple::Try}}
  lazy_job().start([](async_simple::Try<int> result) {
    if (result.hasError())
      work();
  });
  lazy_job().detach(); // expected-warning {{'async_simple::coro::Lazy::detach' starts work}}
}

// Detaching a thread in a coroutine: its exceptions terminate the process,
// and nobody can wait for it.
coro::task<> thread_in_coroutine() {
  std::thread(work).detach(); // expected-warning {{'std::thread::detach' starts work whose failure nobody will see}}
  co_await job();
}

// An ordinary function owning its threads: not a coroutine's concern.
void thread_outside() { std::thread(work).detach(); }
} // namespace app
