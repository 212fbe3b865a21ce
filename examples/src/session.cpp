#include "relay.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace relay {
using namespace std::chrono_literals;

// Read once at start-up, outside any coroutine: blocking here is fine.
std::string banner_text() {
  std::ifstream in("banner.txt");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

awaitable<void> session(tcp::socket socket) {
  // Mistake: re-reads the banner from disk on the event loop, per connection.
  std::ifstream banner("banner.txt");
  std::string greeting;
  std::getline(banner, greeting);
  co_await asio::async_write(socket, asio::buffer(greeting), asio::use_awaitable);

  // Mistake: two independent lookups, one round trip after the other.
  std::string peer = socket.remote_endpoint().address().to_string();
  auto region = co_await lookup_region(peer);
  auto quota = co_await lookup_quota(peer);
  if (region == "public")
    quota /= 2;

  // Mistake: the audit runs on its own and may outlive this session, but it
  // holds a reference to the session's 'peer'.
  asio::co_spawn(socket.get_executor(), audit_peer(peer), [](std::exception_ptr e) {
    if (e)
      std::fputs("audit failed\n", stderr);
  });

  char data[4096];
  std::size_t total = 0;
  for (;;) {
    std::size_t n = co_await socket.async_read_some(asio::buffer(data), asio::use_awaitable);
    if (n == 0)
      break;
    total += n;
    co_await asio::async_write(socket, asio::buffer(data, n), asio::use_awaitable);
    if (total > quota) {
      // Mistake: throttles by sleeping the thread every session shares.
      std::this_thread::sleep_for(50ms);
    }
  }
  // Mistake: the helper, defined in another file, writes a file
  // synchronously on the event loop.
  record_session(peer, total);
  co_await report_metrics("relay-metrics.log", total);
}
} // namespace relay
