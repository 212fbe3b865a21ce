// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {CatalogFile: '%DIR/helpers-catalogue.json', async-blocking-call.NonBlockingFunctions: 'app::prefetch;app::Index::rebuild', async-blocking-call.BlockingFunctions: 'app::legacy_lookup=database', async-blocking-call.IgnoredCategories: 'process'}}
#include "mock_task.h"
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace app {
MOCK_DEFINE_TASK(task)
task<> tick();

namespace rpc {
std::string call_sync(const std::string &request);
}
std::string legacy_lookup(int key);

// The project's own blocking functions, reached through helpers.
std::string resolve(int key) {
  return legacy_lookup(key); // expected-note {{'resolve' reaches 'app::legacy_lookup' (database)}}
}
std::string ask(const std::string &q) {
  return rpc::call_sync(q); // expected-note {{'ask' reaches 'app::rpc::call_sync' (network)}}
}

// Marked non-blocking by the options and by the catalogue: their bodies
// are not followed.
void prefetch() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
struct Index {
  void rebuild() { (void)resolve(0); }
};
namespace cache {
void warm() { (void)ask("warm"); }
} // namespace cache

// A category switched off is off through helpers too.
void run_hook() { std::system("hook.sh"); }

task<> serve(Index &index) {
  std::string a = resolve(1); // expected-warning {{call to 'resolve' may block in coroutine 'serve': it reaches 'app::legacy_lookup' (database)}} expected-note {{use the client library's asynchronous interface}}
  std::string b = ask("q"); // expected-warning {{call to 'ask' may block in coroutine 'serve': it reaches 'app::rpc::call_sync' (network)}} expected-note {{use rpc::call_async and await it}}
  prefetch();
  index.rebuild();
  cache::warm();
  run_hook();
  co_await tick();
}

} // namespace app
