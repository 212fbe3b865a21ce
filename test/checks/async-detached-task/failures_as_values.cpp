// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
// Spawned work that hands every failure back as a value loses nothing when
// nobody watches it; work that can still throw does. (Debian's asio keeps
// as_tuple in asio::experimental; newer releases have asio::as_tuple.)
#include <asio.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <cstdio>
#include <stdexcept>

using asio::awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;

using default_token = asio::experimental::as_tuple_t<asio::use_awaitable_t<>>;
using tuple_socket = default_token::as_default_on_t<tcp::socket>;
using tuple_acceptor = default_token::as_default_on_t<tcp::acceptor>;

// Every await returns [error, size]: nothing is thrown.
awaitable<void> echo(tuple_socket socket) {
  char data[1024];
  for (;;) {
    auto [e1, nread] = co_await socket.async_read_some(asio::buffer(data));
    if (nread == 0)
      break;
    auto [e2, nwritten] = co_await asio::async_write(socket, asio::buffer(data, nread));
    if (nwritten != nread)
      break;
  }
}

awaitable<void> tuple_listener() {
  auto executor = co_await asio::this_coro::executor;
  tuple_acceptor acceptor(executor, {tcp::v4(), 55555});
  for (;;) {
    if (auto [e, socket] = co_await acceptor.async_accept(); socket.is_open())
      asio::co_spawn(executor, echo(std::move(socket)), asio::detached);
  }
}

// The accept reports its error as a value and the work logs it; the timer
// it waits on can only fail when the work is cancelled.
awaitable<void> accept_loop(tcp::acceptor &acceptor) {
  for (;;) {
    auto [e, client] = co_await acceptor.async_accept(asio::experimental::as_tuple(asio::use_awaitable));
    if (!e) {
      client.close();
      continue;
    }
    std::fprintf(stderr, "accept failed: %s\n", e.message().c_str());
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(100ms);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

void start_accepting(asio::io_context &io, tcp::acceptor &acceptor) {
  asio::co_spawn(io, accept_loop(acceptor), asio::detached);
}

// Negative evidence ends here: each of these can still end in an exception
// that asio::detached drops.

// One await throws on failure.
awaitable<void> half_tuple(tcp::socket socket) {
  char data[64];
  auto [e, n] = co_await socket.async_read_some(asio::buffer(data),
                                                asio::experimental::as_tuple(asio::use_awaitable));
  if (!e)
    co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
}

// The error comes back as a value, and the work throws it anyway.
awaitable<void> rethrows(tcp::socket socket) {
  char data[64];
  auto [e, n] = co_await socket.async_read_some(asio::buffer(data),
                                                asio::experimental::as_tuple(asio::use_awaitable));
  if (e)
    throw std::system_error(e);
}

void check_reply(std::size_t n) {
  if (n == 0)
    throw std::runtime_error("empty reply");
}

// A function of the same file throws.
awaitable<void> calls_a_thrower(tcp::socket socket) {
  char data[64];
  auto [e, n] = co_await socket.async_read_some(asio::buffer(data),
                                                asio::experimental::as_tuple(asio::use_awaitable));
  if (!e)
    check_reply(n);
}

// Only timers: nothing hands a failure back as a value, so nothing says the
// work is written to report its failures that way.
awaitable<void> ticks();

// Only an accept that throws on failure: an accept is a scheduling point,
// but one that fails when the listening socket does, not only when
// cancelled.
awaitable<void> plain_listener() {
  auto executor = co_await asio::this_coro::executor;
  tcp::acceptor acceptor(executor, {tcp::v4(), 55555});
  for (;;) {
    tcp::socket socket = co_await acceptor.async_accept(asio::use_awaitable);
    socket.close();
  }
}

void spawn_them(asio::io_context &io, tcp::socket a, tcp::socket b, tcp::socket c) {
  asio::co_spawn(io, plain_listener(), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see}}
  asio::co_spawn(io, half_tuple(std::move(a)), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see}}
  asio::co_spawn(io, rethrows(std::move(b)), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see}}
  asio::co_spawn(io, calls_a_thrower(std::move(c)), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see}}
  asio::co_spawn(io, ticks(), asio::detached); // expected-warning {{'asio::co_spawn' starts work whose failure nobody will see}}
}
