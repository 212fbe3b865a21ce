// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {CatalogFile: '%DIR/team-catalogue.json'}}
#include "mock_task.h"

namespace kv {
class Client {
public:
  int get(const char *key);
  int get_async(const char *key);
};
int ping(const char *host);
} // namespace kv

namespace app {
MOCK_DEFINE_TASK(task)
task<> yield();

task<int> lookup(kv::Client &client) {
  int v = client.get("k"); // expected-warning {{blocking call to 'kv::Client::get' (database)}}
  v += client.get_async("k");
  v += kv::ping("db"); // expected-warning {{blocking call to 'kv::ping' (network)}}
  co_await yield();
  co_return v;
}
} // namespace app
