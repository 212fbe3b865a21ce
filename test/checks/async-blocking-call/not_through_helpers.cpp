// ARGS: -std=c++20 -I%INC
#include "mock_task.h"
#include <chrono>
#include <deque>
#include <fstream>
#include <functional>
#include <future>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;
namespace app {
MOCK_DEFINE_TASK(task)
task<> tick();

// Work handed to someone else runs elsewhere: a thread, a pool, a callback
// kept for later.
void start_worker() {
  std::thread([] { std::this_thread::sleep_for(1s); }).detach();
}
struct Pool {
  std::deque<std::function<void()>> jobs;
  template <typename F> void post(F f) { jobs.emplace_back(std::move(f)); }
};
void schedule_flush(Pool &pool, int fd) {
  pool.post([fd] { ::fsync(fd); });
}
struct Button {
  std::function<void()> on_click;
};
void wire(Button &b) {
  b.on_click = [] { std::ifstream in("clicked.txt"); };
}
auto later_read() {
  return std::async(std::launch::async, [] { std::this_thread::sleep_for(1s); return 1; });
}

// Calls the analysis cannot resolve: virtual calls on an open type, function
// pointers, std::function.
struct Store {
  virtual ~Store() = default;
  virtual void save() { ::sync(); }
};
void slow_step() { std::this_thread::sleep_for(1ms); }

// A coroutine is checked on its own body, not as a helper.
task<> slow_task() {
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'slow_task'}} expected-note {{await the framework's timer}}
  co_return;
}

// Helpers that do not block: a descriptor shown non-blocking, a wake-up
// write, a result polled ready first, clocks and console output.
ssize_t try_read(int fd, char *buf) { return ::recv(fd, buf, 16, MSG_DONTWAIT); }
void wake(int fd) {
  char one = 1;
  (void)::write(fd, &one, 1);
}
int ready_value(std::future<int> &f) {
  if (f.wait_for(0s) == std::future_status::ready)
    return f.get();
  return -1;
}
long now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// A helper whose result is awaited: the await is what the coroutine waits
// for.
task<> fetch_later();
task<> make_request(const std::string &) { return fetch_later(); }

task<> service(Pool &pool, Button &b, Store &store, void (*step)(), std::function<void()> hook,
               int fd, std::future<int> &f) {
  start_worker();
  schedule_flush(pool, fd);
  wire(b);
  auto pending = later_read();
  store.save();
  step();
  hook();
  co_await slow_task();
  char buf[16];
  try_read(fd, buf);
  wake(fd);
  int v = ready_value(f) + static_cast<int>(now_ms());
  co_await make_request("x");
  co_await tick();
  (void)v;
  (void)pending;
}

// A blocking API written in the coroutine is reported once, as itself.
void nap() { std::this_thread::sleep_for(1ms); } // expected-note {{'nap' reaches 'std::this_thread::sleep_for' (sleep)}}
task<> direct() {
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'direct'}} expected-note {{await the framework's timer}}
  nap(); // expected-warning {{call to 'nap' may block in coroutine 'direct'}} expected-note {{await the framework's timer}}
  co_await tick();
}

// Plain functions, synchronous generators and lambdas handed off are not
// coroutines that stall an event loop.
void plain() { nap(); }
task<> hands_off(Pool &pool) {
  pool.post([] { nap(); });
  co_await tick();
}

} // namespace app
