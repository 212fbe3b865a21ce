// ARGS: -std=c++20 -I%INC
#include "mock_task.h"
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <netdb.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace svc {
MOCK_DEFINE_TASK(task)
task<> yield();

task<std::string> load_config(const std::filesystem::path &path) {
  if (!std::filesystem::exists(path)) // expected-warning {{'std::filesystem::exists' (file-io)}}
    co_return "";
  std::ifstream in(path); // expected-warning {{'std::ifstream::ifstream' (file-io)}}
  std::string text, word;
  while (in >> word) // expected-warning {{'std::ifstream::operator>>' (file-io)}}
    text += word;
  std::ofstream out("copy.txt"); // expected-warning {{'std::ofstream::ofstream' (file-io)}}
  out << text << '\n'; // expected-warning {{'std::ofstream::operator<<' (file-io)}}
  FILE *f = fopen("log.txt", "a"); // expected-warning {{blocking call to 'fopen' (file-io)}}
  fputs("done\n", f); // expected-warning {{'fputs' (file-io)}}
  fclose(f); // expected-warning {{'fclose' (file-io)}}
  int fd = ::open("data.bin", 0); // expected-warning {{'open' (file-io)}}
  char buf[64];
  ::read(fd, buf, sizeof buf); // expected-warning {{'read' (file-io)}}
  co_await yield();
  co_return text;
}

// Logging to the console is not file I/O.
task<> log_progress(int done) {
  printf("%d done\n", done);
  std::cout << done << " done" << std::endl;
  std::cerr << "warning" << '\n';
  fprintf(stderr, "%d\n", done);
  fputs("x\n", stdout);
  fflush(stdout);
  ::write(2, "x", 1);
  co_await yield();
}

// A moved or default-constructed stream touches no file.
task<> keep_stream(std::ofstream &target) {
  std::ofstream moved(std::move(target));
  std::ofstream empty;
  auto status = std::filesystem::file_status{};
  (void)std::filesystem::is_directory(status);
  co_await yield();
}

task<> fetch(int sock, const char *host) {
  addrinfo *info = nullptr;
  getaddrinfo(host, "80", nullptr, &info); // expected-warning {{'getaddrinfo' (network)}}
  ::connect(sock, info->ai_addr, info->ai_addrlen); // expected-warning {{'connect' (network)}}
  char buf[512];
  ::recv(sock, buf, sizeof buf, 0); // expected-warning {{'recv' (network)}}
  ::send(sock, buf, 3, 0); // expected-warning {{'send' (network)}}
  co_await yield();
}

task<int> run_tool() {
  int rc = std::system("make"); // expected-warning {{(process)}}
  FILE *p = popen("ls", "r"); // expected-warning {{'popen' (process)}}
  pclose(p); // expected-warning {{'pclose' (process)}}
  waitpid(-1, nullptr, 0); // expected-warning {{'waitpid' (process)}}
  co_await yield();
  co_return rc;
}

task<> prompt() {
  std::string name;
  std::cin >> name; // expected-warning {{blocking call to 'std::cin >>' (console-input)}}
  std::getline(std::cin, name); // expected-warning {{'std::getline' (console-input)}}
  char line[80];
  fgets(line, sizeof line, stdin); // expected-warning {{'fgets' (console-input)}}
  int n;
  scanf("%d", &n); // expected-warning {{'scanf' (console-input)}}
  getchar(); // expected-warning {{'getchar' (console-input)}}
  co_await yield();
}
} // namespace svc

// The project's own functions that share a name with the C library's.
namespace svc {
struct Buffer {};
} // namespace svc
int read(svc::Buffer &buffer);
void send(const char *message);
bool poll();

namespace svc {
task<> own_functions(Buffer &buffer) {
  ::read(buffer);
  ::send("hello");
  while (!::poll())
    co_await yield();
}
} // namespace svc
