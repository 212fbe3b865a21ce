// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {async-blocking-call.LogMacros: 'AUDIT_TRAIL', async-blocking-call.BlockingFunctions: 'spdlog::logger::flush=file-io'}}
// A log call hands a record to a logger; what the logger does with it is
// not what the calling code does. Log calls are not reported, whether they
// go through a logging library, a log macro, or a macro the project names;
// a flush the user names as blocking is.
#include "mock_task.h"
#include <fstream>
#include <string>

namespace spdlog {
// Written here, as a project that builds the library from source has it:
// not a system header.
class logger {
public:
  void info(const std::string &text) {
    std::ofstream out("app.log", std::ios::app);
    out << text << '\n';
  }
  void flush() { std::ofstream out("app.log", std::ios::app); }
};
inline logger &default_logger() {
  static logger l;
  return l;
}
inline void info(const std::string &text) { default_logger().info(text); }
} // namespace spdlog

namespace relay {
MOCK_DEFINE_TASK(task)
task<> tick();

// The project's own synchronous file sink, written without a library.
struct FileSink {
  void write(const std::string &text) {
    std::ofstream out("relay.log", std::ios::app); // expected-note {{'FileSink::write' reaches 'std::ofstream::ofstream' (file-io)}}
    out << text;
  }
};
FileSink &sink();
#define RELAY_LOG_INFO(text) sink().write(text)
#define ELOGV(text) sink().write(text)
#define AUDIT_TRAIL(text) sink().write(text)

task<> forward(std::string packet) {
  spdlog::info("forwarding");
  spdlog::default_logger().info(packet);
  RELAY_LOG_INFO("forwarding");
  ELOGV(packet);
  AUDIT_TRAIL(packet);
  co_await tick();
  spdlog::default_logger().flush(); // expected-warning {{blocking call to 'spdlog::logger::flush' (file-io) in coroutine 'forward'}} expected-note {{move the file access off the event loop}}
  sink().write(packet); // expected-warning {{call to 'FileSink::write' may block in coroutine 'forward': it reaches 'std::ofstream::ofstream' (file-io)}} expected-note {{move the file access off the event loop}}
}

} // namespace relay
