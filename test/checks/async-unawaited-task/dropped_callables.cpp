// ARGS: -std=c++20 -I%INC
#include "mock_task.h"
#include <functional>
#include <string>
#include <utility>
#include <vector>

// A callable that returns a task, handed to something that calls it and
// throws the result away: every task it makes is dropped there.

namespace kiln {
MOCK_DEFINE_TASK(op)
op<> flush();
op<> refresh();

// An eager task that can be observed, and one meant to be let go.
template <typename T = void> struct eager {
  struct promise_type {
    eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
struct detached_work {
  struct promise_type {
    detached_work get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

// A functor whose call operator is a coroutine.
struct on_packet {
  op<> operator()(int size) const {
    co_await flush();
    (void)size;
  }
};

// Calls the callable once per line, as a statement (the call in the
// instantiation is reported too, where it drops the task).
template <typename Fn> void for_each_line(const std::vector<std::string> &lines, Fn &&fn) {
  for (const auto &line : lines)
    fn(line); // expected-warning {{task returned by the coroutine lambda is discarded and never runs}} expected-note {{co_await it}}
}

// Calls a copy, discarding the result on purpose, as generic code does.
template <typename Fn> void call_copy(Fn fn) {
  Fn copy = fn;
  (void)copy();
}

// Keeps what it calls.
template <typename Fn> std::vector<op<>> collect(int n, Fn fn) {
  std::vector<op<>> out;
  for (int i = 0; i < n; ++i)
    out.push_back(fn());
  return out;
}
template <typename Fn> op<> run_now(Fn fn) { co_await fn(); }
template <typename Fn> op<> hand_back(Fn fn) { return fn(); }
// Calls it later, from a job of its own that drops the task.
template <typename Fn> std::function<void()> deferred(Fn fn) {
  return [fn] { (void)fn(); }; // expected-note {{'deferred' calls it here and drops the task it returns}}
}
// Calls it later, from a job that keeps the task.
template <typename Fn> std::function<op<>()> later(Fn fn) {
  return [fn] { return fn(); };
}
// Its body is elsewhere.
void subscribe(std::function<op<>(int)> handler);

// A delegate: its calls return nothing.
struct on_tick {
  template <typename F> on_tick(F f) : fn(std::move(f)) {}
  void operator()() const { fn(); }
  std::function<void()> fn;
};
// Keeps the callable as a std::function whose calls return void.
struct bus {
  std::vector<std::function<void(int)>> subscribers;
  template <typename Fn> void listen(Fn fn) {
    subscribers.push_back(std::function<void(int)>(std::move(fn))); // expected-note {{'listen' converts it here to 'std::function<void (int)>', whose calls return void}}
  }
};
} // namespace kiln

void delegates(kiln::bus &b) {
  kiln::on_tick tick([]() -> kiln::op<> { co_await kiln::flush(); }); // expected-warning {{discarded by 'kiln::on_tick' and never runs}} expected-note {{converted here to 'kiln::on_tick'}}
  b.listen([](int) -> kiln::op<> { co_await kiln::flush(); }); // expected-warning {{discarded by 'listen' and never runs}}
  tick();
}

struct link {
  std::function<void(int)> on_data;
  std::function<void()> on_idle;
  int received = 0;

  void wire() {
    on_data = kiln::on_packet{}; // expected-warning {{the task this callable returns is discarded by 'std::function<void (int)>' and never runs}} expected-note {{converted here to 'std::function<void (int)>'}}
    on_idle = [this]() -> kiln::op<> { // expected-warning {{discarded by 'std::function<void ()>' and never runs}} expected-note {{converted here}}
      co_await kiln::flush();
      ++received;
    };
  }
};

void function_pointer() {
  std::function<void()> tick = &kiln::refresh; // expected-warning {{discarded by 'std::function<void ()>' and never runs}} expected-note {{converted here}}
  tick();
}

void generic_lambda(std::vector<std::function<void(int)>> &handlers) {
  handlers.push_back([](auto n) -> kiln::op<> { // expected-warning {{discarded by 'std::function<void (int)>' and never runs}} expected-note {{converted here}}
    co_await kiln::flush();
    (void)n;
  });
}

void eager_observable() {
  std::function<void()> start = []() -> kiln::eager<> { co_return; }; // expected-warning {{discarded by 'std::function<void ()>': it runs, but its result and any exception it throws are lost}} expected-note {{converted here}}
  start();
}

void dropped_later() {
  auto job = kiln::deferred([]() -> kiln::op<> { co_await kiln::flush(); }); // expected-warning {{discarded by 'deferred' and never runs}}
  job();
}

void called_by_callee(const std::vector<std::string> &lines, int &bytes) {
  kiln::for_each_line(lines, [&bytes](const std::string &line) -> kiln::op<> { // expected-warning {{discarded by 'for_each_line' and never runs}}
    co_await kiln::flush();
    bytes += static_cast<int>(line.size());
  });
  kiln::call_copy([]() -> kiln::op<> { co_await kiln::flush(); }); // expected-warning {{discarded by 'call_copy' and never runs}}
}
// expected-note@-93 {{'for_each_line' calls it here and drops the task it returns}}
// expected-note@-88 {{'call_copy' calls it here and drops the task it returns}}

// Not reported.

kiln::op<> kept_results(std::function<kiln::op<>()> make) {
  // The wrapper's calls return the task.
  std::function<kiln::op<>()> again = make;
  co_await again();
  // The callee keeps, awaits or returns what the callable makes.
  auto all = kiln::collect(2, []() -> kiln::op<> { co_await kiln::flush(); });
  for (auto &each : all)
    co_await std::move(each);
  co_await kiln::run_now([]() -> kiln::op<> { co_await kiln::flush(); });
  co_await kiln::hand_back([]() -> kiln::op<> { co_await kiln::flush(); });
  // Called later by a job that returns the task, or by code this unit does
  // not see.
  auto job = kiln::later([]() -> kiln::op<> { co_await kiln::flush(); });
  co_await job();
  kiln::subscribe([](int) -> kiln::op<> { co_await kiln::flush(); });
}

void not_tasks(std::vector<std::function<void()>> &jobs) {
  // The callable returns nothing to drop, even if it starts work itself.
  jobs.push_back([] { (void)kiln::flush(); });
  jobs.push_back([]() -> int { return 1; });
  // Work meant to be let go: nothing to observe in it.
  jobs.push_back([]() -> kiln::detached_work { co_await kiln::flush(); });
}

// A catalogued spawner that calls the callable starts it on purpose
// (async-detached-task judges that).
namespace concurrencpp {
class executor {
public:
  template <typename F> void post(F &&work) { (void)work(); }
};
} // namespace concurrencpp
void spawned(concurrencpp::executor &ex) {
  ex.post([]() -> kiln::eager<> { co_return; });
}
