// The operators' header is included but not brought into scope: the
// rewrite spells the operator out.
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <string>

using asio::awaitable;

// Remote calls, defined elsewhere: each waits on the network.
awaitable<int> fetch_quota(std::string region);
awaitable<std::string> fetch_motd(int day);

awaitable<std::size_t> banner(std::string region, int day) {
  auto quota = co_await fetch_quota(region);
  // The comment keeps its place above the rewritten statement.
  auto motd = co_await fetch_motd(day);
  co_return motd.size() + static_cast<std::size_t>(quota);
}

awaitable<std::size_t> plain(std::string region, int day) {
  auto quota = co_await fetch_quota(region);
  auto motd = co_await fetch_motd(day);
  co_return motd.size() + static_cast<std::size_t>(quota);
}
