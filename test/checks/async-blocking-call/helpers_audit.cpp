// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {AuditMode: true}}
// The audit mode reports a helper that blocks on some way through it only.
#include "mock_task.h"
#include <chrono>
#include <future>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;
namespace app {
MOCK_DEFINE_TASK(task)
task<> tick();

int wait_result(std::future<int> &f, bool cached) {
  if (cached)
    return 0;
  return f.get(); // expected-note {{'wait_result' reaches 'std::future::get' (wait)}}
}

void countdown(int n) {
  if (n == 0) {
    std::this_thread::sleep_for(1ms); // expected-note {{'countdown' reaches 'std::this_thread::sleep_for' (sleep)}}
    return;
  }
  countdown(n - 1);
}
void pong(int n);
void ping(int n) {
  if (n > 0)
    pong(n - 1); // expected-note {{'ping' calls 'pong'}}
}
void pong(int n) {
  if (n % 7 == 0)
    ::usleep(10); // expected-note {{'pong' reaches 'usleep' (sleep)}}
  ping(n - 1);
}
int even(int n);
int odd(int n) { return n == 0 ? 0 : even(n - 1); }
int even(int n) { return n == 0 ? 1 : odd(n - 1); }

task<int> compute(std::future<int> f) {
  countdown(3); // expected-warning {{call to 'countdown' may block in coroutine 'compute': it reaches 'std::this_thread::sleep_for' (sleep)}} expected-note {{await the framework's timer}}
  ping(10); // expected-warning {{call to 'ping' may block in coroutine 'compute': it reaches 'usleep' (sleep)}} expected-note {{await the framework's timer}}
  int parity = even(4) + odd(3);
  co_await tick();
  co_return parity + wait_result(f, false); // expected-warning {{call to 'wait_result' may block in coroutine 'compute': it reaches 'std::future::get' (wait)}} expected-note {{await the result instead}}
}

} // namespace app
