// ARGS: -std=c++20
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <string>

namespace net = boost::asio;

net::awaitable<std::string> read_config(std::string name);
net::awaitable<int> count_peers(std::string cluster);

net::awaitable<std::size_t> start(std::string name, std::string cluster) {
  auto config = co_await read_config(name); // expected-warning {{'read_config' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'boost::asio::experimental::awaitable_operators::operator&&'}}
  auto peers = co_await count_peers(cluster); // expected-note {{independent await of 'count_peers'}}
  co_return config.size() + static_cast<std::size_t>(peers);
}

// The second needs what the first read.
net::awaitable<int> start_from_config(std::string name) {
  auto config = co_await read_config(name);
  auto peers = co_await count_peers(config);
  co_return peers;
}

// A strand-bound pair on one socket: same receiver.
net::awaitable<std::size_t> exchange(net::ip::tcp::socket &socket, std::string &buffer) {
  auto sent = co_await net::async_write(socket, net::buffer(buffer), net::use_awaitable);
  auto got = co_await socket.async_read_some(net::buffer(buffer), net::use_awaitable);
  co_return sent + got;
}
