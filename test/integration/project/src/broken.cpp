#include "task.h"

namespace demo {
task<> broken() {
  undeclared_function();
  co_await yield();
}
} // namespace demo
