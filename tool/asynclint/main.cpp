//===--- main.cpp - asynclint -----------------------------------------===//

#include "Driver.h"

#include "llvm/Support/InitLLVM.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

/// A standard stream the caller closed gets /dev/null: otherwise the next
/// file asynclint opens (a report, the merged facts) would be given its
/// descriptor, and what is written to the stream would land in that file.
static void reopenClosedStandardStreams() {
  for (int Fd = 0; Fd <= 2; ++Fd)
    if (fcntl(Fd, F_GETFD) == -1 && errno == EBADF) {
      int Opened = open("/dev/null", Fd == 0 ? O_RDONLY : O_WRONLY);
      // open() gives the lowest free descriptor: this one.
      if (Opened != -1 && Opened != Fd)
        close(Opened);
    }
}

int main(int Argc, const char **Argv) {
  reopenClosedStandardStreams();
  llvm::InitLLVM Init(Argc, Argv);
  return asynclint::runDriver(Argc, Argv);
}
