// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {async-missing-timeout.IoTypes: 'app::Connection', async-missing-timeout.IoFunctions: 'app::fetch_page', async-missing-timeout.DeadlineFunctions: 'app::with_deadline;app::Poller::drain', async-missing-timeout.DeadlineTypes: 'app::TimedConnection'}}
#include "frameworks.h"
#include <chrono>
#include <string>

namespace app {
using async_simple::coro::Lazy;

class Connection {
public:
  Lazy<std::string> receive();
  Lazy<void> send(std::string);
};
class TimedConnection : public Connection {};
Lazy<std::string> fetch_page(std::string url);
template <typename T> Lazy<T> with_deadline(Lazy<T> op, std::chrono::milliseconds);

// Named by the user as I/O: a member of an I/O type, a free I/O function.
Lazy<std::size_t> pull(Connection &conn, std::string url) {
  std::string a = co_await conn.receive(); // expected-warning {{'app::Connection::receive' waits for the outside world with no deadline}}
  std::string b = co_await fetch_page(url); // expected-warning {{'app::fetch_page' waits for the outside world with no deadline}}
  co_return a.size() + b.size();
}

// A user's deadline wrapper, a deadline-managed type and function.
Lazy<std::size_t> pull_bounded(Connection &conn, TimedConnection &timed) {
  std::string a = co_await with_deadline(conn.receive(), std::chrono::milliseconds(300));
  std::string b = co_await timed.receive();
  co_return a.size() + b.size();
}

class Poller {
public:
  Lazy<void> drain(Connection &conn) {
    std::string a = co_await conn.receive();
    (void)a;
  }
};

// async_simple: raced with a sleep through collectAny, the callee is bounded.
Lazy<std::string> listen(Connection &conn) {
  co_return co_await conn.receive();
}
Lazy<void> listen_a_while(Connection &conn) {
  co_await async_simple::coro::collectAny(listen(conn),
                                          async_simple::coro::sleep(std::chrono::seconds(2)));
}
} // namespace app
