// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <utility>

// Synchronous faces of coroutine code: a function whose body waits for a
// coroutine to finish blocks whoever calls it, a coroutine included.
namespace kv {
async_simple::coro::Lazy<int> read_key(int key);

int read_key_now(int key) {
  return async_simple::coro::syncAwait(read_key(key)); // expected-note {{'read_key_now' reaches 'async_simple::coro::syncAwait' (sync-wait)}}
}

async_simple::coro::Lazy<int> sum_keys(int a, int b) {
  int first = co_await read_key(a);
  int second = read_key_now(b); // expected-warning {{call to 'read_key_now' may block in coroutine 'sum_keys': it reaches 'async_simple::coro::syncAwait' (sync-wait)}} expected-note {{co_await the Lazy instead}}
  co_return first + second;
}

// A member that waits, reached through another member.
class Cache {
public:
  folly::coro::Task<int> load(int key);
  int get(int key) {
    return folly::coro::blockingWait(load(key)); // expected-note {{'Cache::get' reaches 'folly::coro::blockingWait' (sync-wait)}}
  }
  int get_or(int key, int fallback) {
    int value = get(key); // expected-note {{'Cache::get_or' calls 'Cache::get'}}
    return value ? value : fallback;
  }
  folly::coro::Task<int> warm(int key) {
    co_await load(key);
    co_return get_or(key + 1, 0); // expected-warning {{call to 'Cache::get_or' may block in coroutine 'warm': it reaches 'folly::coro::blockingWait' (sync-wait)}} expected-note {{co_await the task instead}}
  }
};

// A generic adapter, instantiated for the task it is given.
template <typename Awaitable> auto run_blocking(Awaitable &&work) {
  return cppcoro::sync_wait(std::forward<Awaitable>(work)); // expected-note {{'run_blocking' reaches 'cppcoro::sync_wait' (sync-wait)}}
}
cppcoro::task<int> count_rows();
cppcoro::task<int> report() {
  int rows = run_blocking(count_rows()); // expected-warning {{call to 'run_blocking' may block in coroutine 'report': it reaches 'cppcoro::sync_wait' (sync-wait)}} expected-note {{co_await the task instead}}
  co_return rows + co_await count_rows();
}

// `.get()` of an eagerly started coroutine's result waits for it.
concurrencpp::result<int> checksum(int block);
int checksum_now(int block) {
  return checksum(block).get(); // expected-note {{'checksum_now' reaches 'concurrencpp::result::get' (sync-wait)}}
}
concurrencpp::result<int> verify(int block) {
  int expected = co_await checksum(block);
  co_return expected == checksum_now(block + 1); // expected-warning {{call to 'checksum_now' may block in coroutine 'verify': it reaches 'concurrencpp::result::get' (sync-wait)}} expected-note {{co_await the result instead}}
}
} // namespace kv
