// --baseline reads a SARIF report that another run, another release or
// another tool wrote.

#include "ScratchFiles.h"
#include "report/Output.h"

#include <cstdint>
#include <cstdlib>

using namespace asynclint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  const std::string Report = fuzz::scratchPath("baseline.sarif");
  fuzz::writeScratchFile(Report, llvm::StringRef(reinterpret_cast<const char *>(Data), Size));
  auto Keys = readBaseline(Report);
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
