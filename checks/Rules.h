//===--- Rules.h - the one table of rule metadata ---------------*- C++ -*-===//
//
// Module registration, --list-checks, --explain, the SARIF rules array and the
// docs index all read this table.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_RULES_H
#define ASYNCLINT_CHECKS_RULES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy {
class ClangTidyCheckFactories;
} // namespace clang::tidy

namespace asynclint {

struct RuleInfo {
  llvm::StringRef Id;          ///< "async-blocking-call"
  llvm::StringRef Name;        ///< "BlockingCall", SARIF reportingDescriptor.name
  llvm::StringRef Summary;     ///< one line
  llvm::StringRef Description; ///< a paragraph
  llvm::StringRef DocPath;     ///< relative to the source tree
  llvm::ArrayRef<llvm::StringRef> Tags;
  llvm::StringRef Level;     ///< SARIF level: "warning", "error" or "note"
  llvm::StringRef Precision; ///< SARIF precision: "high", "medium", ...
  void (*Register)(clang::tidy::ClangTidyCheckFactories &, llvm::StringRef);
};

llvm::ArrayRef<RuleInfo> rules();
const RuleInfo *findRule(llvm::StringRef Id);

} // namespace asynclint

#endif
