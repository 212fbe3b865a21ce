// ARGS: -std=c++20 -DASIO_HAS_CO_AWAIT -DASIO_HAS_STD_COROUTINE
#include <asio.hpp>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using asio::awaitable;
using asio::ip::tcp;

awaitable<void> send_all(tcp::socket &socket, const std::string &payload) { // expected-note 2 {{bound to reference parameter 'payload'; take it by value}}
  co_await asio::async_write(socket, asio::buffer(payload), asio::use_awaitable);
}
awaitable<void> greet(std::string_view name) { // expected-note {{bound to view parameter 'name'; take 'std::string' by value instead}}
  co_await asio::post(asio::use_awaitable);
  (void)name.size();
}
awaitable<void> sum(std::span<const int> values) { // expected-note {{bound to view parameter 'values'; take a 'std::vector' by value instead}}
  co_await asio::post(asio::use_awaitable);
  (void)values.size();
}
awaitable<void> fill(char *buffer, std::size_t size) { // expected-note {{bound to pointer parameter 'buffer'}}
  co_await asio::post(asio::use_awaitable);
  buffer[size - 1] = 0;
}
awaitable<void> by_value(std::string payload) {
  co_await asio::post(asio::use_awaitable);
  (void)payload.size();
}

// The classic: a local handed by reference to a detached coroutine.
awaitable<void> announce(tcp::socket &socket) {
  auto executor = co_await asio::this_coro::executor;
  std::string banner = "hello\r\n";
  asio::co_spawn(executor, send_all(socket, banner), asio::detached); // expected-warning {{'banner' dies before coroutine 'send_all' is done with it}} expected-note {{the task is spawned here by 'asio::co_spawn', which does not wait for it}}
  // 'socket' was received by reference: its owner is not known here.
}

void temporaries(asio::io_context &io) {
  asio::co_spawn(io, greet(std::string("guest")), asio::detached); // expected-warning {{temporary dies before coroutine 'greet' is done with it}} expected-note {{the task is spawned here by 'asio::co_spawn'}}
  asio::co_spawn(io, greet("guest"), asio::detached); // a string literal lives forever
  static const std::string motd = "welcome";
  asio::co_spawn(io, greet(motd), asio::detached); // static storage
}

void views_and_pointers(asio::io_context &io) {
  std::vector<int> numbers{1, 2, 3};
  asio::co_spawn(io, sum(numbers), asio::detached); // expected-warning {{'numbers' dies before coroutine 'sum' is done with it}} expected-note {{spawned here by 'asio::co_spawn'}}
  char scratch[64];
  asio::co_spawn(io, fill(scratch, sizeof scratch), asio::detached); // expected-warning {{'scratch' dies before coroutine 'fill' is done with it}} expected-note {{spawned here}}
  std::string owned = "abc";
  asio::co_spawn(io, by_value(owned), asio::detached); // copied into the frame
}

// A handler that looks at its own parameter is not where the work goes;
// the loop after the spawn does not wait for it either.
awaitable<void> handled(tcp::socket &socket) {
  std::string banner = "hello\r\n";
  asio::co_spawn(socket.get_executor(), send_all(socket, banner), [](std::exception_ptr e) { // expected-warning {{'banner' dies before coroutine 'send_all' is done with it}} expected-note {{spawned here}}
    if (e)
      std::rethrow_exception(e);
  });
  for (;;)
    co_await asio::post(asio::use_awaitable);
}

// Awaited within the same statement: the argument outlives the await.
awaitable<void> awaited_at_once(tcp::socket &socket) {
  std::string banner = "hello\r\n";
  co_await send_all(socket, banner);
  co_await send_all(socket, std::string("bye"));
  co_await asio::co_spawn(co_await asio::this_coro::executor, send_all(socket, banner),
                          asio::use_awaitable);
}

// The io_context runs to completion while the local is alive.
int main() {
  asio::io_context io;
  tcp::socket socket(io);
  std::string banner = "hello";
  asio::co_spawn(io, send_all(socket, banner), asio::detached);
  io.run();
}

// A local context that is run later, in the scope of the local.
void run_here() {
  std::vector<int> numbers{1, 2, 3};
  asio::io_context io;
  asio::co_spawn(io, sum(numbers), asio::detached);
  io.run();
}

