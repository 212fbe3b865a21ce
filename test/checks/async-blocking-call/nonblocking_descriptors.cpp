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

// A hand-written reactor: awaiting a readiness awaiter made from the
// descriptor (it hands nothing back) before each call means the call finds
// data or a peer waiting.
namespace reactor {
struct interest {
  int fd;
  bool writable;
};
struct readiness {
  interest what;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  void await_resume() noexcept {}
};
struct sent {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  long await_resume() noexcept { return 0; }
};
struct loop {
  readiness watch(interest i) { return readiness{i}; }
  sent send_all(int, const char *, long) { return {}; }
};
loop &current();
} // namespace reactor

class peer {
public:
  coro::task<long> receive(char *buf) {
    co_await readable_;
    co_return ::recv(sock_, buf, 64, 0);
  }
  coro::task<long> drain(char *buf) {
    long total = 0;
    for (long n = 1; n > 0; total += n) {
      co_await readable_;
      n = ::read(sock_, buf, 64);
    }
    co_return total;
  }
  coro::task<long> drain_after_one_wait(char *buf) {
    co_await readable_;
    long total = 0;
    for (long n = 1; n > 0; total += n)
      n = ::read(sock_, buf, 64); // expected-warning {{blocking call to 'read' (file-io)}}
    co_return total;
  }
  coro::task<long> reply(char *buf) {
    co_await readable_;
    co_return ::send(other_, buf, 64, 0); // expected-warning {{blocking call to 'send' (network)}}
  }

private:
  int sock_ = -1;
  int other_ = -1;
  reactor::interest read_interest_{sock_, false};
  reactor::readiness readable_{reactor::current().watch(read_interest_)};
};

coro::task<int> accept_each(int listener) {
  auto ready = reactor::current().watch({listener, false});
  int accepted = 0;
  while (accepted < 8) {
    co_await ready;
    if (::accept(listener, nullptr, nullptr) >= 0)
      ++accepted;
  }
  co_return accepted;
}

coro::task<long> request_then_read(int fd, char *buf) {
  // The await hands a count back: it sent data, it did not wait for any.
  co_await reactor::current().send_all(fd, "ping", 4);
  co_return ::read(fd, buf, 64); // expected-warning {{blocking call to 'read' (file-io)}}
}

coro::task<long> ready_only_sometimes(int fd, char *buf, bool wait) {
  if (wait)
    co_await reactor::current().watch({fd, false});
  co_return ::read(fd, buf, 64); // expected-warning {{blocking call to 'read' (file-io)}}
}

// In a template the await's type waits for the promise; the awaiter's own
// await_resume says it hands nothing back.
template <typename OnPeer> class listener {
public:
  coro::task<void> serve(OnPeer on_peer) {
    auto ready = reactor::current().watch({fd_, false});
    for (;;) {
      co_await ready;
      int peer = ::accept(fd_, nullptr, nullptr);
      if (peer < 0)
        continue;
      on_peer(peer);
    }
  }
  coro::task<void> serve_after_one_wait(OnPeer on_peer) {
    co_await reactor::current().watch({fd_, false});
    for (;;)
      on_peer(::accept(fd_, nullptr, nullptr)); // expected-warning {{blocking call to 'accept' (network)}}
  }

private:
  int fd_ = -1;
};

inline void start_listening(listener<void (*)(int)> &l) {
  auto serving = l.serve(nullptr);
  auto also = l.serve_after_one_wait(nullptr);
}
