// --baseline reads a SARIF report that another run, another release or
// another tool wrote.

#include "Output.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

using namespace asynclint;

namespace {

const std::string &reportPath() {
  static const std::string Path = [] {
    llvm::SmallString<256> Made;
    int FD = -1;
    if (llvm::sys::fs::createTemporaryFile("asynclint-fuzz-baseline", "sarif", FD, Made))
      std::abort();
    llvm::sys::fs::closeFile(FD);
    return std::string(Made);
  }();
  return Path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(reportPath(), EC);
    if (EC)
      std::abort();
    OS.write(reinterpret_cast<const char *>(Data), Size);
  }
  auto Keys = readBaseline(reportPath());
  if (!Keys) {
    llvm::consumeError(Keys.takeError());
    return 0;
  }
  Finding F;
  F.RuleId = "async-blocking-call";
  F.Fingerprint = "0";
  for (const std::string &Key : *Keys)
    if (Key.rfind("v1:", 0) != 0 && Key.rfind("v2:", 0) != 0)
      std::abort(); // every key says which fingerprint it is
  (void)inBaseline(F, *Keys);
  return 0;
}
