// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <utility>
#include <vector>

namespace app {
folly::coro::Task<int> fetch(int id);
void consume(folly::coro::Task<int> t);

folly::coro::Task<int> forgotten() {
  auto first = fetch(1); // expected-warning {{task 'first' is never awaited, moved, returned or passed on, so it never runs}}
  auto second = fetch(2);
  co_return co_await std::move(second);
}

void passed_on() {
  auto t = fetch(1);
  consume(std::move(t));
  std::vector<folly::coro::Task<int>> pending;
  auto u = fetch(2);
  pending.push_back(std::move(u));
  pending.emplace_back(fetch(6));
  pending.push_back(fetch(7));
  pending.back() = fetch(8);
  [[maybe_unused]] auto later = fetch(3);
  auto dropped = fetch(4);
  (void)dropped;
}

folly::coro::Task<int> returned_variable() {
  auto t = fetch(5);
  return t;
}

void eager_variable() {
  auto r = concurrencpp::result<int>{}; // not from a call: nothing started
  auto started = []() -> concurrencpp::result<int> { co_return 1; }(); // expected-warning {{task 'started' is never awaited, moved, returned or passed on: its result and any exception it throws are lost}}
}
} // namespace app
