// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <chrono>
#include <string>

using namespace std::chrono_literals;

// folly::coro::Transport: a read without a timeout argument waits forever.
folly::coro::Task<std::size_t> folly_read(folly::coro::Transport &transport,
                                          folly::MutableByteRange buffer) {
  std::size_t n = co_await transport.read(buffer); // expected-warning {{'folly::coro::Transport::read' waits for the outside world with no deadline}} expected-note {{pass its 'timeout' argument}}
  n += co_await transport.read(buffer, 0ms); // expected-warning {{'folly::coro::Transport::read' waits for the outside world with no deadline}} expected-note {{pass its 'timeout' argument}}
  co_return n;
}

// A timeout argument, or the whole read wrapped in folly::coro::timeout.
folly::coro::Task<std::size_t> folly_bounded(folly::coro::Transport &transport,
                                             folly::MutableByteRange buffer) {
  std::size_t n = co_await transport.read(buffer, 500ms);
  n += co_await folly::coro::timeout(transport.read(buffer), 2s);
  co_return n;
}

// libcoro: poll() with its default timeout of zero waits forever.
coro::task<int> libcoro_poll(coro::net::tcp::client &client) {
  auto status = co_await client.poll(coro::poll_op::read); // expected-warning {{'coro::net::tcp::client::poll' waits for the outside world with no deadline}} expected-note {{pass its 'timeout' argument}}
  auto bounded = co_await client.poll(coro::poll_op::read, std::chrono::seconds(5)); // expected-note {{another wait on 'client' is bounded here with a timeout argument}}
  co_return static_cast<int>(status) + static_cast<int>(bounded);
}

// libcoro's read and TLS receive: the defaults (zero, nullopt) mean no timeout.
coro::task<std::size_t> libcoro_reads(coro::net::tcp::client &tcp,
                                      coro::net::tls::client &tls, std::string &buffer) {
  std::size_t n = (co_await tcp.read_some(buffer)).second.size(); // expected-warning {{'coro::net::tcp::client::read_some' waits for the outside world with no deadline}} expected-note {{pass its 'timeout' argument}}
  n += (co_await tcp.read_some(buffer, std::chrono::milliseconds{250})).second.size(); // expected-note {{another wait on 'tcp' is bounded here with a timeout argument}}
  n += co_await tls.recv(buffer); // expected-warning {{'coro::net::tls::client::recv' waits for the outside world with no deadline}} expected-note {{pass its 'timeout' argument}}
  n += co_await tls.recv(buffer, std::nullopt); // expected-warning {{'coro::net::tls::client::recv' waits for the outside world with no deadline}} expected-note {{pass its 'timeout' argument}}
  n += co_await tls.recv(buffer, std::chrono::seconds(2)); // expected-note 2 {{another wait on 'tls' is bounded here with a timeout argument}}
  co_return n;
}

// libcoro: the scheduler's timeout on the whole task bounds the read in it.
coro::task<std::size_t> read_once(coro::net::tcp::client &tcp, std::string &buffer) {
  auto [status, span] = co_await tcp.read_some(buffer);
  co_return status.is_ok() ? span.size() : 0;
}
coro::task<std::size_t> read_under_timeout(coro::io_scheduler &scheduler,
                                           coro::net::tcp::client &tcp, std::string &buffer) {
  co_return co_await scheduler.schedule(read_once(tcp, buffer), std::chrono::seconds(3));
}

// seastar: an input_stream read, bare and under seastar::with_timeout.
seastar::future<std::size_t> seastar_read(seastar::input_stream<char> &in) {
  std::string first = co_await in.read(); // expected-warning {{'seastar::input_stream::read' waits for the outside world with no deadline}} expected-note {{bound it with 'seastar::with_timeout', or race it with a timer ('seastar::when_any')}}
  std::string second =
      co_await seastar::with_timeout(std::chrono::steady_clock::now() + 5s, in.read()); // expected-note {{another wait on 'in' is bounded here with 'seastar::with_timeout'}}
  co_return first.size() + second.size();
}

// cppcoro: the overload that takes a cancellation token is bounded by it.
cppcoro::task<std::size_t> cppcoro_recv(cppcoro::net::socket &socket, char *buffer,
                                        cppcoro::cancellation_token token) {
  std::size_t n = co_await socket.recv(buffer, 64); // expected-warning {{'cppcoro::net::socket::recv' waits for the outside world with no deadline}} expected-note {{pass a timeout, or race it with a timer, or give the operation a cancellation that a timer triggers}}
  n += co_await socket.recv(buffer, 64, token);
  co_return n;
}
