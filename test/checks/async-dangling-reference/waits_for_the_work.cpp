// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <atomic>
#include <latch>
#include <string>
#include <thread>

struct executor {};
namespace async_simple::coro {
template <typename T = void> class RescheduleLazy {
public:
  template <typename F> void start(F &&) {}
  void detach() {}
};
} // namespace async_simple::coro

template <typename T = void>
async_simple::coro::RescheduleLazy<T> via(async_simple::coro::Lazy<T> &&, executor *);

coro::task<> use(const std::string &text) { // expected-note 2 {{bound to reference parameter 'text'}}
  co_await coro::thread_pool{}.schedule();
  (void)text;
}

// Spinning on a counter the work shares until it is done.
void spin_until_done(coro::thread_pool &tp) {
  std::atomic<int> pending = 2;
  int total = 0;
  auto work = [&]() -> coro::task<> {
    co_await tp.schedule();
    ++total;
    --pending;
  };
  tp.spawn_detached(work());
  tp.spawn_detached(work());
  while (pending) {
  }
}

// Blocking on a latch the work counts down.
void latch_wait(coro::thread_pool &tp) {
  std::latch done(1);
  std::string text = "x";
  auto work = [&]() -> coro::task<> {
    co_await use(text);
    done.count_down();
  };
  tp.spawn_detached(work());
  done.wait();
}

// Awaiting an event the work signals, in a coroutine.
coro::task<> await_join(cppcoro::async_scope &scope) {
  std::string text = "x";
  scope.spawn(use(text));
  co_await scope.join();
}

// Waiting, through a lambda of its own, on the latch the work counts down.
void wait_through_a_lambda(coro::thread_pool &tp) {
  std::latch done(2);
  auto work = [&]() -> coro::task<> {
    co_await tp.schedule();
    done.count_down();
  };
  for (int i = 0; i < 2; ++i) {
    auto started = work();
    tp.spawn_detached(std::move(started));
  }
  auto wait_all = [&]() -> coro::task<> {
    done.wait();
    co_return;
  };
  coro::sync_wait(wait_all());
}

// Spinning on an atomic that other work updates once this work is done.
void spin_on_barrier(coro::thread_pool &tp, std::atomic<int> &signalled) {
  std::string text = "x";
  std::atomic<int> barrier = 0;
  tp.spawn_detached(use(text));
  auto signal = [&]() -> coro::task<> {
    co_await tp.schedule();
    ++barrier;
  };
  tp.spawn_detached(signal());
  while (barrier.load() < 1)
    ;
}

// Spinning on something else proves nothing: reported.
void unrelated_wait(coro::thread_pool &tp, bool &stop) {
  std::string text = "x";
  tp.spawn_detached(use(text)); // expected-warning {{'text' dies before coroutine 'use' is done with it}} expected-note {{spawned here}}
  while (!stop) {
  }
}

// A lambda that the function creates but does not run waits for nothing.
void lambda_is_not_a_wait(coro::thread_pool &tp) {
  std::string text = "x";
  tp.spawn_detached(use(text)); // expected-warning {{'text' dies before coroutine 'use' is done with it}} expected-note {{spawned here}}
  auto later = [&]() -> coro::task<> { co_await use(text); };
  (void)later;
}

// A lambda that stores work into a group it was handed: the group belongs
// to code that outlives the lambda and joins it before 'text' goes.
struct group {
  void push_back(coro::task<> &&);
  coro::task<> join();
};
coro::task<> with_group(group &g, auto body) { co_await body(g); }
coro::task<> stores_into_a_group() {
  std::string text = "x";
  group g;
  co_await with_group(g, [&](group &into) -> coro::task<> {
    into.push_back(use(text));
    co_return;
  });
  co_await g.join();
}