// A callable given to co_spawn is copied: by-value captures are safe, and
// by-reference captures of locals are not.
awaitable<void> callables(tcp::socket &socket) {
  auto executor = co_await asio::this_coro::executor;
  std::string banner = "hi"; // expected-note {{'banner' is declared here; capture it by value so that the closure owns a copy}} expected-note {{'banner' is declared here; capture it by value}}
  asio::co_spawn(
      executor,
      [banner]() -> awaitable<void> { co_await asio::post(asio::use_awaitable); (void)banner; },
      asio::detached);
  asio::co_spawn(
      executor,
      [&banner]() -> awaitable<void> { co_await asio::post(asio::use_awaitable); (void)banner; }, // expected-warning {{'banner' dies before coroutine lambda is done with it}}
      asio::detached); // expected-note@-3 {{spawned here by 'asio::co_spawn'}}
  asio::co_spawn(
      executor, [&]() -> awaitable<void> { co_await send_all(socket, banner); }, asio::detached); // expected-warning {{'banner' dies before coroutine lambda is done with it}} expected-note@-1 {{spawned here}}
}

// A coroutine lambda called on the spot is a temporary closure: its
// captures die with it at the end of the statement.
awaitable<void> temporary_closure() {
  auto executor = co_await asio::this_coro::executor;
  int rounds = 3;
  asio::co_spawn(executor, [rounds]() -> awaitable<void> { // expected-warning {{temporary closure dies before coroutine lambda is done with its captures}} expected-note {{captures live in the closure}} expected-note {{spawned here}}
    for (int i = 0; i < rounds; ++i)
      co_await asio::post(asio::use_awaitable);
  }(), asio::detached);
  co_await [rounds]() -> awaitable<void> {
    for (int i = 0; i < rounds; ++i)
      co_await asio::post(asio::use_awaitable);
  }();
}

// Member coroutines spawned on this.
class session : public std::enable_shared_from_this<session> {
public:
  explicit session(tcp::socket socket) : socket_(std::move(socket)) {}
  void start() {
    asio::co_spawn(socket_.get_executor(), reader(), asio::detached); // expected-warning {{'*this' can die before coroutine 'reader' is done with it}} expected-note {{spawned here}}
    asio::co_spawn(socket_.get_executor(), writer(), asio::detached);
    asio::co_spawn(socket_.get_executor(),
                   [self = shared_from_this()] { return self->reader(); }, asio::detached);
    asio::co_spawn(socket_.get_executor(), reader(),
                   [self = shared_from_this()](std::exception_ptr) {});
  }

private:
  awaitable<void> reader() { // expected-note {{nothing in 'reader' holds 'shared_from_this()' before it first suspends}}
    char data[64];
    co_await socket_.async_read_some(asio::buffer(data), asio::use_awaitable);
  }
  awaitable<void> writer() {
    auto self = shared_from_this();
    co_await asio::async_write(socket_, asio::buffer("x", 1), asio::use_awaitable);
  }
  tcp::socket socket_;
};

// Not meant for shared ownership: its owner decides how long it lives.
class server {
public:
  explicit server(asio::io_context &io) : acceptor_(io) {}
  void start() { asio::co_spawn(acceptor_.get_executor(), listen(), asio::detached); }

private:
  awaitable<void> listen() { co_await acceptor_.async_accept(asio::use_awaitable); }
  tcp::acceptor acceptor_;
};

// The context the work refers to is the one it runs on: running it to
// completion in the same scope runs the work to its end.
awaitable<void> ping(asio::io_context &io) { // expected-note {{bound to reference parameter 'io'; take it by value}}
  co_await asio::post(io, asio::use_awaitable);
}
int run_what_it_captures() {
  asio::io_context io;
  int rounds = 0;
  asio::co_spawn(
      io,
      [&]() -> awaitable<void> {
        co_await asio::post(io, asio::use_awaitable);
        ++rounds;
      },
      asio::detached);
  io.run();
  return rounds;
}

// Threads that run the context, joined before the context leaves scope.
void run_on_threads() {
  asio::io_context io;
  auto guard = asio::make_work_guard(io);
  std::vector<std::thread> threads(2);
  for (auto &thread : threads)
    thread = std::thread([&] { io.run(); });
  asio::co_spawn(io, ping(io), asio::detached);
  guard.reset();
  for (auto &thread : threads)
    thread.join();
}

// Threads that run another context: joining them does not wait for this one.
void run_other_context_on_threads(asio::io_context &elsewhere) {
  asio::io_context io;
  asio::io_context other;
  std::vector<std::thread> threads(2);
  for (auto &thread : threads)
    thread = std::thread([&] { other.run(); });
  asio::co_spawn(elsewhere, ping(io), asio::detached); // expected-warning {{'io' dies before coroutine 'ping' is done with it}} expected-note {{spawned here}}
  for (auto &thread : threads)
    thread.join();
}
