// ARGS: -std=c++20
#include <boost/asio.hpp>
#include <exception>

namespace net = boost::asio;

net::awaitable<void> tick();

int main() {
  net::io_context io;
  net::co_spawn(io, tick(), net::detached); // expected-warning {{'boost::asio::co_spawn' starts work whose failure nobody will see}} expected-note {{pass a completion handler that receives the std::exception_ptr instead of boost::asio::detached}}
  net::co_spawn(io, tick(), [](std::exception_ptr e) {
    if (e)
      std::rethrow_exception(e);
  });
  io.run();
}
