//===--- main.cpp - asynclint -----------------------------------------===//

#include "Driver.h"
#include "Workers.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/InitLLVM.h"

namespace clang::tidy {
// Links clang-tidy's own modules, so that --checks can enable them too.
extern volatile int AsyncModuleAnchorSource;
extern volatile int BugproneModuleAnchorSource;
extern volatile int CppCoreGuidelinesModuleAnchorSource;
extern volatile int MiscModuleAnchorSource;
extern volatile int ModernizeModuleAnchorSource;
extern volatile int PerformanceModuleAnchorSource;
extern volatile int ReadabilityModuleAnchorSource;
extern volatile int ConcurrencyModuleAnchorSource;
[[maybe_unused]] static int ModuleAnchors[] = {
    AsyncModuleAnchorSource,          BugproneModuleAnchorSource,
    CppCoreGuidelinesModuleAnchorSource, MiscModuleAnchorSource,
    ModernizeModuleAnchorSource,      PerformanceModuleAnchorSource,
    ReadabilityModuleAnchorSource,    ConcurrencyModuleAnchorSource};
} // namespace clang::tidy

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  if (Argc == 4 && llvm::StringRef(Argv[1]) == "--worker")
    return asynclint::workerMain(Argv[2], Argv[3]);
  return asynclint::runDriver(Argc, Argv);
}
