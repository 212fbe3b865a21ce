// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

// A coroutine lambda reads its captures through its closure. Handed to a
// function that calls it, the closure (or a copy of it) can die while the
// task the call returned still runs.

namespace grid {
MOCK_DEFINE_TASK(job)
job<> step();
job<> deliver(std::string);

// Calls a copy of the callable per cell and returns the tasks: each copy dies
// at the end of its iteration.
template <typename Fn> std::vector<job<>> per_cell(int cells, Fn fn) {
  std::vector<job<>> jobs;
  for (int i = 0; i < cells; ++i) {
    Fn copy = fn;
    jobs.push_back(copy(i));
  } // expected-note {{calls 'copy', a copy of the closure}}
  return jobs; // expected-note {{kept in 'jobs' and used here}}
}

// A continuation that returns the task of the callable it holds.
struct stage {
  template <typename Next> job<> and_then(Next next) { return next(); } // expected-note {{held in parameter 'next'}}
};

// Starts what the callable makes and does not wait for it.
template <typename Make> void start_on(coro::thread_pool &pool, Make &&make) { // expected-note {{held in parameter 'make'}}
  pool.spawn_detached(std::invoke(std::forward<Make>(make))); // expected-note {{spawned here by}}
}

// Keeps the task made by a copy of a std::function.
struct ticker {
  std::vector<coro::task<>> running;
  void every(std::function<coro::task<>()> make) {
    std::function<coro::task<>()> local = make;
    running.push_back(local()); // expected-note {{stored here in 'running'}}
  } // expected-note {{calls 'local', a copy of the closure}}
};
} // namespace grid

coro::task<> bad_per_cell() {
  int total = 0;
  auto jobs = grid::per_cell(4, [&total](int i) -> grid::job<> { // expected-warning {{dies in 'per_cell'}}
    co_await grid::step();
    total += i;
  });
  for (auto &j : jobs)
    co_await std::move(j);
}

struct panel {
  grid::job<> pending;
  int hits = 0;
  void arm(grid::stage &s) {
    pending = s.and_then([this]() -> grid::job<> { // expected-warning {{dies in 'and_then'}} expected-note {{stored here in 'pending'}}
      co_await grid::step();
      ++hits;
    });
  }
};

void bad_start_on(coro::thread_pool &pool) {
  std::string name = "n";
  grid::start_on(pool, [name]() -> coro::task<> { // expected-warning {{dies in 'start_on'}}
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  });
}

void bad_ticker(grid::ticker &t, std::string label) {
  t.every([label]() -> coro::task<> { // expected-warning {{dies in 'every'}}
    co_await coro::thread_pool{}.schedule();
    (void)label.size();
  });
}

// An eager task left running by the function that called it.
concurrencpp::result<int> fetch();
namespace grid {
template <typename F> void call_once_now(F f) { f(); } // expected-note {{held in parameter 'f'}} expected-note {{left running here}}
} // namespace grid
void bad_eager(int &seen) {
  grid::call_once_now([&seen]() -> concurrencpp::result<void> { // expected-warning {{dies in 'call_once_now'}}
    int n = co_await fetch();
    seen = n;
  });
}

// A broadcaster that hands a copy per worker to the function that runs it
// there, and collects the tasks.
namespace crew {
template <typename Fn> coro::task<> run_on(int worker, Fn fn) { return fn(worker); } // expected-note 2 {{held in parameter 'fn'}}
template <typename Fn> std::vector<coro::task<>> on_every_worker(int workers, Fn &&fn) {
  std::vector<coro::task<>> all;
  for (int w = 0; w < workers; ++w)
    all.push_back(run_on(w, [copy = fn](int id) mutable { return copy(id); }));
  return all; // expected-note {{kept in 'all' and used here}}
}
template <typename Fn> std::vector<coro::task<>> on_every_worker_copied(int workers, Fn fn) {
  std::vector<coro::task<>> all;
  for (int w = 0; w < workers; ++w)
    all.push_back(run_on(w, Fn(fn)));
  return all; // expected-note {{kept in 'all' and used here}}
}
} // namespace crew

