// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
// Independent awaits with a log line or a check between them, and lookups
// without arguments whose names ask a question.
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

using asio::awaitable;

struct User {
  std::string name;
};
awaitable<User> fetch_user(int id);
awaitable<int> fetch_quota(std::string region);
awaitable<std::string> load_settings();
awaitable<std::string> load_templates();
awaitable<int> get_user_count();
awaitable<bool> connect_primary();
awaitable<bool> connect_replica();
awaitable<std::string> load_and_save_cache();

// A log line that looks at the first result orders nothing.
awaitable<int> logged(int id, std::string region) {
  auto user = co_await fetch_user(id); // expected-warning {{'fetch_user' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'asio::experimental::awaitable_operators::operator&&'}}
  std::printf("user %s\n", user.name.c_str());
  auto quota = co_await fetch_quota(region); // expected-note {{independent await of 'fetch_quota'}}
  co_return quota + static_cast<int>(user.name.size());
}

awaitable<int> streamed(int id, std::string region) {
  auto user = co_await fetch_user(id); // expected-warning {{'fetch_user' and 1 more independent await}} expected-note {{run them concurrently with 'asio::experimental::awaitable_operators::operator&&'}}
  std::cout << "user " << user.name << '\n';
  auto quota = co_await fetch_quota(region); // expected-note {{independent await of 'fetch_quota'}}
  co_return quota;
}

// A check that does not leave, and a local of the coroutine's own.
awaitable<int> checked(int id, std::string region) {
  auto user = co_await fetch_user(id); // expected-warning {{'fetch_user' and 1 more independent await}} expected-note {{run them concurrently with 'asio::experimental::awaitable_operators::operator&&'}}
  int length = 0;
  if (!user.name.empty())
    length = static_cast<int>(user.name.size());
  auto quota = co_await fetch_quota(region); // expected-note {{independent await of 'fetch_quota'}}
  co_return quota + length;
}

// Nothing is known of these but names that ask questions.
awaitable<std::size_t> startup() {
  auto settings = co_await load_settings(); // expected-warning {{'load_settings' and 2 more independent awaits}} expected-note {{run them concurrently with 'asio::experimental::awaitable_operators::operator&&'}}
  auto templates = co_await load_templates(); // expected-note {{independent await of 'load_templates'}}
  auto users = co_await get_user_count(); // expected-note {{independent await of 'get_user_count'}}
  co_return settings.size() + templates.size() + static_cast<std::size_t>(users);
}

// --- Dependent: not reported. ---

// An early return between the awaits: the second runs only if the first
// succeeded.
awaitable<int> guarded(int id, std::string region) {
  auto user = co_await fetch_user(id);
  if (user.name.empty())
    co_return 0;
  auto quota = co_await fetch_quota(region);
  co_return quota;
}

// A check that throws.
awaitable<int> validated(int id, std::string region) {
  auto user = co_await fetch_user(id);
  if (user.name.empty())
    throw std::runtime_error("unknown user");
  auto quota = co_await fetch_quota(region);
  co_return quota;
}

// A statement that computes what the second await is given.
awaitable<int> derived(int id) {
  auto user = co_await fetch_user(id);
  std::string region = user.name.substr(0, 2);
  auto quota = co_await fetch_quota(region);
  co_return quota;
}

// Actions on shared state stay ordered, whatever else their names say.
awaitable<bool> failover() {
  auto primary = co_await connect_primary();
  auto replica = co_await connect_replica();
  co_return primary || replica;
}

awaitable<std::size_t> refresh_cache() {
  auto cache = co_await load_and_save_cache();
  auto settings = co_await load_settings();
  co_return cache.size() + settings.size();
}

// A member the second lookup may read.
struct Session {
  int retries = 0;
  awaitable<int> lookup(int id, std::string region) {
    auto user = co_await fetch_user(id);
    ++retries;
    auto quota = co_await fetch_quota(region);
    co_return quota + static_cast<int>(user.name.size());
  }
};
