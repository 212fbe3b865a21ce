//===--- Paths.h - one way to make a path absolute --------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_SUPPORT_PATHS_H
#define ASYNCLINT_CHECKS_SUPPORT_PATHS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace asynclint {

/// \p Path made absolute: a relative one is taken from \p Base when given
/// (a compile command's directory), else from the working directory; `.`
/// and `..` are resolved by name, as compile commands mean them.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base = "");

} // namespace asynclint

#endif
