// --fix: replacements from findings applied to the files on disk. The
// replacements may overlap, repeat, or lie past the end of a file that
// changed since it was analysed.

#include "ScratchFiles.h"
#include "report/Output.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>

using namespace asynclint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  FuzzedDataProvider Input(Data, Size);
  std::string Files[2] = {fuzz::scratchPath("a.cpp"), fuzz::scratchPath("b.h")};
  std::string Before[2];
  for (int I = 0; I < 2; ++I) {
    Before[I] = Input.ConsumeRandomLengthString(256);
    fuzz::writeScratchFile(Files[I], Before[I]);
  }

  std::vector<Finding> Findings(Input.ConsumeIntegralInRange<size_t>(0, 6));
  for (Finding &F : Findings) {
    F.RuleId = "async-sequential-await";
    size_t Count = Input.ConsumeIntegralInRange<size_t>(0, 4);
    for (size_t I = 0; I < Count; ++I) {
      Replacement R;
      int Which = Input.ConsumeIntegralInRange<int>(0, 1);
      R.File = Files[Which];
      R.Offset = Input.ConsumeIntegralInRange<unsigned>(0, Before[Which].size() + 2);
      R.Length = Input.ConsumeIntegralInRange<unsigned>(0, 8);
      R.Text = Input.ConsumeRandomLengthString(16);
      F.Fixes.push_back(R);
    }
  }

  auto Applied = applyFixes(Findings);
  if (!Applied) {
    llvm::consumeError(Applied.takeError());
    return 0;
  }
  if (Applied->size() != Findings.size())
    std::abort();
  bool AnyApplied = false;
  for (size_t I = 0; I < Findings.size(); ++I) {
    if ((*Applied)[I] && Findings[I].Fixes.empty())
      std::abort(); // nothing to apply cannot have been applied
    AnyApplied = AnyApplied || (*Applied)[I];
  }
  if (!AnyApplied)
    for (int I = 0; I < 2; ++I)
      if (fuzz::readScratchFile(Files[I]) != Before[I])
        std::abort(); // a file changed although no fix was applied
  return 0;
}
