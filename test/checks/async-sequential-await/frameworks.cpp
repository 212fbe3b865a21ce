// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <string>
#include <vector>

// The message names the combinator of the framework the awaits come from.
namespace with_folly {
using folly::coro::Task;
Task<std::string> profile(int user);
Task<int> unread(int user);
Task<std::vector<int>> recent(int user, int limit);

Task<std::size_t> home(int user) {
  auto who = co_await profile(user); // expected-warning {{'with_folly::profile' and 2 more independent awaits run one after another}} expected-note {{run them concurrently with 'folly::coro::collectAll'}}
  auto count = co_await unread(user); // expected-note {{independent await of 'with_folly::unread'}}
  auto items = co_await recent(user, 20); // expected-note {{independent await of 'with_folly::recent'}}
  co_return who.size() + static_cast<std::size_t>(count) + items.size();
}

Task<std::vector<std::string>> profiles(std::vector<int> users) {
  std::vector<std::string> out;
  for (int user : users)
    out.push_back(co_await profile(user)); // expected-warning {{'with_folly::profile' is awaited once per element, each call waiting for the one before}} expected-note {{start them together and await them at once with 'folly::coro::collectAllRange'}}
  co_return out;
}
} // namespace with_folly

namespace with_cppcoro {
cppcoro::task<int> price(std::string sku);
cppcoro::task<int> stock(std::string sku);
cppcoro::task<int> total(std::string sku) {
  int p = co_await price(sku); // expected-warning {{'with_cppcoro::price' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'cppcoro::when_all'}}
  int s = co_await stock(sku); // expected-note {{independent await of 'with_cppcoro::stock'}}
  co_return p * s;
}
} // namespace with_cppcoro

namespace with_libcoro {
coro::task<int> shard_size(int shard);
coro::task<int> sizes(int a, int b) {
  auto x = co_await shard_size(a); // expected-warning {{'with_libcoro::shard_size' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'coro::when_all'}}
  auto y = co_await shard_size(b); // expected-note {{independent await of 'with_libcoro::shard_size'}}
  co_return x + y;
}
} // namespace with_libcoro

namespace with_async_simple {
async_simple::coro::Lazy<int> score(std::string name);
async_simple::coro::Lazy<int> rank(std::string name);
async_simple::coro::Lazy<int> board(std::string name) {
  int s = co_await score(name); // expected-warning {{'with_async_simple::score' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'async_simple::coro::collectAll'}}
  int r = co_await rank(name); // expected-note {{independent await of 'with_async_simple::rank'}}
  co_return s + r;
}
} // namespace with_async_simple

namespace with_seastar {
seastar::future<int> replicas(std::string table);
seastar::future<int> tokens(std::string table);
seastar::future<int> plan(std::string table) {
  int r = co_await replicas(table); // expected-warning {{'with_seastar::replicas' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'seastar::when_all'}}
  int t = co_await tokens(table); // expected-note {{independent await of 'with_seastar::tokens'}}
  co_return r * t;
}
} // namespace with_seastar

// A task type of the project's own: no combinator to name.
namespace own {
MOCK_DEFINE_TASK(job)
job<int> width(int id);
job<int> height(int id);
job<int> area(int id) {
  int w = co_await width(id); // expected-warning {{'own::width' and 1 more independent await run one after another}} expected-note {{run them concurrently (e.g. with when_all)}}
  int h = co_await height(id); // expected-note {{independent await of 'own::height'}}
  co_return w * h;
}
} // namespace own

// An awaiter whose await_ready is `return true;` hands its value back without
// suspending: there is nothing to overlap. One that may suspend is work.
namespace ready_values {
template <class T> struct ready {
  T value;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { return value; }
};
template <class T> ready<T> just(T value) { return ready<T>{value}; }

template <class T> struct pending {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume();
};
pending<int> remote_count(int shard);

coro::task<int> constants() {
  int a = co_await just(1);
  int b = co_await just(2);
  co_return a + b;
}

coro::task<int> remote(int x, int y) {
  int a = co_await remote_count(x); // expected-warning {{'ready_values::remote_count' and 1 more independent await run one after another}} expected-note {{run them concurrently (e.g. with when_all)}}
  int b = co_await remote_count(y); // expected-note {{independent await of 'ready_values::remote_count'}}
  co_return a + b;
}
} // namespace ready_values

namespace ready_tasks {
// A plain function that wraps a ready value as a task does not suspend.
template <class T> struct ready_value {
  T value;
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { return value; }
  operator coro::task<T>() &&;
};
template <class T> coro::task<T> as_task(T value) { return ready_value<T>{value}; }
coro::task<int> fetched(int key);
template <class T> coro::task<T> maybe_ready(T value, bool cached) {
  if (cached)
    return ready_value<T>{value};
  return fetched(value);
}

coro::task<int> wrapped() {
  int a = co_await as_task(1);
  int b = co_await as_task(2);
  co_return a + b;
}

coro::task<int> sometimes(int x, int y) {
  int a = co_await maybe_ready(x, true); // expected-warning {{'ready_tasks::maybe_ready' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'coro::when_all'}}
  int b = co_await maybe_ready(y, false); // expected-note {{independent await of 'ready_tasks::maybe_ready'}}
  co_return a + b;
}
} // namespace ready_tasks
