//===--- main.cpp - asynclint -----------------------------------------===//

#include "Driver.h"

#include "llvm/Support/InitLLVM.h"

int main(int Argc, const char **Argv) {
  llvm::InitLLVM Init(Argc, Argv);
  return asynclint::runDriver(Argc, Argv);
}