void bad_broadcast(std::vector<int> &counts) {
  auto tasks = crew::on_every_worker(3, [&counts](int id) -> coro::task<> { // expected-warning {{dies in 'run_on'}}
    co_await coro::thread_pool{}.schedule();
    ++counts[id];
  });
  auto more = crew::on_every_worker_copied(3, [&counts](int id) -> coro::task<> { // expected-warning {{dies in 'run_on'}}
    co_await coro::thread_pool{}.schedule();
    --counts[id];
  });
  coro::sync_wait(std::move(tasks));
  coro::sync_wait(std::move(more));
}

// An application runner that keeps the task of the entry point it was given
// and runs the loop afterwards: the closure held in its parameter is gone by
// then.
namespace shell {
struct runner {
  std::vector<coro::task<>> roots;
  int run(int argc, std::function<coro::task<>()> &&entry) { // expected-note {{held in parameter 'entry'}}
    roots.push_back(entry()); // expected-note {{stored here in 'roots'}}
    return argc;
  }
  void loop() {
    for (auto &root : roots)
      coro::sync_wait(std::move(root));
  }
};
} // namespace shell

int bad_runner(int argc) {
  shell::runner r;
  std::string config = "c";
  int code = r.run(argc, [&config]() -> coro::task<> { // expected-warning {{dies in 'run'}}
    co_await coro::thread_pool{}.schedule();
    (void)config.size();
  });
  r.loop();
  return code;
}

// Not reported.

namespace safe {
// Owns the closure in its coroutine frame and awaits the task before the
// frame ends, as folly::coro::co_invoke and seastar::coroutine::lambda do.
template <typename F> coro::task<> invoke_owned(F f) { co_await f(); }
template <typename F> coro::task<> invoke_forwarded(F &&f) {
  return invoke_owned(std::forward<F>(f));
}

// Awaits each copy's task before the copy dies.
template <typename F> coro::task<> each_in_turn(std::vector<int> items, F f) {
  for (int item : items) {
    F copy = f;
    co_await copy(item);
  }
}

// Keeps the callable, never calls it here.
struct registry {
  std::vector<std::function<coro::task<>()>> makers;
  void add(std::function<coro::task<>()> make) { makers.push_back(std::move(make)); }
};

// Returns the task while the closure lives in the caller's statement.
struct chain {
  template <typename Next> coro::task<> then(Next &&next) { return next(); }
};

// Its body is elsewhere: nothing is known of what it does.
coro::task<> elsewhere(std::function<coro::task<>()> f);
} // namespace safe

coro::task<> good_owned(coro::thread_pool &pool, std::string name) {
  pool.spawn_detached(safe::invoke_owned([name]() -> coro::task<> {
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  }));
  pool.spawn_detached(safe::invoke_forwarded([name]() -> coro::task<> {
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  }));
  co_await safe::each_in_turn({1, 2}, [name](int) -> coro::task<> {
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  });
}

coro::task<> good_registry(safe::registry &r, safe::chain &c, std::string name) {
  r.add([name]() -> coro::task<> {
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  });
  co_await c.then([name]() -> coro::task<> {
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  });
  co_await safe::elsewhere([name]() -> coro::task<> {
    co_await coro::thread_pool{}.schedule();
    (void)name.size();
  });
}

// Captureless, or reading its captures only before it can first suspend
// (an eager task copies what it needs in time), or taking a strong reference
// to its object first.
struct meter : std::enable_shared_from_this<meter> {
  int reads = 0;
  void poll() {
    grid::call_once_now([]() -> concurrencpp::result<void> { co_await fetch(); });
    grid_eager_copy();
    grid::call_once_now([this]() -> concurrencpp::result<void> {
      auto self = shared_from_this();
      co_await fetch();
      ++self->reads;
    });
  }
  void grid_eager_copy() {
    int start = reads;
    grid::call_once_now([start]() -> concurrencpp::result<int> {
      int first = start;
      co_await fetch();
      co_return first;
    });
  }
};
