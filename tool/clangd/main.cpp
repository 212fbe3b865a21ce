//===--- main.cpp - asynclint-clangd ----------------------------------===//
//
// clangd, with the async module registered alongside clang-tidy's own.
//
//===----------------------------------------------------------------------===//

namespace clang::clangd {
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

namespace clang::tidy {
extern volatile int AsyncModuleAnchorSource;
// NOLINTNEXTLINE(misc-use-internal-linkage)
[[maybe_unused]] static int AsyncModuleAnchorDestination = AsyncModuleAnchorSource;
} // namespace clang::tidy

int main(int Argc, char *Argv[]) { return clang::clangd::clangdMain(Argc, Argv); }
