// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <string>

// A coroutine lambda reads its captures through the closure object, which
// is not part of the coroutine frame.
void local_closure(coro::thread_pool &tp) {
  std::string name = "job";
  auto job = [name]() -> coro::task<> { // expected-note {{captures live in the closure, not in the coroutine frame}}
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  };
  tp.spawn_detached(job()); // expected-warning {{'job' dies before coroutine lambda is done with it}} expected-note {{spawned here by 'coro::thread_pool::spawn_detached'}}
}

void temporary_closure(coro::thread_pool &tp) {
  int rounds = 2;
  tp.spawn_detached([rounds]() -> coro::task<> { // expected-warning {{temporary closure dies before coroutine lambda is done with its captures}} expected-note {{captures live in the closure}} expected-note {{spawned here}}
    for (int i = 0; i < rounds; ++i)
      co_await coro::thread_pool{}.schedule();
  }());
}

// Without captures the closure holds nothing the coroutine reads.
void captureless(coro::thread_pool &tp) {
  auto job = []() -> coro::task<> { co_await coro::thread_pool{}.schedule(); };
  tp.spawn_detached(job());
  tp.spawn_detached([]() -> coro::task<> { co_await coro::thread_pool{}.schedule(); }());
}

// Awaited while the closure is alive.
coro::task<> awaited_closures() {
  std::string name = "job";
  auto job = [name]() -> coro::task<> {
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  };
  co_await job();
  auto later = job();
  co_await std::move(later);
  co_await [name]() -> coro::task<> {
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  }();
}

// A temporary coroutine lambda that starts at once and is left running: its
// closure dies when the statement ends. One that reads its captures only
// before it can first suspend is done with them by then; one that reads a
// capture (or `this`) after a suspension is not, even on a handler's path.
concurrencpp::result<int> fetch();
void note_failure();
struct Handler {
  void on_error() {}
  void start(int &seen) {
    [&seen]() -> concurrencpp::result<int> {
      seen = 1;
      co_return 1;
    }();
    [this, &seen]() -> concurrencpp::result<void> {
      int first = seen;
      this->on_error();
      co_await fetch();
      (void)first;
    }();
    [this]() -> concurrencpp::result<void> { // expected-warning {{temporary closure dies before coroutine lambda is done with its captures}} expected-note {{captures live in the closure}} expected-note {{left running here}}
      try {
        co_await fetch();
      } catch (...) {
        on_error();
      }
    }();
    [&seen]() -> concurrencpp::result<void> { // expected-warning {{temporary closure dies before coroutine lambda is done with its captures}} expected-note {{captures live in the closure}} expected-note {{left running here}}
      int n = co_await fetch();
      seen = n;
    }();
  }
};
