// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE -I%INC
#include "asio_cancel_after.h"
#include <array>
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/experimental/deferred.hpp>
#include <asio/experimental/parallel_group.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <system_error>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;

// A peer that stops talking keeps this coroutine, its socket and its buffer
// forever.
awaitable<void> echo(tcp::socket socket) {
  std::array<char, 1024> data{};
  for (;;) {
    std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable); // expected-warning {{'asio::basic_stream_socket::async_read_some' waits for the outside world with no deadline}} expected-note {{bound it with 'asio::cancel_after', or race it with a timer ('asio::experimental::awaitable_operators::operator||')}}
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable); // expected-warning {{'asio::async_write' waits for the outside world with no deadline}} expected-note {{bound it with 'asio::cancel_after', or race it with a timer}}
  }
}

awaitable<tcp::socket> dial(std::string host) {
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  auto endpoints = co_await resolver.async_resolve(host, "443", use_awaitable); // expected-warning {{'asio::ip::basic_resolver::async_resolve' waits for the outside world with no deadline}} expected-note {{only the system's own limits end the wait, minutes later}} expected-note {{bound it with 'asio::cancel_after', or race it with a timer}}
  tcp::socket socket(executor);
  co_await asio::async_connect(socket, endpoints, use_awaitable); // expected-warning {{'asio::async_connect' waits for the outside world with no deadline}} expected-note {{only the system's own limits end the wait, minutes later}} expected-note {{bound it with 'asio::cancel_after', or race it with a timer}}
  co_return socket;
}

// --- Deadlines: never reported. ---

// cancel_after / cancel_at as the completion token.
awaitable<std::size_t> bounded_read(tcp::socket &socket, std::array<char, 64> &data) {
  std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::cancel_after(5s));
  n += co_await socket.async_read_some(
      asio::buffer(data), asio::cancel_at(std::chrono::steady_clock::now() + 5s, use_awaitable));
  co_return n;
}

// A cancellation slot that a timer's handler emits on.
awaitable<std::size_t> slot_read(tcp::socket &socket, asio::cancellation_signal &signal,
                                 std::array<char, 64> &data) {
  co_return co_await socket.async_read_some(
      asio::buffer(data), asio::bind_cancellation_slot(signal.slot(), use_awaitable));
}

// The older idiom: race the whole conversation against a watchdog timer.
awaitable<void> watchdog(asio::steady_timer &timer) {
  timer.expires_after(30s);
  co_await timer.async_wait(use_awaitable);
}

awaitable<void> converse(tcp::socket &socket) {
  std::array<char, 256> data{};
  std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
}

awaitable<void> guarded(tcp::socket socket) {
  asio::steady_timer timer(socket.get_executor());
  co_await (converse(socket) || watchdog(timer));
}

// A keeper that throws once the deadline passes, joined with &&: its
// failure cancels the relay.
awaitable<void> relay(tcp::socket &socket, std::chrono::steady_clock::time_point &deadline) {
  std::array<char, 256> data{};
  for (;;) {
    deadline = std::chrono::steady_clock::now() + 10s;
    std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

awaitable<void> keeper(std::chrono::steady_clock::time_point &deadline) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (deadline > std::chrono::steady_clock::now()) {
    timer.expires_at(deadline);
    co_await timer.async_wait(use_awaitable);
  }
  throw std::system_error(std::make_error_code(std::errc::timed_out));
}

awaitable<void> serve_relay(tcp::socket socket) {
  std::chrono::steady_clock::time_point deadline{};
  co_await (relay(socket, deadline) && keeper(deadline));
}

// Two conversations joined with && and no timer: still unbounded.
awaitable<void> upstream(tcp::socket &socket) {
  std::array<char, 64> data{};
  co_await socket.async_read_some(asio::buffer(data), use_awaitable); // expected-warning {{'asio::basic_stream_socket::async_read_some' waits for the outside world with no deadline}} expected-note {{bound it with 'asio::cancel_after', or race it with a timer}}
}

awaitable<void> both(tcp::socket &a, tcp::socket &b) {
  co_await (upstream(a) && upstream(b));
}

// A parallel group that waits for the first of the work and a timer.
awaitable<void> talk(tcp::socket &socket) {
  std::array<char, 64> data{};
  co_await socket.async_read_some(asio::buffer(data), use_awaitable);
}

awaitable<void> talk_with_deadline(tcp::socket &socket) {
  auto executor = co_await asio::this_coro::executor;
  asio::steady_timer timer(executor, 5s);
  co_await asio::experimental::make_parallel_group(
      asio::co_spawn(executor, talk(socket), asio::experimental::deferred),
      timer.async_wait(asio::experimental::deferred))
      .async_wait(asio::experimental::wait_for_one(), use_awaitable);
}

// A session object that owns a deadline timer manages its own deadline.
class session {
public:
  explicit session(tcp::socket s) : socket_(std::move(s)), deadline_(socket_.get_executor()) {}
  awaitable<void> reader() {
    std::array<char, 256> data{};
    for (;;) {
      deadline_.expires_after(10s);
      co_await socket_.async_read_some(asio::buffer(data), use_awaitable);
    }
  }

private:
  tcp::socket socket_;
  asio::steady_timer deadline_;
};

// Not external waits: accepting, timers, internal channels.
awaitable<void> internal(tcp::acceptor &acceptor, asio::steady_timer &timer,
                         asio::experimental::channel<void(asio::error_code, int)> &channel) {
  tcp::socket peer = co_await acceptor.async_accept(use_awaitable);
  co_await timer.async_wait(use_awaitable);
  int value = co_await channel.async_receive(use_awaitable);
  (void)value;
  peer.close();
}

// Outside coroutines the rule has nothing to say.
void callback_style(tcp::socket &socket, std::array<char, 64> &data) {
  socket.async_read_some(asio::buffer(data), [](asio::error_code, std::size_t) {});
}

// A client and a server of the same program: the client connects to the
// local endpoint of the acceptor this coroutine owns, and the server side is
// what that acceptor hands out. Neither waits for the outside world.
awaitable<std::size_t> loopback_round_trip() {
  auto ex = co_await asio::this_coro::executor;
  tcp::acceptor acceptor(ex, {asio::ip::address_v4::loopback(), 0});
  tcp::endpoint here = acceptor.local_endpoint();
  tcp::socket client(ex);
  co_await client.async_connect(here, use_awaitable);
  tcp::socket served = co_await acceptor.async_accept(use_awaitable);
  co_await asio::async_write(client, asio::buffer("ping", 4), use_awaitable);
  std::array<char, 4> got{};
  co_return co_await asio::async_read(served, asio::buffer(got), use_awaitable);
}

// Knowing its own endpoint does not make every peer this process.
awaitable<void> listens_and_dials(tcp::endpoint remote) {
  auto ex = co_await asio::this_coro::executor;
  tcp::acceptor acceptor(ex, {asio::ip::address_v4::any(), 7000});
  std::printf("listening on port %u\n", acceptor.local_endpoint().port());
  tcp::socket visitor = co_await acceptor.async_accept(use_awaitable);
  std::array<char, 16> request{};
  co_await visitor.async_read_some(asio::buffer(request), use_awaitable); // expected-warning {{'asio::basic_stream_socket::async_read_some' waits for the outside world with no deadline}} expected-note {{bound it with 'asio::cancel_after', or race it with a timer}}
  tcp::socket outgoing(ex);
  co_await outgoing.async_connect(remote, use_awaitable); // expected-warning {{waits for the outside world with no deadline}} expected-note {{only the system's own limits end the wait, minutes later}} expected-note {{bound it with 'asio::cancel_after', or race it with a timer}}
}
