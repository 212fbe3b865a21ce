#include "task.h"
#include <unistd.h>

namespace demo {
task<> old_poll() {
  ::sleep(1);
  co_await yield();
}
} // namespace demo
