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
    asio::co_spawn(executor, session(std::move(socket)), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see}} expected-note {{pass a completion handler that receives the std::exception_ptr instead of asio::detached}}
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
  asio::co_spawn(io, heartbeat(), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see}} expected-note {{pass a completion handler that receives the std::exception_ptr instead of}}
  asio::co_spawn(io, heartbeat(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  io.run();
}

// Work that catches its own exceptions loses nothing when detached.
awaitable<void> echo(tcp::socket socket) {
  try {
    char data[1024];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
      co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
    }
  } catch (std::exception &e) {
    std::printf("echo: %s\n", e.what());
  }
}

struct connection {
  tcp::socket socket;
  awaitable<void> reader() {
    try {
      co_await heartbeat();
    } catch (...) {
      socket.close();
    }
  }
  void start() {
    asio::co_spawn(socket.get_executor(), [this] { return reader(); }, asio::detached);
  }
};

awaitable<void> echo_listener(tcp::acceptor acceptor) {
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    asio::co_spawn(executor, echo(std::move(socket)), asio::detached);
  }
}
