//===--- main.cpp - asynclint-clangd ----------------------------------===//
//
// clangd, with the async module registered alongside clang-tidy's own.
//
//===----------------------------------------------------------------------===//

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace clang::tidy {
extern volatile int AsyncModuleAnchorSource;
// NOLINTNEXTLINE(misc-use-internal-linkage)
[[maybe_unused]] static int AsyncModuleAnchorDestination = AsyncModuleAnchorSource;
} // namespace clang::tidy

int main(int argc, char *argv[]) { return clang::clangd::clangdMain(argc, argv); }
