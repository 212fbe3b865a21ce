// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
#include <array>
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <string>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

struct User {
  std::string name;
};
struct Order {
  int id = 0;
};
awaitable<User> fetch_user(int id);
awaitable<std::vector<Order>> fetch_orders(int user_id);
awaitable<int> fetch_quota(std::string region);
awaitable<void> log_event(std::string what);

// Three lookups that share nothing: the page waits for the sum of three
// round trips instead of the longest.
awaitable<int> dashboard(int id, std::string region) {
  auto user = co_await fetch_user(id); // expected-warning {{'fetch_user' and 2 more independent awaits run one after another}} expected-note {{run them concurrently with 'asio::experimental::awaitable_operators::operator&&'}}
  auto orders = co_await fetch_orders(id); // expected-note {{independent await of 'fetch_orders'}}
  auto quota = co_await fetch_quota(region); // expected-note {{independent await of 'fetch_quota'}}
  co_return static_cast<int>(user.name.size() + orders.size()) + quota;
}

// Assignments to distinct variables are as independent as declarations.
awaitable<int> refresh(int id, std::string region) {
  User user;
  int quota = 0;
  user = co_await fetch_user(id); // expected-warning {{'fetch_user' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'asio::experimental::awaitable_operators::operator&&'}}
  quota = co_await fetch_quota(region); // expected-note {{independent await of 'fetch_quota'}}
  co_return quota + static_cast<int>(user.name.size());
}

// One per element, each waiting for the one before (the N+1 pattern).
awaitable<std::vector<User>> team(std::vector<int> ids) {
  std::vector<User> users;
  for (int id : ids)
    users.push_back(co_await fetch_user(id)); // expected-warning {{'fetch_user' is awaited once per element, each call waiting for the one before}} expected-note {{start them together and await them at once with 'asio::experimental::make_parallel_group'}}
  co_return users;
}

awaitable<std::vector<int>> quotas(const std::vector<std::string> &regions) {
  std::vector<int> out;
  for (const auto &region : regions) {
    auto quota = co_await fetch_quota(region); // expected-warning {{'fetch_quota' is awaited once per element}} expected-note {{start them together and await them at once with}}
    out.push_back(quota);
  }
  co_return out;
}

// --- Order-dependent sequences: never reported. ---

// Request then response on one socket.
awaitable<std::size_t> round_trip(tcp::socket &socket, std::string request) {
  std::array<char, 512> reply{};
  std::size_t sent = co_await asio::async_write(socket, asio::buffer(request), use_awaitable);
  std::size_t got = co_await socket.async_read_some(asio::buffer(reply), use_awaitable);
  co_return sent + got;
}

// One buffer filled by two reads.
awaitable<std::size_t> two_reads(tcp::socket &a, tcp::socket &b) {
  std::array<char, 512> buffer{};
  std::size_t first = co_await a.async_read_some(asio::buffer(buffer), use_awaitable);
  std::size_t second = co_await b.async_read_some(asio::buffer(buffer), use_awaitable);
  co_return first + second;
}

// Resolve, then connect to what was resolved.
awaitable<void> dial(tcp::resolver &resolver, tcp::socket &socket, std::string host) {
  auto endpoints = co_await resolver.async_resolve(host, "443", use_awaitable);
  auto endpoint = co_await asio::async_connect(socket, endpoints, use_awaitable);
  (void)endpoint;
}

// Effects whose order is the point: nothing is kept.
awaitable<void> audited(int id) {
  co_await log_event("begin");
  co_await log_event("end");
  (void)id;
}

// A timer wait used as back-off before the retry.
awaitable<int> retry_later(asio::steady_timer &timer, std::string region) {
  timer.expires_after(std::chrono::milliseconds(200));
  co_await timer.async_wait(use_awaitable);
  auto quota = co_await fetch_quota(region);
  co_return quota;
}

// Two messages off one channel-like acceptor: same receiver.
awaitable<void> accept_two(tcp::acceptor &acceptor) {
  auto first = co_await acceptor.async_accept(use_awaitable);
  auto second = co_await acceptor.async_accept(use_awaitable);
  first.close();
  second.close();
}

// A statement between the awaits may be what the second one relies on.
awaitable<int> staged(int id, std::string region, int &attempts) {
  auto user = co_await fetch_user(id);
  ++attempts;
  auto quota = co_await fetch_quota(region);
  co_return quota + static_cast<int>(user.name.size());
}

// The loop reads what it appends to.
awaitable<std::vector<int>> running(std::vector<std::string> regions) {
  std::vector<int> totals;
  for (const auto &region : regions)
    totals.push_back(co_await fetch_quota(region + std::to_string(totals.size())));
  co_return totals;
}
