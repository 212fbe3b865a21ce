// ARGS: -std=c++20 -I%INC
#include "mock_task.h"
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;
namespace app {
MOCK_DEFINE_TASK(task)
task<> tick();

task<> poll_until_ready(std::future<int> &result, std::thread &worker) {
  std::this_thread::sleep_for(100ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'poll_until_ready'}} expected-note {{await the framework's timer instead of sleeping the thread}}
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s); // expected-warning {{'std::this_thread::sleep_until' (sleep)}} expected-note {{await the framework's timer instead of sleeping the thread}}
  ::sleep(1);   // expected-warning {{blocking call to 'sleep' (sleep)}} expected-note {{await the framework's timer instead of sleeping the thread}}
  usleep(500);  // expected-warning {{blocking call to 'usleep' (sleep)}} expected-note {{await the framework's timer instead of sleeping the thread}}
  int value = result.get(); // expected-warning {{blocking call to 'std::future::get' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  result.wait(); // expected-warning {{'std::future::wait' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  result.wait_for(50ms); // expected-warning {{'std::future::wait_for' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  worker.join(); // expected-warning {{'std::thread::join' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  co_await tick();
  (void)value;
}

task<> wait_on_primitives(std::condition_variable &cv, std::mutex &m,
                          std::counting_semaphore<4> &slots, std::latch &done,
                          std::atomic<int> &flag, std::shared_future<int> shared) {
  std::unique_lock lock(m);
  cv.wait(lock); // expected-warning {{'std::condition_variable::wait' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  lock.unlock();
  slots.acquire(); // expected-warning {{'std::counting_semaphore::acquire' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  done.wait(); // expected-warning {{'std::latch::wait' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  flag.wait(0); // expected-warning {{'std::atomic::wait' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  shared.get(); // expected-warning {{'std::shared_future::get' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
  co_await tick();
}

// Polling a future with a zero timeout does not block.
task<> poll_without_blocking(std::future<int> &result) {
  while (result.wait_for(0s) != std::future_status::ready)
    co_await tick();
  if (result.wait_for(std::chrono::milliseconds::zero()) == std::future_status::ready)
    co_await tick();
  if (result.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    co_await tick();
}

// Ordinary functions may block: they are not coroutines.
void worker_thread(std::future<int> &result) {
  std::this_thread::sleep_for(1s);
  result.get();
}

// Lambdas handed to someone else run later, elsewhere.
void post(void (*)());
template <typename F> void submit(F &&) {}
task<> hand_off(std::future<int> &result) {
  submit([&result] { result.get(); });
  post([] { ::sleep(1); });
  auto later = [] { std::this_thread::sleep_for(1s); };
  submit(later);
  co_await tick();
}

// A lambda invoked on the spot runs on the coroutine's own thread.
task<> invoked_in_place() {
  [] { ::sleep(1); }(); // expected-warning {{blocking call to 'sleep' (sleep)}} expected-note {{await the framework's timer instead of sleeping the thread}}
  co_await tick();
}

// A coroutine lambda is a coroutine of its own.
void spawn_lambda() {
  auto coro = []() -> task<> {
    ::sleep(1); // expected-warning {{blocking call to 'sleep' (sleep) in coroutine lambda}} expected-note {{await the framework's timer instead of sleeping the thread}}
    co_await tick();
  };
  (void)coro;
}

// Unevaluated operands never run.
task<> unevaluated(std::future<int> &result) {
  using T = decltype(result.get());
  static_assert(sizeof(result.get()) == sizeof(T));
  co_await tick();
}
} // namespace app

namespace app {
int compute();

// A discarded std::async future waits for the task in its destructor.
task<> fire_and_wait() {
  std::async(std::launch::async, compute); // expected-warning {{blocking call to 'std::async' (wait) in coroutine 'fire_and_wait'}} expected-note {{keep the returned std::future}}
  (void)std::async(std::launch::async, compute); // expected-warning {{'std::async' (wait)}} expected-note {{keep the returned std::future (a discarded one waits for the task in its}}
  auto kept = std::async(std::launch::async, compute);
  co_await tick();
  while (kept.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    co_await tick();
  int ready = kept.get();
  (void)ready;
}

// Polling one future says nothing about another.
task<> poll_other(std::future<int> &a, std::future<int> &b) {
  while (a.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    co_await tick();
  a.get();
  b.get(); // expected-warning {{'std::future::get' (wait)}} expected-note {{await the result instead (a coroutine-aware future, event, semaphore or channel)}}
}
} // namespace app
