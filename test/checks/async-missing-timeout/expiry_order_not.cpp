// ARGS: -std=c++20
// Expiries that cover the waits that follow them. None is reported.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <string>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using namespace std::chrono_literals;

// Set at the end of each round, it covers the read of the next one: the
// loop comes back to the read after the expiry.
net::awaitable<void> keep_alive(beast::tcp_stream stream) {
  stream.expires_after(30s);
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    co_await http::async_read(stream, buffer, request, net::use_awaitable);
    http::response<http::string_body> response{http::status::ok, request.version()};
    co_await http::async_write(stream, response, net::use_awaitable);
    stream.expires_after(30s);
  }
}

// Another member sets the expiry on the member stream before this one
// reads: the read comes before this member's own expiry only.
class Connection {
public:
  net::awaitable<void> start() {
    stream_.expires_after(5s);
    co_await stream_.async_connect(endpoint_, net::use_awaitable);
  }
  net::awaitable<std::size_t> next() {
    std::size_t n = co_await http::async_read(stream_, buffer_, request_, net::use_awaitable);
    stream_.expires_after(5s);
    co_return n;
  }

private:
  beast::tcp_stream stream_;
  net::ip::tcp::endpoint endpoint_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
};

// The caller's expiry covers the helper it then awaits.
net::awaitable<void> read_one(beast::tcp_stream &stream, beast::flat_buffer &buffer) {
  http::request<http::string_body> request;
  co_await http::async_read(stream, buffer, request, net::use_awaitable);
}
net::awaitable<void> serve(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  stream.expires_after(15s);
  co_await read_one(stream, buffer);
}
