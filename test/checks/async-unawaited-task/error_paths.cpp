// ARGS: -std=c++20 -I%INC
// Started work kept for a later await is abandoned when something before
// that await throws; a try around the creation of a task never sees the
// task's own failures.
#include "mock_task.h"
#include <coroutine>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace indexer {
MOCK_DEFINE_TASK(task)

// Eager: runs at the call up to its first suspension, then on its own.
template <typename T = void> class running {
public:
  struct promise_type {
    running get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};

running<> index_shard(int shard);
task<> flush_log();
task<bool> permission(std::string user);
template <typename T> task<> all_of(std::vector<T> &);

// Shards indexed concurrently, then a check that can throw before the
// join: on that way the shards run on with nobody waiting.
task<> reindex(std::vector<int> shards, std::string user) {
  std::vector<running<>> jobs;
  for (int shard : shards)
    jobs.push_back(index_shard(shard)); // expected-warning {{work started into 'jobs' runs on unobserved if the coroutine leaves by an exception before awaiting it}}
  if (!co_await permission(user)) // expected-note {{this can throw while the work is running}}
    throw std::runtime_error("denied"); 
  co_await all_of(jobs); // expected-note {{'jobs' is awaited or handed on only here}}
}

// One job kept in a variable, a log flush before its await.
task<> reindex_one(int shard) {
  running<> job = index_shard(shard); // expected-warning {{work started into 'job' runs on unobserved}}
  co_await flush_log(); // expected-note {{this can throw while the work is running}}
  co_await job; // expected-note {{'job' is awaited or handed on only here}}
}

// Not reported: two jobs started, then awaited in turn. If the first
// fails the second is left running, but that is the join itself: awaiting
// them together is async-sequential-await's advice.
task<> reindex_pair(int a, int b) {
  running<> first = index_shard(a);
  running<> second = index_shard(b);
  co_await first;
  co_await second;
}

// Not reported: a handle whose destructor cancels the work, so an
// exception does not leave it running.
template <typename T = void> class scoped_job {
public:
  struct promise_type {
    scoped_job get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  ~scoped_job() { cancel(); }
  void cancel();
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() {}
};
scoped_job<> watch(int shard);
task<> watch_then_flush(int shard) {
  scoped_job<> watcher = watch(shard);
  co_await flush_log();
  co_await watcher;
}

// Not reported: an await that is always ready neither suspends nor fails.
struct ready_now {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  int await_resume() noexcept { return 0; }
};
task<> reindex_ready(int shard) {
  running<> job = index_shard(shard);
  int round = co_await ready_now{};
  co_await job;
}

// Not reported: joined before anything else can throw.
task<> reindex_joined(std::vector<int> shards) {
  std::vector<running<>> jobs;
  for (int shard : shards)
    jobs.push_back(index_shard(shard));
  co_await all_of(jobs);
  co_await flush_log();
}

// Not reported: the await that can throw is in a try; the work is awaited
// before the failure is thrown again (a handler cannot await).
task<> reindex_guarded(std::vector<int> shards, std::string user) {
  std::vector<running<>> jobs;
  for (int shard : shards)
    jobs.push_back(index_shard(shard));
  std::exception_ptr failure;
  try {
    co_await permission(user);
  } catch (...) {
    failure = std::current_exception();
  }
  co_await all_of(jobs);
  if (failure)
    std::rethrow_exception(failure);
}

// Not reported: lazy tasks kept for later have not started; nothing runs
// on if they are dropped.
task<> later();
task<> reindex_lazy() {
  std::vector<task<>> pending;
  pending.push_back(later());
  co_await flush_log();
  co_await all_of(pending);
}

// Not reported: the work is handed on at once.
void keep(std::vector<running<>> jobs);
task<> hand_over(std::vector<int> shards) {
  std::vector<running<>> jobs;
  for (int shard : shards)
    jobs.push_back(index_shard(shard));
  keep(std::move(jobs));
  co_await flush_log();
}

// A plain function that wraps the creation of a task in try/catch.
task<std::string> fetch_page(std::string url);
void report(const std::exception &);
task<std::string> fetch_or_empty(std::string url) {
  try {
    return fetch_page(url); // expected-warning {{the try around this return never sees a failure of the task it returns: the task runs after the function has returned; make the function a coroutine and 'co_return co_await' the task}}
  } catch (const std::exception &e) { // expected-note {{handles only what is thrown before the task exists}}
    report(e);
    throw;
  }
}
// The same through an eager coroutine defined here: its body's exceptions
// go to its promise, never to the caller.
running<> warm(int shard) {
  co_await flush_log();
}
running<> warm_quietly(int shard) {
  try {
    return warm(shard); // expected-warning {{the try around this return never sees a failure}}
  } catch (...) { // expected-note {{handles only what is thrown before the task exists}}
    return {};
  }
}

// Not reported: the coroutine form, and a handler for the frame's
// allocation only, and a try that holds no return of a task.
task<std::string> fetch_or_empty_fixed(std::string url) {
  try {
    co_return co_await fetch_page(url);
  } catch (const std::exception &e) {
    report(e);
    co_return "";
  }
}
task<std::string> fetch_allocating(std::string url) {
  try {
    return fetch_page(url);
  } catch (const std::bad_alloc &) {
    throw;
  }
}
std::string parse(std::string);
task<std::string> fetch_checked(std::string url) {
  try {
    std::string clean = parse(url);
    return fetch_page(clean);
  } catch (const std::invalid_argument &) {
    return fetch_page("/");
  }
}
task<std::string> fetch_parsed(std::string url) {
  std::string clean;
  try {
    clean = parse(url);
  } catch (...) {
    clean = "/";
  }
  return fetch_page(clean);
}
} // namespace indexer
