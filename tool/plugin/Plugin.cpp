//===--- Plugin.cpp - the async module for clang-tidy-22 --load ----------===//
//
// The module registers itself (see checks/AsyncTidyModule.cpp) into the
// registry of the clang-tidy that loads this library; nothing else is needed.
//
//===----------------------------------------------------------------------===//

namespace clang::tidy {
extern volatile int AsyncModuleAnchorSource;
// NOLINTNEXTLINE(misc-use-internal-linkage)
[[maybe_unused]] static int AsyncModuleAnchorDestination = AsyncModuleAnchorSource;
} // namespace clang::tidy
