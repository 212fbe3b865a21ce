// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {CatalogFile: '%DIR/wire-catalogue.json'}}
// The race the advice names must be one the waiting coroutine can await:
// its own framework's, not the operation's.
#include "frameworks.h"
#include "mock_task.h"
#include <string>

namespace wire {
MOCK_DEFINE_TASK(task)
class Channel {
public:
  task<std::string> receive();
};
} // namespace wire

wire::task<std::string> next_message(wire::Channel &channel) {
  co_return co_await channel.receive(); // expected-warning {{'wire::Channel::receive' waits for the outside world with no deadline}} expected-note {{bound it with 'wire::with_deadline', or race it with a timer ('wire::first_of')}}
}

boost::cobalt::task<std::string> relay(wire::Channel &channel) {
  co_return co_await channel.receive(); // expected-warning {{'wire::Channel::receive' waits for the outside world with no deadline}} expected-note {{bound it with 'wire::with_deadline', or race it with a timer ('boost::cobalt::race')}}
}
