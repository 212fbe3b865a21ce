// ARGS: -std=c++20
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace net = boost::asio;
namespace http = boost::beast::http;
using net::ip::tcp;

net::awaitable<void> serve(tcp::socket socket) {
  boost::beast::flat_buffer buffer;
  http::request<http::string_body> request;
  http::read(socket, buffer, request); // expected-warning {{blocking call to 'boost::beast::http::read' (network) in coroutine 'serve'}} expected-note {{use boost::beast::http::async_read/async_write}}
  http::response<http::string_body> response{http::status::ok, request.version()};
  co_await http::async_write(socket, response, net::use_awaitable);
  char data[64];
  socket.read_some(net::buffer(data)); // expected-warning {{'boost::asio::basic_stream_socket::read_some' (network) in coroutine 'serve'}} expected-note {{use the asynchronous operation instead: co_await boost::asio::async_read}}
  co_await http::async_read(socket, buffer, request, net::use_awaitable);
}

net::awaitable<void> nap(net::io_context &io) {
  io.run_one(); // expected-warning {{'boost::asio::io_context::run_one' (sync-wait)}} expected-note {{co_await the work instead: running the boost::asio::io_context from one of its}}
  net::steady_timer timer(co_await net::this_coro::executor, std::chrono::milliseconds(5));
  co_await timer.async_wait(net::use_awaitable);
}

// Synchronous Beast in a thread of its own is fine.
void serve_blocking(tcp::socket &socket) {
  boost::beast::flat_buffer buffer;
  http::request<http::string_body> request;
  http::read(socket, buffer, request);
}
