// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <thread>

using namespace std::chrono_literals;

cppcoro::task<int> cppcoro_inner();
cppcoro::task<int> cppcoro_outer() {
  int v = cppcoro::sync_wait(cppcoro_inner()); // expected-warning {{'cppcoro::sync_wait' (sync-wait) in coroutine 'cppcoro_outer'}} expected-note {{co_await the task instead: cppcoro::sync_wait}}
  co_return v + co_await cppcoro_inner();
}

folly::coro::Task<int> folly_inner();
folly::coro::Task<int> folly_outer() {
  int v = folly::coro::blockingWait(folly_inner()); // expected-warning {{'folly::coro::blockingWait' (sync-wait)}} expected-note {{co_await the task instead: folly::coro::blockingWait inside a coroutine blocks}}
  std::this_thread::sleep_for(1ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine}} expected-note {{co_await folly::coro::sleep(duration) instead}}
  co_await folly::coro::sleep(1ms);
  co_return v;
}

coro::task<int> libcoro_inner();
coro::task<int> libcoro_outer(coro::thread_pool &tp) {
  co_await tp.schedule();
  int v = coro::sync_wait(libcoro_inner()); // expected-warning {{'coro::sync_wait' (sync-wait)}} expected-note {{co_await the task instead: coro::sync_wait inside a coroutine blocks the}}
  co_return v;
}

async_simple::coro::Lazy<int> lazy_inner();
async_simple::coro::Lazy<int> lazy_outer() {
  int v = async_simple::coro::syncAwait(lazy_inner()); // expected-warning {{'async_simple::coro::syncAwait' (sync-wait)}} expected-note {{co_await the Lazy instead: async_simple::coro::syncAwait inside a coroutine}}
  co_await async_simple::coro::sleep(1ms);
  co_return v;
}

boost::cobalt::task<int> cobalt_inner();
boost::cobalt::task<int> cobalt_outer() {
  int v = boost::cobalt::run(cobalt_inner()); // expected-warning {{'boost::cobalt::run' (sync-wait)}} expected-note {{co_await the task instead: boost::cobalt::run inside a coroutine starts a}}
  co_return v;
}

concurrencpp::result<int> ccpp_outer(concurrencpp::result<int> r) {
  int v = r.get(); // expected-warning {{'concurrencpp::result::get' (sync-wait)}} expected-note {{co_await the result instead: result::get/wait inside a coroutine blocks an}}
  r.wait_for(0ms);
  co_return v + co_await r;
}

exec::task<int> stdexec_outer() {
  int v = stdexec::sync_wait(stdexec::just()); // expected-warning {{'stdexec::sync_wait' (sync-wait)}} expected-note {{co_await the sender instead: stdexec::sync_wait inside a coroutine blocks the}}
  co_return v;
}

QCoro::Task<int> qcoro_inner();
QCoro::Task<int> qcoro_outer() {
  int v = QCoro::waitFor(qcoro_inner()); // expected-warning {{'QCoro::waitFor' (sync-wait)}} expected-note {{co_await the task instead: QCoro::waitFor inside a coroutine runs a nested}}
  co_return v;
}

// Waiting synchronously is what main() is for. (Coroutines that only main
// waits for run their first steps on main's thread: see sync_started.cpp.)
int main() {
  return coro::sync_wait(libcoro_inner());
}
