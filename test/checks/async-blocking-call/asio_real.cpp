// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
#include <asio.hpp>
#include <chrono>
#include <string>
#include <thread>

using asio::awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;

awaitable<void> session(tcp::socket socket, asio::io_context &io) {
  char data[1024];
  std::size_t n = socket.read_some(asio::buffer(data)); // expected-warning {{blocking call to 'asio::basic_stream_socket::read_some' (network) in coroutine 'session'}} expected-note {{use the asynchronous operation instead: co_await asio::async_read}}
  asio::write(socket, asio::buffer(data, n)); // expected-warning {{'asio::write' (network)}} expected-note {{use the asynchronous operation instead: co_await asio::async_read/async_write}}
  std::this_thread::sleep_for(10ms); // expected-warning {{blocking call to 'std::this_thread::sleep_for' (sleep) in coroutine 'session'}} expected-note {{co_await asio::steady_timer(executor, duration).async_wait(asio::use_awaitable)}}
  io.run(); // expected-warning {{'asio::io_context::run' (sync-wait)}} expected-note {{co_await the work instead: running the asio::io_context from one of its own}}
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(1s);
  timer.wait(); // expected-warning {{'asio::basic_waitable_timer::wait' (network)}} expected-note {{use the asynchronous operation instead: co_await asio::async_read/async_write}}
  co_await timer.async_wait(asio::use_awaitable);
  n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
}

awaitable<void> connect_to(tcp::resolver &resolver, tcp::socket &socket) {
  auto endpoints = resolver.resolve("localhost", "80"); // expected-warning {{'asio::ip::basic_resolver::resolve' (network)}} expected-note {{resolve asynchronously: co_await resolver.async_resolve(host, service,}}
  asio::connect(socket, endpoints); // expected-warning {{'asio::connect' (network)}} expected-note {{use the asynchronous operation instead: co_await asio::async_read/async_write}}
  auto async_endpoints = co_await resolver.async_resolve("localhost", "80", asio::use_awaitable);
  co_await asio::async_connect(socket, async_endpoints, asio::use_awaitable);
}

awaitable<void> listener(tcp::acceptor &acceptor) {
  for (;;) {
    tcp::socket peer = acceptor.accept(); // expected-warning {{'asio::basic_socket_acceptor::accept' (network)}} expected-note {{use the asynchronous operation instead: co_await asio::async_read/async_write}}
    tcp::socket next = co_await acceptor.async_accept(asio::use_awaitable);
    (void)peer;
    (void)next;
  }
}

// Synchronous asio outside coroutines is ordinary code.
void blocking_client(tcp::socket &socket) {
  char data[16];
  socket.read_some(asio::buffer(data));
  asio::io_context io;
  io.run();
}

// Work posted to a pool runs there, not on the coroutine's thread.
awaitable<void> offload(asio::thread_pool &pool) {
  asio::post(pool, [] { std::this_thread::sleep_for(1s); });
  co_return;
}

int main() {
  asio::io_context io;
  asio::co_spawn(io, [&]() -> awaitable<void> { co_return; }, asio::detached);
  io.run();
}
