// ARGS: -std=c++20 -I%INC
// Coroutine lambdas written in place and awaited in turn: their bodies are in
// view, so what they touch decides whether they could overlap.
#include "frameworks.h"
#include <string>
#include <vector>

using folly::coro::Task;

struct profile {
  std::string name;
};
Task<profile> load_profile(int user);
Task<std::vector<int>> load_orders(int user);
Task<int> reserve(int item, int count);

Task<int> dashboard(int user) {
  auto profile_of = [user]() -> Task<profile> { co_return co_await load_profile(user); };
  auto orders_of = [&user]() -> Task<std::vector<int>> {
    auto orders = co_await load_orders(user);
    co_return orders;
  };
  profile p = co_await profile_of(); // expected-warning {{'profile_of' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'folly::coro::collectAll'}}
  std::vector<int> o = co_await orders_of(); // expected-note {{independent await of 'orders_of'}}
  co_return static_cast<int>(p.name.size() + o.size());
}

// A lambda with parameters, called with different arguments.
Task<int> two_users() {
  auto size_of = [](int user) -> Task<int> {
    auto orders = co_await load_orders(user);
    co_return static_cast<int>(orders.size());
  };
  int a = co_await size_of(1); // expected-warning {{'size_of' and 1 more independent await}} expected-note {{run them concurrently with 'folly::coro::collectAll'}}
  int b = co_await size_of(2); // expected-note {{independent await of 'size_of'}}
  co_return a + b;
}

// --- Not reported. ---

// The second lambda reads what the first one wrote.
Task<int> handed_on(int user) {
  int reserved = 0;
  auto first = [&]() -> Task<int> {
    reserved = co_await reserve(user, 1);
    co_return reserved;
  };
  auto second = [&]() -> Task<int> { co_return co_await reserve(user, reserved + 1); };
  int a = co_await first();
  int b = co_await second();
  co_return a + b;
}

// Both lambdas push onto one vector captured by reference.
Task<int> appending(int user) {
  std::vector<int> log;
  auto one = [&]() -> Task<int> {
    log.push_back(1);
    co_return co_await reserve(user, 1);
  };
  auto two = [&]() -> Task<int> {
    log.push_back(2);
    co_return co_await reserve(user, 2);
  };
  int a = co_await one();
  int b = co_await two();
  co_return a + b + static_cast<int>(log.size());
}

// The same lambda awaited twice with the same arguments samples twice.
Task<int> sampled(int user) {
  auto sample = [user]() -> Task<int> { co_return co_await reserve(user, 0); };
  int before = co_await sample();
  int after = co_await sample();
  co_return after - before;
}

// A lambda that never suspends only computes.
Task<int> computed(int user) {
  auto twice = [user]() -> Task<int> { co_return user * 2; };
  auto thrice = [user]() -> Task<int> { co_return user * 3; };
  int a = co_await twice();
  int b = co_await thrice();
  co_return a + b;
}

// A lambda that captures `this` works on the object the next one uses too.
struct cart {
  int items = 0;
  Task<int> add(int item);
  Task<int> both(int x, int y) {
    auto first = [this, x]() -> Task<int> { co_return co_await add(x); };
    auto second = [this, y]() -> Task<int> { co_return co_await add(y); };
    int a = co_await first();
    int b = co_await second();
    co_return a + b;
  }
};
