//===--- OptionLists.h - list-valued check options --------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_UTILS_OPTIONLISTS_H
#define ASYNCLINT_CHECKS_UTILS_OPTIONLISTS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace asynclint {

/// Splits a clang-tidy list option ("a; b;c") into trimmed, non-empty items.
std::vector<std::string> parseList(llvm::StringRef Value);

/// Adds the names of a list option to \p Into; a leading "::" is ignored,
/// so that "::sleep" and "sleep" name the same thing.
void insertNames(llvm::StringSet<> &Into, llvm::StringRef Value);

/// Joins items back into the form parseList reads.
std::string joinList(const std::vector<std::string> &Items);

} // namespace asynclint

#endif
