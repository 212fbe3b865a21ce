// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE -I%INC
// What bounds an operation from outside it, and what never waits on a peer.
#include "asio_cancel_after.h"
#include <array>
#include <asio.hpp>
#include <functional>
#include <string>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using asio::ip::udp;
using namespace std::chrono_literals;

// --- A deadline on the spawn bounds everything the spawned work awaits. ---

awaitable<void> session(tcp::socket socket) {
  std::array<char, 64> data;
  for (;;) {
    std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);
    co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
  }
}

void serve(asio::io_context &io, tcp::socket socket) {
  asio::co_spawn(io, session(std::move(socket)), asio::cancel_after(30s, asio::detached));
}

awaitable<void> handshake(tcp::socket &socket) {
  std::array<char, 16> hello;
  co_await asio::async_read(socket, asio::buffer(hello), use_awaitable);
}

awaitable<void> greeted_session(tcp::socket socket) {
  co_await handshake(socket);
}

// The spawn sits in a lambda kept in a std::function.
struct Server {
  asio::io_context &io;
  std::function<void(tcp::socket)> on_accept = [this](tcp::socket socket) {
    asio::co_spawn(io, greeted_session(std::move(socket)),
                   asio::cancel_after(10s, asio::detached));
  };
};

// --- The same work spawned without a deadline is reported. ---

awaitable<void> unbounded_session(tcp::socket socket) {
  std::array<char, 64> data;
  co_await socket.async_read_some(asio::buffer(data), use_awaitable); // expected-warning {{'asio::basic_stream_socket::async_read_some' waits for the outside world with no deadline}}
}

void serve_forever(asio::io_context &io, tcp::socket socket) {
  asio::co_spawn(io, unbounded_session(std::move(socket)), asio::detached);
}

// --- Not the network, or no peer to wait for. ---

// A datagram is handed to the kernel; nobody acknowledges it.
awaitable<void> announce(udp::socket &socket, udp::endpoint to, const std::string &text) {
  co_await socket.async_send_to(asio::buffer(text), to, use_awaitable);
  co_await socket.async_send(asio::buffer(text), use_awaitable);
  std::array<char, 64> reply;
  udp::endpoint from;
  co_await socket.async_receive_from(asio::buffer(reply), from, use_awaitable); // expected-warning {{'asio::basic_datagram_socket::async_receive_from' waits for the outside world with no deadline}}
}

// A pipe to a child process and the terminal are local.
awaitable<std::string> read_child(asio::readable_pipe &out, asio::writable_pipe &in) {
  co_await asio::async_write(in, asio::buffer(std::string("quit\n")), use_awaitable);
  std::string text;
  co_await asio::async_read_until(out, asio::dynamic_buffer(text), '\n', use_awaitable);
  co_return text;
}

awaitable<std::string> read_command(asio::posix::stream_descriptor &input) {
  std::string line;
  co_await asio::async_read_until(input, asio::dynamic_buffer(line), '\n', use_awaitable);
  co_return line;
}
