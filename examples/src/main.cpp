#include "relay.h"

#include <cstdio>

namespace relay {
awaitable<void> listen(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), [](std::exception_ptr e) {
      if (e)
        std::fputs("session failed\n", stderr);
    });
  }
}
} // namespace relay

int main() {
  asio::io_context io;
  relay::tcp::acceptor acceptor(io, {relay::tcp::v4(), 7000});
  asio::co_spawn(io, relay::listen(std::move(acceptor)), asio::detached);
  io.run();
}
