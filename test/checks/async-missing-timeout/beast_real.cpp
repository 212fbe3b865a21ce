// ARGS: -std=c++20
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using namespace std::chrono_literals;

// No expiry on the stream: a client that opens a connection and sends
// nothing holds the session forever.
net::awaitable<void> serve(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  co_await http::async_read(stream, buffer, request, net::use_awaitable); // expected-warning {{'boost::beast::http::async_read' waits for the outside world with no deadline}} expected-note {{call 'boost::beast::basic_stream::expires_after' on the stream before awaiting}}
  http::response<http::string_body> response{http::status::ok, request.version()};
  co_await http::async_write(stream, response, net::use_awaitable); // expected-warning {{'boost::beast::http::async_write' waits for the outside world with no deadline}} expected-note {{call 'boost::beast::basic_stream::expires_after' on the stream before awaiting}}
}

// A plain boost::asio socket read: boost's own deadline facilities.
net::awaitable<std::size_t> raw(net::ip::tcp::socket &socket, beast::flat_buffer &buffer) {
  co_return co_await socket.async_read_some(buffer.prepare(512), net::use_awaitable); // expected-warning {{'boost::asio::basic_stream_socket::async_read_some' waits for the outside world with no deadline}} expected-note {{bound it with 'boost::asio::cancel_after', or race it with a timer}}
}

// The advice fits the stream: Beast's expiry is a member of its own streams
// only; a websocket takes timeout options.
net::awaitable<void> serve_plain(net::ip::tcp::socket socket) {
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  co_await http::async_read(socket, buffer, request, net::use_awaitable); // expected-warning {{'boost::beast::http::async_read' waits for the outside world with no deadline}} expected-note {{bound it with 'boost::asio::cancel_after', or race it with a timer ('boost::asio::experimental::awaitable_operators::operator||')}}
}

net::awaitable<void> listen_socket(websocket::stream<beast::tcp_stream> &ws) {
  beast::flat_buffer buffer;
  co_await ws.async_read(buffer, net::use_awaitable); // expected-warning {{'boost::beast::websocket::stream::async_read' waits for the outside world with no deadline}} expected-note {{call 'boost::beast::websocket::stream::set_option' with a 'boost::beast::websocket::stream_base::timeout' on the stream before awaiting}}
}

// A connect and a name lookup end on the system's own limits.
net::awaitable<void> dial(net::ip::tcp::socket &socket, net::ip::tcp::resolver &resolver) {
  auto endpoints = co_await resolver.async_resolve("example.org", "80", net::use_awaitable); // expected-warning {{'boost::asio::ip::basic_resolver::async_resolve' waits for the outside world with no deadline}} expected-note {{only the system's own limits end the wait, minutes later}} expected-note {{bound it with 'boost::asio::cancel_after', or race it with a timer}}
  co_await net::async_connect(socket, endpoints, net::use_awaitable); // expected-warning {{'boost::asio::async_connect' waits for the outside world with no deadline}} expected-note {{only the system's own limits end the wait, minutes later}} expected-note {{bound it with 'boost::asio::cancel_after', or race it with a timer}}
}

// --- Deadlines: never reported. ---

net::awaitable<void> serve_with_expiry(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    stream.expires_after(30s);
    co_await http::async_read(stream, buffer, request, net::use_awaitable);
    http::response<http::string_body> response{http::status::ok, request.version()};
    co_await http::async_write(stream, response, net::use_awaitable);
  }
}

// The caller sets the expiry, then awaits a helper that reads.
net::awaitable<void> read_request(beast::tcp_stream &stream, beast::flat_buffer &buffer,
                                  http::request<http::string_body> &request) {
  co_await http::async_read(stream, buffer, request, net::use_awaitable);
}

net::awaitable<void> serve_in_steps(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  beast::get_lowest_layer(stream).expires_after(15s);
  co_await read_request(stream, buffer, request);
}

// A websocket with the suggested timeouts set.
net::awaitable<void> chat(websocket::stream<beast::tcp_stream> ws) {
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  co_await ws.async_accept(net::use_awaitable);
  beast::flat_buffer buffer;
  co_await ws.async_read(buffer, net::use_awaitable);
}

// One member sets the expiry on the member stream, another reads from it.
class connection {
public:
  explicit connection(beast::tcp_stream s) : stream_(std::move(s)) {}
  net::awaitable<void> run() {
    arm();
    co_await read_one();
  }

private:
  void arm() { stream_.expires_after(20s); }
  net::awaitable<void> read_one() {
    http::request<http::string_body> request;
    co_await http::async_read(stream_, buffer_, request, net::use_awaitable);
  }
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

// A class whose members never set one is still reported.
class careless {
public:
  net::awaitable<void> read_one() {
    http::request<http::string_body> request;
    co_await http::async_read(stream_, buffer_, request, net::use_awaitable); // expected-warning {{'boost::beast::http::async_read' waits for the outside world with no deadline}} expected-note {{call 'boost::beast::basic_stream::expires_after' on the stream before awaiting}}
  }

private:
  beast::tcp_stream stream_{net::system_executor()};
  beast::flat_buffer buffer_;
};
