// ARGS: -std=c++20 -I%INC
// Where the coroutine runs decides whether blocking stalls anyone: a thread
// of its own, a hop to a blocking-work pool (also in a template), a result
// already waited for, a wake-up write to a pipe.
#include "frameworks.h"
#include <chrono>
#include <memory>
#include <thread>
#include <unistd.h>

namespace app {
using namespace std::chrono_literals;
using concurrencpp::executor_tag;

// executor_tag starts the coroutine on the executor it is given; a
// thread_executor gives every task a new thread.
concurrencpp::result<int> on_own_thread(executor_tag,
                                        std::shared_ptr<concurrencpp::thread_executor> ex) {
  std::this_thread::sleep_for(10ms);
  co_return 1;
}
concurrencpp::result<int> on_own_worker(executor_tag,
                                        std::shared_ptr<concurrencpp::worker_thread_executor> ex) {
  std::this_thread::sleep_for(10ms);
  co_return 2;
}
// Any other executor is shared with other tasks.
concurrencpp::result<int> on_shared_pool(executor_tag,
                                         std::shared_ptr<concurrencpp::executor> ex) {
  std::this_thread::sleep_for(10ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep)}}
  co_return 3;
}

// A hop onto a blocking-work pool inside a template: the co_await is
// dependent until instantiation.
template <typename T>
concurrencpp::lazy_result<T> after_hop(concurrencpp::thread_pool_executor &pool) {
  co_await concurrencpp::resume_on(pool);
  std::this_thread::sleep_for(10ms);
  co_return T{};
}
template concurrencpp::lazy_result<int> after_hop<int>(concurrencpp::thread_pool_executor &);

// get() after waiting for the same result reads a ready value.
concurrencpp::result<int> produce();
concurrencpp::lazy_result<int> waited(concurrencpp::result<int> res) {
  co_await produce();
  res.wait(); // expected-warning {{blocking call to 'concurrencpp::result::wait' (sync-wait)}}
  co_return res.get();
}
concurrencpp::lazy_result<int> polled(concurrencpp::result<int> res) {
  co_await produce();
  while (res.wait_for(5ms) == 0) { // expected-warning {{blocking call to 'concurrencpp::result::wait_for' (sync-wait)}}
  }
  co_return res.get();
}
// Waiting on one branch only does not make get() ready on the other.
concurrencpp::lazy_result<int> waited_on_one_branch(concurrencpp::result<int> res, bool fast) {
  co_await produce();
  if (fast)
    res.wait(); // expected-warning {{blocking call to 'concurrencpp::result::wait' (sync-wait)}}
  co_return res.get(); // expected-warning {{blocking call to 'concurrencpp::result::get' (sync-wait)}}
}
// Waiting on another result says nothing about this one.
concurrencpp::lazy_result<int> other_object(concurrencpp::result<int> a,
                                            concurrencpp::result<int> b) {
  co_await produce();
  a.wait(); // expected-warning {{blocking call to 'concurrencpp::result::wait' (sync-wait)}}
  co_return b.get(); // expected-warning {{blocking call to 'concurrencpp::result::get' (sync-wait)}}
}

// Eight bytes to a wake-up pipe or eventfd; a buffer is file I/O.
cppcoro::task<> wake_poller(int trigger_fd, int file_fd, const char *data, unsigned long n) {
  unsigned long long one = 1;
  ::write(trigger_fd, &one, sizeof(one));
  ::write(trigger_fd, "x", 1);
  ::write(file_fd, data, n); // expected-warning {{blocking call to 'write' (file-io)}}
  char block[4096] = {};
  ::write(file_fd, block, sizeof(block)); // expected-warning {{blocking call to 'write' (file-io)}}
  co_await cppcoro::task<>{nullptr};
}
} // namespace app
