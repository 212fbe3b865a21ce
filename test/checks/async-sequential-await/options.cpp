// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {async-sequential-await.MinimumRun: 3, async-sequential-await.CheckLoops: false, async-sequential-await.IgnoredFunctions: 'cache::warm'}}
#include "frameworks.h"
#include <string>
#include <vector>

using cppcoro::task;
namespace cache {
task<int> warm(std::string key);
}
task<int> load(std::string key);
task<int> size_of(std::string key);
task<int> age_of(std::string key);

// Two awaits are below MinimumRun.
task<int> two(std::string key) {
  int a = co_await load(key);
  int b = co_await size_of(key);
  co_return a + b;
}

// An ignored function breaks the run.
task<int> with_ignored(std::string key) {
  int a = co_await load(key);
  int w = co_await cache::warm(key);
  int b = co_await size_of(key);
  co_return a + b + w;
}

task<int> three(std::string key) {
  int a = co_await load(key); // expected-warning {{'load' and 2 more independent awaits}} expected-note {{run them concurrently with 'cppcoro::when_all'}}
  int b = co_await size_of(key); // expected-note {{independent await of 'size_of'}}
  int c = co_await age_of(key); // expected-note {{independent await of 'age_of'}}
  co_return a + b + c;
}

// Loops are not checked.
task<std::vector<int>> loop(std::vector<std::string> keys) {
  std::vector<int> out;
  for (const auto &key : keys)
    out.push_back(co_await load(key));
  co_return out;
}
