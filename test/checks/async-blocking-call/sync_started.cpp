// ARGS: -std=c++20 -I%INC
// A coroutine that only a plain function's synchronous wait ever starts runs
// on that caller's thread until its first suspension: a blocking call there
// stalls nobody but the caller, which waits for the coroutine anyway.
#include "frameworks.h"
#include <chrono>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

concurrencpp::result<void> signal_later();
concurrencpp::result<int> compute();

// Called from main only, and waited for with get().
concurrencpp::result<void> start_then_join() {
  std::this_thread::sleep_for(10ms); // gives the producer a head start
  co_await signal_later();
  std::this_thread::sleep_for(10ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'start_then_join'}}
}

// A template, waited for from a plain helper.
template <typename T> concurrencpp::result<T> warm_up() {
  std::this_thread::sleep_for(1ms);
  co_return co_await compute();
}

template <typename T> void run_warm_up() { warm_up<T>().get(); }

// A template awaiting something of its parameter's type, instantiated.
template <typename T> concurrencpp::result<void> gather(std::vector<concurrencpp::result<T>> parts) {
  std::this_thread::sleep_for(1ms);
  for (auto &part : parts)
    co_await part;
}

// Started by cppcoro::sync_wait from a plain function.
cppcoro::task<int> prepare() {
  std::this_thread::sleep_for(1ms);
  co_return 1;
}

// A loop that suspends runs its blocking call again after resuming.
concurrencpp::result<void> poll_in_loop() {
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'poll_in_loop'}}
    co_await signal_later();
  }
}

// The suspension is on the other branch: on this one, nothing has suspended
// yet. After the branches join, either may have.
concurrencpp::result<void> wait_or_block(bool ready) {
  if (ready)
    co_await signal_later();
  else
    std::this_thread::sleep_for(1ms);
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'wait_or_block'}}
}

// Written before the await, but a goto comes back to it after resuming.
concurrencpp::result<void> retry_with_goto(int attempts) {
again:
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'retry_with_goto'}}
  co_await signal_later();
  if (--attempts > 0)
    goto again;
}

// One of its uses is inside another coroutine: that caller's thread is an
// executor's.
concurrencpp::result<void> shared_step() {
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'shared_step'}}
  co_await signal_later();
}

concurrencpp::result<void> pipeline() {
  co_await shared_step();
}

// Kept, not waited for: it runs on whoever resumes it later.
concurrencpp::result<void> kept() {
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'kept'}}
  co_await signal_later();
}

concurrencpp::result<void> keep_it() {
  auto task = kept();
  co_await task;
}

// Awaited first by a coroutine that main waits for: it starts on main's
// thread too, and so does what it awaits first in turn, until something
// suspends.
concurrencpp::result<void> open_store() {
  std::this_thread::sleep_for(1ms);
  co_await signal_later();
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'open_store'}}
}
concurrencpp::result<void> load_settings() {
  std::this_thread::sleep_for(1ms);
  co_await open_store();
}
concurrencpp::result<void> boot() {
  co_await load_settings();
  co_await signal_later();
}

// Awaited after the awaiting coroutine has suspended once: it starts on
// whichever thread resumed it.
concurrencpp::result<void> late_step() {
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'late_step'}}
  co_await signal_later();
}
concurrencpp::result<void> boot_late() {
  co_await signal_later();
  co_await late_step();
}

// Awaited first, but by a coroutine that something else starts: not known
// to run on a waiting thread.
concurrencpp::result<void> first_of_kept() {
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'first_of_kept'}}
  co_await signal_later();
}
concurrencpp::result<void> kept_pipeline() { co_await first_of_kept(); }
concurrencpp::result<void> keep_pipeline() {
  auto task = kept_pipeline();
  co_await task;
}

int main() {
  boot().get();
  boot_late().get();
  keep_pipeline().get();
  start_then_join().get();
  run_warm_up<int>();
  gather<int>({}).get();
  cppcoro::sync_wait(prepare());
  poll_in_loop().get();
  wait_or_block(true).get();
  retry_with_goto(3).get();
  shared_step().get();
  keep_it().get();
}
