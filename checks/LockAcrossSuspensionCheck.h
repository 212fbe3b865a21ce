//===--- LockAcrossSuspensionCheck.h - async-lock-across-suspension -*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_LOCKACROSSSUSPENSIONCHECK_H
#define ASYNCLINT_CHECKS_LOCKACROSSSUSPENSIONCHECK_H

#include "core/AsyncCheck.h"
#include "models/lock-across-suspension/LockFlow.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

/// Finds locks that are certainly held while a coroutine suspends, by a
/// forward must-analysis over clang's CFG of the coroutine body.
/// See docs/checks/async-lock-across-suspension.md.
class LockAcrossSuspensionCheck : public AsyncCheck {
public:
  LockAcrossSuspensionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void storeOwnOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  const std::string LockTypes;
  const std::string MutexTypes;
  const LockingTypes Types;
};

} // namespace asynclint

#endif
