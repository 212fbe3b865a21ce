// ARGS: -std=c++20 -I%INC
#include "frameworks.h"
#include <string>
#include <vector>

struct Executor {};

namespace app {
// Lazy tasks: each reads its argument once it runs, after the call returned.
folly::coro::Task<int> parse(const std::string &text) { co_return static_cast<int>(text.size()); } // expected-note {{bound to reference parameter 'text'}}
async_simple::coro::Lazy<int> lookup(const std::string &key) { co_return static_cast<int>(key.size()); } // expected-note {{bound to reference parameter 'key'}}
cppcoro::task<> log(const std::string &line) { (void)line; co_return; } // expected-note {{bound to reference parameter 'line'}}
exec::task<> send(const std::vector<char> &bytes) { (void)bytes; co_return; } // expected-note {{bound to reference parameter 'bytes'}}
boost::cobalt::task<void> store(const std::string &value) { (void)value; co_return; } // expected-note {{bound to reference parameter 'value'}}

void folly_starts(Executor &ex) {
  std::string text = "1";
  folly::coro::co_withExecutor(ex, parse(text)).start(); // expected-warning {{'text' dies before coroutine 'parse' is done with it}} expected-note {{spawned here by 'folly::coro::TaskWithExecutor::start'}}
  std::string kept = "2";
  auto future = folly::coro::co_withExecutor(ex, parse(kept)).start();
  future.get();
}

folly::coro::Task<int> folly_awaits(Executor &ex) {
  std::string text = "3";
  co_return co_await parse(text);
}

void async_simple_starts() {
  std::string key = "k";
  lookup(key).start([](async_simple::Try<int>) {}); // expected-warning {{'key' dies before coroutine 'lookup' is done with it}} expected-note {{spawned here by 'async_simple::coro::Lazy::start'}}
}

async_simple::coro::Lazy<int> async_simple_awaits() {
  std::string key = "k";
  co_return co_await lookup(key);
}

void cppcoro_scope(cppcoro::async_scope &scope) {
  std::string line = "x";
  scope.spawn(log(line)); // expected-warning {{'line' dies before coroutine 'log' is done with it}} expected-note {{spawned here by 'cppcoro::async_scope::spawn'}}
}

cppcoro::task<> cppcoro_joined() {
  cppcoro::async_scope scope;
  std::string line = "x";
  scope.spawn(log(line));
  co_await scope.join();
}

void stdexec_detached() {
  std::vector<char> bytes(16);
  exec::start_detached(send(bytes)); // expected-warning {{'bytes' dies before coroutine 'send' is done with it}} expected-note {{spawned here by 'exec::start_detached'}}
}

void stdexec_scope() {
  std::vector<char> bytes(16);
  exec::async_scope scope;
  scope.spawn(send(bytes));
  stdexec::sync_wait(scope.on_empty());
}

void concurrencpp_post(concurrencpp::executor &ex) {
  int hits = 0;
  ex.post([&hits] { ++hits; }); // expected-warning {{'hits' dies before the lambda is done with it}} expected-note@-1 {{'hits' is declared here; capture it by value}} expected-note {{spawned here by 'concurrencpp::executor::post'}}
  ex.post([hits] { (void)hits; });
}

concurrencpp::result<void> concurrencpp_submit(concurrencpp::executor &ex) {
  int hits = 0;
  co_await ex.submit([&hits] { return ++hits; });
}

void cobalt_spawn(boost::cobalt::executor ex) {
  std::string value = "v";
  boost::cobalt::spawn(ex, store(value), boost::cobalt::detached); // expected-warning {{'value' dies before coroutine 'store' is done with it}} expected-note {{spawned here by 'boost::cobalt::spawn'}}
}
} // namespace app
