// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

// Event-loop code on non-blocking descriptors: the calls return at once.
coro::task<long> read_when_ready(coro::io_scheduler &s, int fd, char *buf) {
  long n = ::read(fd, buf, 64);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
    co_await s.poll(fd, coro::poll_op::read);
    n = ::read(fd, buf, 64);
  }
  co_return n;
}

coro::task<long> peek(int fd, char *buf) {
  co_await std::suspend_always{};
  co_return ::recv(fd, buf, 64, MSG_DONTWAIT | MSG_PEEK);
}

coro::task<int> accept_on(coro::net::socket &listener) {
  co_await std::suspend_always{};
  co_return ::accept(listener.native_handle(), nullptr, nullptr);
}

coro::task<long> wait_then_send(coro::io_scheduler &s, int fd) {
  co_await s.poll(fd, coro::poll_op::write);
  co_return ::send(fd, "x", 1, 0);
}

// Without any of those signs the descriptor is taken to be blocking.
coro::task<long> plain(int fd, char *buf) {
  long n = ::recv(fd, buf, 64, 0); // expected-warning {{blocking call to 'recv' (network)}}
  co_await std::suspend_always{};
  co_return n + ::write(fd, buf, n); // expected-warning {{blocking call to 'write' (file-io)}}
}
