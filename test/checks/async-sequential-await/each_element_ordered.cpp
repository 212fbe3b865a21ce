// ARGS: -std=c++20 -I%INC
// Loops that await an operation per element where the iterations depend on
// each other, or may. None is reported.
#include "frameworks.h"
#include <cstdio>
#include <map>
#include <memory>
#include <ranges>
#include <string>
#include <vector>

using coro::task;

class Lane {};
class Service {
public:
  task<bool> stop();
  task<> init();
  task<> send_locked(Lane &lane, int seq);
};
class Connection {
public:
  task<> write(std::string chunk);
  task<> send(int seq);
};
class Instant {
public:
  task<> close() { co_return; }
};
task<> close(std::string name);

// The first failure ends the loop: the rest are not stopped.
task<> stop_until_failure(std::vector<std::unique_ptr<Service>> &services) {
  for (auto &s : services)
    if (!co_await s->stop())
      break;
}
task<> stop_or_return(std::vector<std::unique_ptr<Service>> &services) {
  for (auto &s : services) {
    bool ok = co_await s->stop();
    if (!ok)
      co_return;
  }
}

// One connection carries every chunk, in order.
task<> stream_out(Connection &conn, std::vector<std::string> chunks) {
  for (const std::string &chunk : chunks)
    co_await conn.write(chunk);
}

// Each message carries the sequence number the one before left behind.
task<> number(std::vector<std::shared_ptr<Connection>> &conns) {
  int seq = 0;
  for (auto &c : conns) {
    co_await c->send(seq);
    ++seq;
  }
}

// Stopped in the reverse order of starting: later ones depend on earlier.
task<> stop_in_reverse(std::vector<std::unique_ptr<Service>> &services) {
  for (auto &s : services | std::views::reverse)
    co_await s->stop();
}

// Starting is often in an order the collection encodes.
task<> start_all(std::vector<std::unique_ptr<Service>> &services) {
  for (auto &s : services) {
    std::printf("starting\n");
    co_await s->init();
  }
}

// All of them go through one lane that is passed by reference.
task<> through_one_lane(std::vector<Service> &services, Lane &lane) {
  for (Service &s : services)
    co_await s.send_locked(lane, 1);
}

// Two awaits per element: a protocol, not one operation.
task<> close_twice(std::vector<std::shared_ptr<Connection>> &conns) {
  for (auto &c : conns) {
    co_await c->send(0);
    co_await c->write("bye");
  }
}

// The collection shrinks as the loop goes.
task<> drop_each(std::map<int, std::shared_ptr<Connection>> &conns) {
  for (auto it = conns.begin(); it != conns.end();) {
    co_await it->second->send(0);
    it = conns.erase(it);
  }
}

// Closing by name reaches state the loop cannot see.
task<> close_by_name(std::vector<std::string> names) {
  for (const std::string &name : names)
    co_await close(name);
}

// Closing that never suspends has nothing to overlap.
task<> close_instants(std::vector<Instant> &instants) {
  for (Instant &i : instants)
    co_await i.close();
}

// Outside a loop the same calls are effects in the order written.
task<> two_services(Service &a, Service &b) {
  co_await a.stop();
  co_await b.stop();
}

// Each message goes out on a connection the loop does not name: one
// stream, in order.
struct Envelope {
  std::vector<char> payload;
};
task<> send(Envelope envelope);
task<> flush_outbox(std::vector<Envelope> &outbox) {
  for (Envelope &envelope : outbox)
    co_await send(envelope);
}

// Each element arrives when the one before is done with (an accept loop):
// there is no collection to start at once.
struct Arrivals {
  struct iterator {
    std::shared_ptr<Connection> current;
    std::shared_ptr<Connection> &operator*() { return current; }
    task<> operator++();
    bool operator!=(const iterator &other) const { return current != other.current; }
  };
  task<iterator> begin();
  iterator end();
};
task<> greet_arrivals(Arrivals arrivals) {
  for co_await (auto &conn : arrivals)
    co_await conn->write("hello");
}
