// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <thread>

using namespace std::chrono_literals;

cppcoro::task<int> cppcoro_inner();
cppcoro::task<int> cppcoro_outer() {
  int v = cppcoro::sync_wait(cppcoro_inner()); // expected-warning {{'cppcoro::sync_wait' (sync-wait) in coroutine 'cppcoro_outer'; co_await the task instead: cppcoro::sync_wait}}
  co_return v + co_await cppcoro_inner();
}

folly::coro::Task<int> folly_inner();
folly::coro::Task<int> folly_outer() {
  int v = folly::coro::blockingWait(folly_inner()); // expected-warning {{'folly::coro::blockingWait' (sync-wait)}}
  std::this_thread::sleep_for(1ms); // expected-warning {{co_await folly::coro::sleep(duration) instead}}
  co_await folly::coro::sleep(1ms);
  co_return v;
}

coro::task<int> libcoro_inner();
coro::task<int> libcoro_outer(coro::thread_pool &tp) {
  co_await tp.schedule();
  int v = coro::sync_wait(libcoro_inner()); // expected-warning {{'coro::sync_wait' (sync-wait)}}
  co_return v;
}

async_simple::coro::Lazy<int> lazy_inner();
async_simple::coro::Lazy<int> lazy_outer() {
  int v = async_simple::coro::syncAwait(lazy_inner()); // expected-warning {{'async_simple::coro::syncAwait' (sync-wait)}}
  co_await async_simple::coro::sleep(1ms);
  co_return v;
}

boost::cobalt::task<int> cobalt_inner();
boost::cobalt::task<int> cobalt_outer() {
  int v = boost::cobalt::run(cobalt_inner()); // expected-warning {{'boost::cobalt::run' (sync-wait)}}
  co_return v;
}

concurrencpp::result<int> ccpp_outer(concurrencpp::result<int> r) {
  int v = r.get(); // expected-warning {{'concurrencpp::result::get' (sync-wait)}}
  r.wait_for(0ms);
  co_return v + co_await r;
}

exec::task<int> stdexec_outer() {
  int v = stdexec::sync_wait(stdexec::just()); // expected-warning {{'stdexec::sync_wait' (sync-wait)}}
  co_return v;
}

QCoro::Task<int> qcoro_inner();
QCoro::Task<int> qcoro_outer() {
  int v = QCoro::waitFor(qcoro_inner()); // expected-warning {{'QCoro::waitFor' (sync-wait)}}
  co_return v;
}

// Waiting synchronously is what main() is for. (Coroutines that only main
// waits for run their first steps on main's thread: see sync_started.cpp.)
int main() {
  return coro::sync_wait(libcoro_inner());
}
