// ARGS: -std=c++20 -I%INC
// Awaits that look alike but must stay in order. None is reported.
#include "frameworks.h"
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

using folly::coro::Task;

struct Credentials {
  std::string user, password;
};
struct Session {
  int id = 0;
};
struct Row {
  std::string value;
};

Task<Session> login(Credentials credentials);
Task<std::vector<Row>> query(Session session, std::string sql);

// Login, then a query that needs the session.
Task<std::size_t> report(Credentials credentials) {
  auto session = co_await login(credentials);
  auto rows = co_await query(session, "select 1");
  co_return rows.size();
}

// A cursor: each fetch continues where the last stopped.
class Cursor {
public:
  Task<Row> next();
};
Task<std::string> first_two(Cursor &cursor) {
  auto a = co_await cursor.next();
  auto b = co_await cursor.next();
  co_return a.value + b.value;
}

// Write, then flush the same stream.
class Stream {
public:
  Task<std::size_t> write(std::string data);
  Task<bool> flush();
};
Task<bool> send(Stream &stream, std::string data) {
  auto written = co_await stream.write(data);
  auto flushed = co_await stream.flush();
  co_return written > 0 && flushed;
}

// A coroutine mutex: the guard is kept for its lifetime, not read.
Task<std::string> lookup(std::string key);
Task<std::string> locked_lookup(folly::coro::Mutex &mutex, std::string key) {
  auto guard = co_await mutex.co_scoped_lock();
  auto value = co_await lookup(key);
  co_return value;
}

// A counter handed by reference to both.
Task<int> next_ticket(int &counter);
Task<int> two_tickets(int &counter) {
  auto a = co_await next_ticket(counter);
  auto b = co_await next_ticket(counter);
  co_return a + b;
}

// The same call twice samples twice: the order is the point.
Task<double> read_sensor(int channel);
Task<double> drift(int channel) {
  auto before = co_await read_sensor(channel);
  auto after = co_await read_sensor(channel);
  co_return after - before;
}

// Both operate on one shared database handle.
class Database;
Task<Row> get(std::shared_ptr<Database> db, int key);
Task<std::string> pair(std::shared_ptr<Database> db) {
  auto a = co_await get(db, 1);
  auto b = co_await get(db, 2);
  co_return a.value + b.value;
}

// Member coroutines of one object share the object.
class Inventory {
public:
  Task<int> count(std::string sku);
  Task<int> reserved(std::string sku);
  Task<int> available(std::string sku) {
    auto total = co_await count(sku);
    auto held = co_await reserved(sku);
    co_return total - held;
  }
};

// The second overwrites what the first assigned.
Task<int> attempt(int n);
Task<int> last_attempt() {
  int result = 0;
  result = co_await attempt(1);
  result = co_await attempt(2);
  co_return result;
}

// A lambda that captures by reference may change what the next await reads.
Task<int> run(std::function<void()> work);
Task<int> measure(std::vector<int> &samples);
Task<int> prepare_and_measure(std::vector<int> &samples) {
  auto prepared = co_await run([&] { samples.push_back(1); });
  auto measured = co_await measure(samples);
  co_return prepared + measured;
}

// A timer used as back-off between attempts.
Task<int> backoff_retry(int n) {
  co_await folly::coro::sleep(std::chrono::milliseconds(100));
  auto result = co_await attempt(n);
  co_return result;
}

// A loop whose iterations share a connection by reference.
class Connection;
Task<Row> fetch(Connection &conn, int key);
Task<std::vector<Row>> fetch_all(Connection &conn, std::vector<int> keys) {
  std::vector<Row> rows;
  for (int key : keys)
    rows.push_back(co_await fetch(conn, key));
  co_return rows;
}

// A loop that does more than collect.
Task<std::vector<Row>> fetch_logged(std::vector<int> keys, int &logged) {
  std::vector<Row> rows;
  for (int key : keys) {
    auto row = co_await get(nullptr, key);
    ++logged;
    rows.push_back(row);
  }
  co_return rows;
}

// Locks and permits of a library the catalogue does not know: named like
// what they are, or handing back a permit. The permit is read, so only its
// name and type tell it apart from a value.
struct Permit {
  bool granted = false;
};
class Limiter {
public:
  Task<int> acquire_slot(std::string key);
  Task<Permit> enter(std::string key);
};
Task<std::string> throttled(Limiter &limiter, Limiter &other, std::string key) {
  auto slot = co_await limiter.acquire_slot(key);
  auto value = co_await lookup(key);
  auto permit = co_await other.enter(key);
  auto again = co_await lookup(key + "again");
  co_return permit.granted ? value + again : std::to_string(slot);
}

// A structured binding of the first result feeds the second.
Task<std::tuple<Session, int>> open_session(Credentials credentials);
Task<std::size_t> bound_then_query(Credentials credentials) {
  auto [session, retries] = co_await open_session(credentials);
  auto rows = co_await query(session, "select 2");
  co_return rows.size() + static_cast<std::size_t>(retries);
}

// One await drives a member connection, the next calls a member coroutine
// (const, but it may read that connection).
class Gateway {
public:
  Task<Row> forward(int key) {
    auto row = co_await upstream_.next();
    auto audit = co_await record(key);
    co_return audit ? row : Row{};
  }

private:
  Task<bool> record(int key) const;
  Cursor upstream_;
};
