// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
#include <asio.hpp>
#include <cstdio>

using asio::awaitable;
using asio::ip::tcp;

awaitable<void> session(tcp::socket socket);

// After acceptor.close() at shutdown, async_accept fails with
// operation_aborted at once, and this loop spins on it forever.
awaitable<void> listener(tcp::acceptor &acceptor) {
  for (;;) {
    try {
      auto socket = co_await acceptor.async_accept(asio::use_awaitable);
      asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
    } catch (const std::exception &e) { // expected-warning {{handler for 'std::exception' in coroutine 'listener' swallows cancellation}} expected-note {{after the awaited operation is cancelled the loop goes round again and spins}} expected-note {{rethrow, leave the loop, or test for cancellation first (asio::error::operation_aborted)}}
      std::fprintf(stderr, "accept failed: %s\n", e.what());
    }
  }
}

awaitable<void> listener_that_stops(tcp::acceptor &acceptor) {
  for (;;) {
    try {
      auto socket = co_await acceptor.async_accept(asio::use_awaitable);
      asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
    } catch (const asio::system_error &e) {
      if (e.code() == asio::error::operation_aborted)
        co_return;
      std::fprintf(stderr, "accept failed: %s\n", e.what());
    }
  }
}

awaitable<void> listener_while_open(tcp::acceptor &acceptor) {
  while (acceptor.is_open()) {
    try {
      auto socket = co_await acceptor.async_accept(asio::use_awaitable);
      asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
    } catch (const std::exception &e) {
      std::fprintf(stderr, "accept failed: %s\n", e.what());
    }
  }
}

awaitable<void> reader(tcp::socket &socket) {
  char data[512];
  for (;;) {
    try {
      co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
    } catch (const std::system_error &e) { // expected-warning {{handler for 'std::system_error' in coroutine 'reader' swallows cancellation}} expected-note {{after the awaited operation is cancelled the loop goes round again and spins}} expected-note {{rethrow, leave the loop, or test for cancellation first}}
      std::fprintf(stderr, "%s\n", e.what());
    }
  }
}
