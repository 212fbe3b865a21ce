// Independent awaits on asio::awaitable, with asio's awaitable operators in
// scope: the rewrite uses `&&` directly.
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <string>
#include <vector>

using asio::awaitable;
using namespace asio::experimental::awaitable_operators;

struct User {
  std::string name;
};
// Remote calls, defined elsewhere: each waits on the network.
awaitable<User> fetch_user(int id);
awaitable<std::vector<int>> fetch_orders(int user_id);
awaitable<int> fetch_quota(std::string region);

awaitable<int> dashboard(int id, std::string region) {
  auto user = co_await fetch_user(id);
  auto orders = co_await fetch_orders(id);
  auto quota = co_await fetch_quota(region);
  co_return static_cast<int>(user.name.size() + orders.size()) + quota;
}

// A returned variable would lose its implicit move as a structured binding:
// reported, but not rewritten.
awaitable<User> returned(int id, std::string region) {
  auto quota = co_await fetch_quota(region);
  auto user = co_await fetch_user(id + quota);
  auto other = co_await fetch_user(id);
  user.name += other.name;
  co_return user;
}

// Not `auto`: the binding would not have the declared type.
awaitable<int> typed(int id, std::string region) {
  int quota = co_await fetch_quota(region);
  User user = co_await fetch_user(id);
  co_return quota + static_cast<int>(user.name.size());
}
