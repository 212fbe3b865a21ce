// ARGS: -std=c++20
// A stream's expiry bounds what uses the stream after it is set: a wait
// before it, on the stream or on anything else, runs without one.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <string>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using namespace std::chrono_literals;

// The name lookup comes before the expiry that bounds the connect.
net::awaitable<void> fetch(std::string host, http::request<http::empty_body> request) {
  auto ex = co_await net::this_coro::executor;
  net::ip::tcp::resolver resolver(ex);
  beast::tcp_stream stream(ex);
  auto endpoints = co_await resolver.async_resolve(host, "80", net::use_awaitable); // expected-warning {{'boost::asio::ip::basic_resolver::async_resolve' waits for the outside world with no deadline}} expected-note {{only the system's own limits end the wait, minutes later}} expected-note {{bound it with 'boost::asio::cancel_after', or race it with a timer ('boost::asio::experimental::awaitable_operators::operator||')}}
  stream.expires_after(10s); // expected-note {{the expiry set here bounds only what follows it}}
  co_await stream.async_connect(endpoints, net::use_awaitable);
  co_await http::async_write(stream, request, net::use_awaitable);
}

// A websocket's accept before its timeouts are set waits on the client
// for as long as the client likes.
net::awaitable<void> session(websocket::stream<beast::tcp_stream> ws) {
  co_await ws.async_accept(net::use_awaitable); // expected-warning {{'boost::beast::websocket::stream::async_accept' waits for the outside world with no deadline}} expected-note {{call 'boost::beast::websocket::stream::set_option' with a 'boost::beast::websocket::stream_base::timeout' on the stream before awaiting}}
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server)); // expected-note {{the expiry set here bounds only what follows it}}
  beast::flat_buffer buffer;
  co_await ws.async_read(buffer, net::use_awaitable);
}
