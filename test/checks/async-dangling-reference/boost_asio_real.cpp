// ARGS: -std=c++20
#include <boost/asio.hpp>
#include <memory>
#include <string>
#include <vector>

namespace asio = boost::asio;
using asio::awaitable;
using asio::ip::tcp;

awaitable<void> write_line(tcp::socket &socket, const std::string &line) { // expected-note 2 {{bound to reference parameter 'line'}}
  co_await asio::async_write(socket, asio::buffer(line), asio::use_awaitable);
}

class session : public std::enable_shared_from_this<session> {
public:
  explicit session(tcp::socket socket) : socket_(std::move(socket)) {}

  void greet() {
    std::string hello = "hello\r\n";
    asio::co_spawn(socket_.get_executor(), write_line(socket_, hello), asio::detached); // expected-warning {{'hello' dies before coroutine 'write_line' is done with it}} expected-note {{spawned here by 'boost::asio::co_spawn'}}
  }

  void greet_safely() {
    auto hello = std::make_shared<std::string>("hello\r\n");
    asio::co_spawn(
        socket_.get_executor(),
        [self = shared_from_this(), hello]() -> awaitable<void> {
          co_await write_line(self->socket_, *hello);
        },
        asio::detached);
  }

  void start() {
    asio::co_spawn(socket_.get_executor(), echo(), asio::detached); // expected-warning {{'*this' can die before coroutine 'echo' is done with it}} expected-note {{spawned here}}
    asio::co_spawn(socket_.get_executor(), echo_holding_self(), asio::detached);
  }

private:
  awaitable<void> echo() { // expected-note {{nothing in 'echo' holds 'shared_from_this()'}}
    char data[128];
    for (;;) {
      std::size_t n = co_await socket_.async_read_some(asio::buffer(data), asio::use_awaitable);
      co_await asio::async_write(socket_, asio::buffer(data, n), asio::use_awaitable);
    }
  }
  awaitable<void> echo_holding_self() {
    auto self = shared_from_this();
    char data[128];
    std::size_t n = co_await socket_.async_read_some(asio::buffer(data), asio::use_awaitable);
    co_await asio::async_write(socket_, asio::buffer(data, n), asio::use_awaitable);
  }
  tcp::socket socket_;
};

// co_spawn with use_future: the task is kept in a future; a temporary is
// gone by the time it runs, a local is not if the future is waited on.
void futures(asio::io_context &io, tcp::socket &socket) {
  auto later = asio::co_spawn(io, write_line(socket, std::string("bye")), asio::use_future); // expected-warning {{temporary dies before coroutine 'write_line' is done with it}}
  std::string line = "x";
  auto waited = asio::co_spawn(io, write_line(socket, line), asio::use_future);
  waited.get();
  later.get(); // expected-note {{the task is kept in 'later' and used here, after the temporary died}}
}
