// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <chrono>
#include <fstream>
#include <future>
#include <string>

using namespace std::chrono_literals;
coro::task<> tick();

// Where the coroutine runs is decided by what ran before on every path, not
// by what is written above.
coro::task<std::string> offload_on_one_branch(coro::thread_pool &tp, bool heavy) {
  if (heavy)
    co_await tp.schedule();
  else
    std::ifstream in("data.txt"); // expected-warning {{'std::ifstream::ifstream' (file-io)}}
  std::ifstream after("after.txt"); // expected-warning {{'std::ifstream::ifstream' (file-io)}}
  co_return "";
}

coro::task<std::string> offload_on_both_branches(coro::thread_pool &tp, coro::thread_pool &other,
                                                 bool heavy) {
  if (heavy)
    co_await tp.schedule();
  else
    co_await other.schedule();
  std::ifstream in("data.txt");
  co_return "";
}

// The first round runs before the hop onto the pool.
coro::task<> offload_later_in_the_loop(coro::thread_pool &tp, int rounds) {
  for (int i = 0; i < rounds; ++i) {
    std::ofstream out("round.txt"); // expected-warning {{'std::ofstream::ofstream' (file-io)}}
    co_await tp.schedule();
  }
}

coro::task<> offload_before_the_loop(coro::thread_pool &tp, int rounds) {
  co_await tp.schedule();
  for (int i = 0; i < rounds; ++i)
    std::ofstream out("round.txt");
}

// An early return skips the hop: nothing after it is reached without it.
coro::task<> early_return(coro::thread_pool &tp, bool skip) {
  if (skip)
    co_return;
  co_await tp.schedule();
  std::ofstream out("report.txt");
}

// A label jumped to from before the hop.
coro::task<> jump_over_offload(coro::thread_pool &tp, bool skip) {
  if (skip)
    goto write;
  co_await tp.schedule();
write:
  std::ofstream out("report.txt"); // expected-warning {{'std::ofstream::ofstream' (file-io)}}
}

// In a template whose hop is dependent until instantiation.
template <typename Pool> coro::task<> hop_then_write(Pool &pool, bool skip) {
  if (!skip)
    co_await pool.schedule();
  std::ofstream out("report.txt"); // expected-warning {{'std::ofstream::ofstream' (file-io)}}
}
template coro::task<> hop_then_write(coro::thread_pool &, bool);

template <typename Pool> coro::task<> write_after_hop(Pool &pool) {
  co_await pool.schedule();
  std::ofstream out("report.txt");
}
template coro::task<> write_after_hop(coro::thread_pool &);

// A future polled in a loop is ready once the loop ends; one polled on a
// single branch is not ready on the other.
coro::task<int> poll_in_loop(std::future<int> &result) {
  for (;;) {
    if (result.wait_for(0s) == std::future_status::ready)
      break;
    co_await tick();
  }
  co_return result.get();
}

coro::task<int> poll_on_one_branch(std::future<int> &result, bool patient) {
  if (patient) {
    while (result.wait_for(0s) != std::future_status::ready)
      co_await tick();
  }
  co_return result.get(); // expected-warning {{'std::future::get' (wait)}}
}

// get() inside the polling loop runs before the poll on the first round.
coro::task<int> get_before_poll(std::future<int> &result) {
  int sum = 0;
  do {
    sum += result.get(); // expected-warning {{'std::future::get' (wait)}}
    co_await tick();
  } while (result.wait_for(0s) != std::future_status::ready);
  co_return sum;
}

coro::task<int> poll_or_wait(std::future<int> &result, bool patient) {
  if (patient) {
    while (result.wait_for(0s) != std::future_status::ready)
      co_await tick();
  } else {
    result.wait(); // expected-warning {{'std::future::wait' (wait)}}
  }
  co_return result.get();
}
