// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <string>
#include <utility>

namespace app {
folly::coro::Task<int> fetch(int id);
cppcoro::task<> flush();

struct Client {
  coro::task<std::string> get(std::string key);
  coro::task<> close();
  folly::coro::Task<void> refresh() {
    close(); // expected-warning {{task returned by 'app::Client::close' is discarded and never runs}} expected-note {{co_await it, or hand it to the framework's spawner}}
    this->get("k"); // expected-warning {{task returned by 'app::Client::get' is discarded}} expected-note {{co_await it, or hand it to the framework's spawner}}
    co_await close();
  }
};

void ordinary_function(Client &c) {
  fetch(1); // expected-warning {{task returned by 'app::fetch' is discarded and never runs}} expected-note {{co_await it}}
  c.close(); // expected-warning {{'app::Client::close' is discarded}} expected-note {{co_await it, or hand it to the framework's spawner}}
  if (c.get("x").handle)
    return;
  for (int i = 0; i < 3; ++i)
    flush(); // expected-warning {{'app::flush' is discarded}} expected-note {{co_await it, or hand it to the framework's spawner}}
}

template <typename T> cppcoro::task<T> produce();
template <typename T> void templated() {
  produce<T>(); // expected-warning {{'app::produce' is discarded}} expected-note {{co_await it, or hand it to the framework's spawner}}
}
template void templated<int>();

folly::coro::Task<int> awaited_and_kept(Client &c) {
  int v = co_await fetch(1);
  co_await c.get("k");
  auto t = fetch(2);
  v += co_await std::move(t);
  (void)fetch(3); // deliberately dropped
  static_cast<void>(c.close());
  co_return v;
}

folly::coro::Task<int> returned() { return fetch(4); }

void lambdas() {
  auto job = []() -> coro::task<> { co_return; };
  job(); // expected-warning {{task returned by the coroutine lambda is discarded}} expected-note {{co_await it, or hand it to the framework's spawner}}
  []() -> cppcoro::task<> { co_return; }(); // expected-warning {{the coroutine lambda is discarded}} expected-note {{co_await it, or hand it to the framework's spawner}}
}

// Values that are not tasks: a discarded std::string is not lost work.
std::string name();
void not_tasks() { name(); }

// Eager: runs at the call, but the result is observable and lost.
concurrencpp::result<int> compute();
void eager() {
  compute(); // expected-warning {{task returned by 'app::compute' is discarded: it runs, but its result and any exception it throws are lost}} expected-note {{co_await it or keep it}}
}

// A fire-and-forget type: eager, and there is nothing to observe.
struct detached_job {
  struct promise_type {
    detached_job get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
detached_job log_later(std::string line);
void fire_and_forget() { log_later("started"); }
} // namespace app

// A coroutine's raw handle handed over by the object that owned it: the
// coroutine exists already, and ownership moves to whoever takes the handle.
// (A library may make coroutines that return a handle, as Boost.Cobalt's
// posted coroutines do; that does not make every handle a task.)
template <typename T> struct posted_promise {
  std::coroutine_handle<posted_promise> get_return_object() {
    return std::coroutine_handle<posted_promise>::from_promise(*this);
  }
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void return_void() {}
  void unhandled_exception() {}
};
template <typename T, typename... Args>
struct std::coroutine_traits<std::coroutine_handle<posted_promise<T>>, Args...> {
  using promise_type = posted_promise<T>;
};

struct owned_frame {
  std::coroutine_handle<coro::task<>::promise_type> handle;
  std::coroutine_handle<coro::task<>::promise_type> release() {
    return std::exchange(handle, nullptr);
  }
};
void hand_over(owned_frame &frame) { frame.release(); }
