// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE -I%INC
// Waits that a bounded wait elsewhere in the coroutine says nothing about.
// None is reported.
#include "asio_cancel_after.h"
#include <array>
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <string>
#include <variant>

using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using namespace std::chrono_literals;
using namespace asio::experimental::awaitable_operators;

namespace kv {
class Client {
public:
  awaitable<std::string> get(std::string key);
  awaitable<void> put(std::string key, std::string value);
  // Answers from memory: never suspends.
  awaitable<std::size_t> cached_size() { co_return 0; }
};
class Cache {
public:
  awaitable<void> store(std::string key, std::string value);
};

// The bounded read is on the store; the unbounded write on another object.
awaitable<void> warm(Client &store, Cache &cache, std::string key) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1s);
  auto value = co_await (store.get(key) || timer.async_wait(use_awaitable));
  if (value.index() == 0)
    co_await cache.store(key, std::get<0>(value));
}

// Every wait on the object is bounded, each in its own way.
awaitable<void> both_bounded(Client &store) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1s);
  co_await (store.get("a") || timer.async_wait(use_awaitable));
  timer.expires_after(1s);
  co_await (store.put("a", "b") || timer.async_wait(use_awaitable));
  // The timer itself is the deadline, not a wait to bound.
  co_await timer.async_wait(use_awaitable);
}

// What does not suspend needs no deadline.
awaitable<std::size_t> sized(Client &store) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1s);
  co_await (store.get("a") || timer.async_wait(use_awaitable));
  co_return co_await store.cached_size();
}

// Bounded in one coroutine, unbounded in another: each coroutine speaks
// for its own waits only.
awaitable<void> first(Client &store) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1s);
  co_await (store.get("a") || timer.async_wait(use_awaitable));
}
awaitable<void> second(Client &store) { co_await store.put("a", "b"); }

// "No timeout", spelled as a negative duration, bounds nothing, and shows
// nothing either.
class Rpc {
public:
  awaitable<int> call(std::string method, std::chrono::milliseconds timeout);
  awaitable<void> notify(std::string method);
};
awaitable<int> patient(Rpc &rpc) {
  int n = co_await rpc.call("state", -1ms);
  co_await rpc.notify("ack");
  co_return n;
}

// The whole conversation runs under its caller's race with a timer.
awaitable<void> converse(Rpc &rpc) {
  co_await rpc.call("hello", 200ms);
  co_await rpc.notify("bye");
}
awaitable<void> supervise(Rpc &rpc) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 5s);
  co_await (converse(rpc) || timer.async_wait(use_awaitable));
}
} // namespace kv

// Both ends of the pipe are this process: the wait for the peer it
// accepted itself needs no deadline.
awaitable<void> loopback() {
  auto ex = co_await asio::this_coro::executor;
  tcp::acceptor acceptor(ex, {asio::ip::address_v4::loopback(), 0});
  tcp::socket client(ex);
  co_await client.async_connect(acceptor.local_endpoint(), use_awaitable);
  tcp::socket server = co_await acceptor.async_accept(use_awaitable);
  std::array<char, 4> data{};
  co_await server.async_wait(tcp::socket::wait_read, asio::cancel_after(1s));
  co_await server.async_wait(tcp::socket::wait_write, use_awaitable);
  (void)data;
}

// Once the bounded drain times out, the code escalates and then waits for
// good: the result of the bounded wait decides on the unbounded one.
class Workers {
public:
  awaitable<std::error_code> drain(asio::use_awaitable_t<> token);
  void kill();
};
awaitable<void> stop(Workers &workers) {
  auto ec = co_await workers.drain(asio::cancel_after(10s));
  if (ec == asio::error::operation_aborted) {
    workers.kill();
    co_await workers.drain(use_awaitable);
  }
}

// A timeout argument speaks for its own operation: a client whose calls
// keep a configured timeout offers `call_for` to override it.
class RpcClient {
public:
  awaitable<int> call_for(std::chrono::milliseconds timeout, std::string method);
  awaitable<int> call(std::string method);
};
awaitable<int> ping_twice(RpcClient &client) {
  int a = co_await client.call_for(100ms, "ping");
  int b = co_await client.call("ping");
  co_return a + b;
}

// Awaiting a scheduler moves the coroutine onto it; nobody outside is
// waited for, whatever else is bounded on it.
awaitable<void> on_pool(asio::thread_pool &pool) {
  co_await asio::post(pool, use_awaitable);
  co_await asio::post(pool, asio::cancel_after(1s));
}

// A value handed to two operations is no object waited on.
awaitable<std::string> fetch(const std::string &url);
awaitable<void> store(const std::string &url, const std::string &body);
awaitable<void> mirror(std::string url, std::string backup) {
  asio::steady_timer timer(co_await asio::this_coro::executor, 3s);
  co_await (fetch(url) || timer.async_wait(use_awaitable));
  co_await store(url, backup);
}

// A duration written in the call is the caller's choice: zero is "no wait"
// to a sleep, not "no limit".
class Clock {
public:
  awaitable<void> sleep(std::chrono::milliseconds d);
};
awaitable<void> nap(Clock &clock) {
  co_await clock.sleep(5ms);
  co_await clock.sleep(0ms);
}
