// ARGS: -std=c++20 -I%INC
// A loop that ends, or delivers to, each element of a collection in turn:
// every element waits for the ones before it, although each operation
// concerns its own element only.
#include "frameworks.h"
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

using coro::task;

class Worker {
public:
  task<> shutdown();
  task<bool> disconnect();
};
class Channel {
public:
  task<> publish(std::string frame);
};
struct Subscriber {
  std::unique_ptr<Channel> channel;
  int format = 0;
};
class Pool {
public:
  task<> close();
};
class Peer {
public:
  int fd() const { return fd_; }

private:
  int fd_ = -1;
};
task<std::size_t> send_all(Peer &peer, std::string_view bytes);
std::string encode(std::string_view topic, int format);

// A counting loop, with a line printed and a count kept on the way.
task<int> drain(std::vector<std::unique_ptr<Worker>> &workers) {
  int drained = 0;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    std::printf("draining worker %zu\n", i);
    co_await workers[i]->shutdown(); // expected-warning {{'Worker::shutdown' is awaited once per element, each call waiting for the one before: one slow element holds up all the others}} expected-note {{start them together and await them at once with 'coro::when_all'}}
    ++drained;
  }
  co_return drained;
}

// Each subscriber gets a frame of its own, made in the iteration.
task<> fan_out(std::vector<Subscriber> &subscribers, std::string topic) {
  for (Subscriber &sub : subscribers) {
    std::string frame = encode(topic, sub.format);
    co_await sub.channel->publish(frame); // expected-warning {{'Channel::publish' is awaited once per element}} expected-note {{start them together}}
  }
}

// A failure is logged and the loop goes on: the others need not wait.
task<> close_pools(std::map<std::string, std::shared_ptr<Pool>> &pools) {
  for (auto &[name, pool] : pools) {
    try {
      co_await pool->close(); // expected-warning {{'Pool::close' is awaited once per element}} expected-note {{start them together}}
    } catch (const std::exception &e) {
      std::fprintf(stderr, "closing %s: %s\n", name.c_str(), e.what());
    }
  }
}

// A free function given the element first, the same bytes for everyone.
task<> announce(std::vector<Peer> &peers, std::string_view bytes) {
  for (Peer &peer : peers)
    co_await send_all(peer, bytes); // expected-warning {{'send_all' is awaited once per element}} expected-note {{start them together}}
}

// The result is looked at, but decides nothing about the next element.
task<int> hang_up(std::vector<std::shared_ptr<Worker>> workers) {
  int failures = 0;
  for (const auto &w : workers) {
    bool ok = co_await w->disconnect(); // expected-warning {{'Worker::disconnect' is awaited once per element}} expected-note {{start them together}}
    if (!ok)
      ++failures;
  }
  co_return failures;
}
