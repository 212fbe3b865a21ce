// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
#include <asio.hpp>
#include <cstdio>
#include <exception>

using asio::awaitable;
using asio::ip::tcp;

awaitable<void> session(tcp::socket socket);
awaitable<void> heartbeat();

awaitable<void> listener(tcp::acceptor acceptor) {
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(executor, session(std::move(socket)), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see; pass a completion handler that receives the std::exception_ptr instead of asio::detached}}
  }
}

// A handler that looks at the exception keeps the failure visible.
awaitable<void> observed(tcp::acceptor acceptor) {
  auto executor = co_await asio::this_coro::executor;
  tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
  asio::co_spawn(executor, session(std::move(socket)), [](std::exception_ptr e) {
    if (e)
      std::fputs("session failed\n", stderr);
  });
  co_await asio::co_spawn(executor, heartbeat(), asio::use_awaitable);
}

int main() {
  asio::io_context io;
  asio::co_spawn(io, heartbeat(), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see}}
  asio::co_spawn(io, heartbeat(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  io.run();
}
