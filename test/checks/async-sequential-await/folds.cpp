// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
// A loop that folds the results of independent awaits into one value waits
// for each element in turn.
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <string>
#include <vector>

using asio::awaitable;

awaitable<int> fetch_quota(std::string region);
awaitable<int> next_quota(std::string region, int so_far);
awaitable<unsigned> feature_flags(std::string region);

awaitable<int> total_quota(std::vector<std::string> regions) {
  int total = 0;
  for (const std::string &region : regions)
    total += co_await fetch_quota(region); // expected-warning {{'fetch_quota' is awaited once per element, each call waiting for the one before}} expected-note {{start them together and await them at once with 'asio::experimental::make_parallel_group'}}
  co_return total;
}

awaitable<unsigned> flags(std::vector<std::string> regions) {
  unsigned seen = 0;
  for (const std::string &region : regions) {
    seen |= co_await feature_flags(region); // expected-warning {{'feature_flags' is awaited once per element}} expected-note {{start them together and await them at once with}}
  }
  co_return seen;
}

// --- Not reported. ---

// Each call is given what the ones before produced.
awaitable<int> chained(std::vector<std::string> regions) {
  int total = 0;
  for (const std::string &region : regions)
    total += co_await next_quota(region, total);
  co_return total;
}

// A coroutine that never suspends only computes: awaiting it runs it on the
// spot, and there is no waiting to overlap.
awaitable<int> count_char(std::string line, char c) {
  int n = 0;
  for (char x : line)
    n += x == c;
  co_return n;
}

awaitable<int> count_in(std::vector<std::string> lines) {
  int total = 0;
  for (const std::string &line : lines)
    total += co_await count_char(line, 'x');
  co_return total;
}

// Plain assignment keeps only the last result: the order is the point.
awaitable<int> last(std::vector<std::string> regions) {
  int latest = 0;
  for (const std::string &region : regions)
    latest = co_await fetch_quota(region);
  co_return latest;
}
