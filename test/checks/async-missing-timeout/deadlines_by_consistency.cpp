// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE -I%INC
// A coroutine that bounds some waits on an object shows that waits on that
// object need a deadline: the others on it, left unbounded, are reported,
// whether or not the catalogue knows the operation.
#include "asio_cancel_after.h"
#include <array>
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <variant>

using asio::awaitable;
using asio::use_awaitable;
using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;

namespace kv {
// A project's own client, which the catalogue does not know.
class Client {
public:
  awaitable<std::string> get(std::string key);
  awaitable<void> put(std::string key, std::string value);
};

// The read races a timer; the write that follows waits as long as the
// server cares to.
awaitable<bool> copy_key(Client &store, std::string from, std::string to) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 2s);
  auto value = co_await (store.get(from) || timer.async_wait(use_awaitable)); // expected-note {{the wait on 'store' bounded with a race with a timer ('asio::experimental::awaitable_operators::operator||'); bound this one the same way}}
  if (value.index() != 0)
    co_return false;
  co_await store.put(to, std::get<0>(value)); // expected-warning {{'kv::Client::put' waits on 'store' with no deadline, though this coroutine bounds another wait on 'store' with a race with a timer ('asio::experimental::awaitable_operators::operator||')}}
  co_return true;
}
} // namespace kv

// A pipe to a child process is no network socket, but this coroutine
// bounds its read: the write to the same pipe, written before it, is not.
awaitable<std::size_t> ask_helper(asio::posix::stream_descriptor &pipe, std::string question) {
  co_await asio::async_write(pipe, asio::buffer(question), use_awaitable); // expected-warning {{'asio::async_write' waits on 'pipe' with no deadline, though this coroutine bounds another wait on 'pipe' with 'asio::cancel_after'}}
  std::array<char, 256> answer{};
  co_return co_await pipe.async_read_some(asio::buffer(answer), asio::cancel_after(5s)); // expected-note {{the wait on 'pipe' bounded with 'asio::cancel_after'; bound this one the same way}}
}

// A serial line is no network socket either; one member bounds the wait
// for the device to answer, the wait for it to drain has none.
struct Modem {
  asio::posix::stream_descriptor line_;
  awaitable<void> reset();
  awaitable<void> dial() {
    co_await reset();
    co_await line_.async_wait(asio::posix::stream_descriptor::wait_read, asio::cancel_after(1s)); // expected-note {{the wait on 'line_' bounded with 'asio::cancel_after'; bound this one the same way}}
    co_await line_.async_wait(asio::posix::stream_descriptor::wait_write, use_awaitable); // expected-warning {{'asio::posix::basic_descriptor::async_wait' waits on 'line_' with no deadline, though this coroutine bounds another wait on 'line_' with 'asio::cancel_after'}}
  }
};

// A timeout argument on one read, none on the next read of the same link.
class Link {
public:
  awaitable<std::size_t> receive(std::string &into, std::chrono::milliseconds timeout);
  awaitable<std::size_t> receive(std::string &into);
};
awaitable<std::size_t> exchange(Link &link) {
  std::string header, body;
  std::size_t n = co_await link.receive(header, 300ms); // expected-note {{the wait on 'link' bounded with a timeout argument; bound this one the same way}}
  n += co_await link.receive(body); // expected-warning {{'Link::receive' waits on 'link' with no deadline, though this coroutine bounds another wait on 'link' with a timeout argument}}
  co_return n;
}
