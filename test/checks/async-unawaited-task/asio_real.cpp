// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
#include <asio.hpp>

using asio::awaitable;
using asio::ip::tcp;

awaitable<void> session(tcp::socket socket);
awaitable<void> heartbeat();

awaitable<void> listener(tcp::acceptor acceptor) {
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    session(std::move(socket)); // expected-warning {{task returned by 'session' is discarded and never runs}} expected-note {{co_await it, or hand it to the framework's spawner}}
  }
}

awaitable<void> correct(tcp::acceptor &acceptor) {
  auto executor = co_await asio::this_coro::executor;
  asio::co_spawn(executor, heartbeat(), asio::detached);
  co_await heartbeat();
  tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
  asio::co_spawn(executor, session(std::move(socket)), asio::detached);
}

int main() {
  asio::io_context io;
  heartbeat(); // expected-warning {{task returned by 'heartbeat' is discarded and never runs}} expected-note {{co_await it, or hand it to the framework's spawner}}
  asio::co_spawn(io, heartbeat(), asio::detached);
  io.run();
}
