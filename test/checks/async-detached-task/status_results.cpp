// ARGS: -std=c++20 -I%INC
// libcoro's network operations report failures as io_status values: a
// connection task that only reads and writes has nothing to lose.
#include "frameworks.h"
#include <stdexcept>

coro::task<> on_connection(coro::net::tcp::client client) {
  std::string buf(1024, '\0');
  while (true) {
    auto [rstatus, rspan] = co_await client.read_some(buf);
    if (rstatus.is_ok())
      co_await client.write_all(rspan);
    else if (rstatus.is_closed())
      co_return;
  }
}

coro::task<> strict_connection(coro::net::tcp::client client) {
  std::string buf(1024, '\0');
  auto [rstatus, rspan] = co_await client.read_some(buf);
  if (!rstatus.is_ok())
    throw std::runtime_error("read failed");
}

coro::task<int> parse(std::string text);

coro::task<> parsing_connection(coro::net::tcp::client client) {
  std::string buf(1024, '\0');
  auto [rstatus, rspan] = co_await client.read_some(buf);
  if (rstatus.is_ok())
    co_await parse(buf); // a task of its own, which may throw
}

void serve(coro::thread_pool &pool, coro::net::tcp::client a, coro::net::tcp::client b,
           coro::net::tcp::client c) {
  pool.spawn_detached(on_connection(std::move(a)));
  auto lambda_connection = [](coro::net::tcp::client client) -> coro::task<> {
    std::string buf(64, '\0');
    auto [status, span] = co_await client.read_some(buf);
    if (status.is_ok())
      co_await client.write_all(span);
  };
  pool.spawn_detached(lambda_connection(std::move(a)));
  pool.spawn_detached(strict_connection(std::move(b))); // expected-warning {{'coro::thread_pool::spawn_detached' starts work whose failure nobody will see}}
  pool.spawn_detached(parsing_connection(std::move(c))); // expected-warning {{'coro::thread_pool::spawn_detached' starts work whose failure nobody will see}}
}
