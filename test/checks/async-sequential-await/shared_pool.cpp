// ARGS: -std=c++20 -I%INC
// Two jobs handed the same thread pool or executor: the pool takes work from
// many at once, so sharing it does not order them.
#include "frameworks.h"
#include <memory>
#include <string>
#include <vector>

namespace with_libcoro {
coro::task<int> render(coro::thread_pool &pool, int frame);
coro::task<std::string> encode(coro::thread_pool &pool, std::string name);
coro::task<int> append_frame(coro::thread_pool &pool, std::vector<int> &frames, int frame);

coro::task<int> preview(coro::thread_pool &pool) {
  int first = co_await render(pool, 1); // expected-warning {{'with_libcoro::render' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'coro::when_all'}}
  std::string name = co_await encode(pool, "preview"); // expected-note {{independent await of 'with_libcoro::encode'}}
  co_return first + static_cast<int>(name.size());
}

coro::task<int> all_frames(coro::thread_pool &pool, std::vector<int> frames) {
  int total = 0;
  for (int frame : frames)
    total += co_await render(pool, frame); // expected-warning {{'with_libcoro::render' is awaited once per element}} expected-note {{start them together and await them at once with 'coro::when_all'}}
  co_return total;
}

// A local coroutine lambda given the pool.
coro::task<int> squares(coro::thread_pool &pool) {
  auto square = [](coro::thread_pool &tp, int x) -> coro::task<int> {
    co_await tp.schedule();
    co_return x * x;
  };
  int a = co_await square(pool, 3); // expected-warning {{'square' and 1 more independent await}} expected-note {{run them concurrently with 'coro::when_all'}}
  int b = co_await square(pool, 4); // expected-note {{independent await of 'square'}}
  co_return a + b;
}

// --- Not reported. ---

// Both jobs write into one vector besides sharing the pool.
coro::task<int> appended(coro::thread_pool &pool) {
  std::vector<int> frames;
  int a = co_await append_frame(pool, frames, 1);
  int b = co_await append_frame(pool, frames, 2);
  co_return a + b;
}
} // namespace with_libcoro

namespace with_concurrencpp {
int checksum(int block);
int parity(int block);

concurrencpp::result<int> verify(std::shared_ptr<concurrencpp::thread_pool_executor> pool,
                                 int block) {
  int sum = co_await pool->submit([block] { return checksum(block); }); // expected-warning {{'concurrencpp::executor::submit' and 1 more independent await}} expected-note {{run them concurrently with 'concurrencpp::when_all'}}
  int bits = co_await pool->submit([block] { return parity(block); }); // expected-note {{independent await of 'concurrencpp::executor::submit'}}
  co_return sum ^ bits;
}

// --- Not reported. ---

// The jobs capture one counter by reference: the second sees the first's
// update.
concurrencpp::result<int> counted(std::shared_ptr<concurrencpp::thread_pool_executor> pool) {
  int calls = 0;
  int a = co_await pool->submit([&calls] { return ++calls; });
  int b = co_await pool->submit([&calls] { return ++calls; });
  co_return a + b;
}
} // namespace with_concurrencpp

namespace not_a_pool {
// A connection is not a scheduler: sharing it orders the requests.
class connection {
public:
  coro::task<std::string> get(std::string path);
};
coro::task<std::string> fetch(connection &c, std::string path);

coro::task<std::size_t> both(connection &c) {
  std::string a = co_await fetch(c, "/a");
  std::string b = co_await fetch(c, "/b");
  co_return a.size() + b.size();
}
} // namespace not_a_pool
