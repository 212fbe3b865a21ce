// Independent awaits on boost::asio::awaitable: the same rewrite as for
// standalone asio, with boost's operator.
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <string>

namespace net = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;

net::awaitable<std::string> read_config(std::string name) { co_return name + ".conf"; }
net::awaitable<int> count_peers(std::string cluster) { co_return static_cast<int>(cluster.size()); }

net::awaitable<std::size_t> start(std::string name, std::string cluster) {
  auto config = co_await read_config(name);
  auto peers = co_await count_peers(cluster);
  co_return config.size() + static_cast<std::size_t>(peers);
}
