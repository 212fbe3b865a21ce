// Independent awaits on boost::asio::awaitable: the same rewrite as for
// standalone asio, with boost's operator.
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <string>

namespace net = boost::asio;
using namespace boost::asio::experimental::awaitable_operators;

// Remote calls, defined elsewhere: each waits on the network.
net::awaitable<std::string> read_config(std::string name);
net::awaitable<int> count_peers(std::string cluster);

net::awaitable<std::size_t> start(std::string name, std::string cluster) {
  auto config = co_await read_config(name);
  auto peers = co_await count_peers(cluster);
  co_return config.size() + static_cast<std::size_t>(peers);
}
