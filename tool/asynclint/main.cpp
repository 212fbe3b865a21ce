//===--- main.cpp - asynclint -----------------------------------------===//

#include "Driver.h"
#include "Workers.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/InitLLVM.h"

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  if (Argc == 4 && llvm::StringRef(Argv[1]) == "--worker")
    return asynclint::workerMain(Argv[2], Argv[3]);
  return asynclint::runDriver(Argc, Argv);
}
