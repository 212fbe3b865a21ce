#include "relay.h"

#include <chrono>
#include <cstdio>

namespace relay {
// Stand-ins for calls to a directory service; each takes a round trip.
awaitable<std::string> lookup_region(std::string peer) {
  asio::steady_timer round_trip(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
  co_await round_trip.async_wait(asio::use_awaitable);
  co_return peer.rfind("10.", 0) == 0 ? "internal" : "public";
}

awaitable<std::size_t> lookup_quota(std::string peer) {
  asio::steady_timer round_trip(co_await asio::this_coro::executor, std::chrono::milliseconds(30));
  co_await round_trip.async_wait(asio::use_awaitable);
  co_return peer.size() * (1u << 16);
}

awaitable<void> audit_peer(const std::string &peer) {
  asio::steady_timer round_trip(co_await asio::this_coro::executor, std::chrono::milliseconds(10));
  co_await round_trip.async_wait(asio::use_awaitable);
  std::printf("audited %s\n", peer.c_str());
}
} // namespace relay
