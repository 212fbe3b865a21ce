//===--- LockAcrossSuspensionCheck.h - async-lock-across-suspension -*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_LOCKACROSSSUSPENSIONCHECK_H
#define ASYNCLINT_CHECKS_LOCKACROSSSUSPENSIONCHECK_H

#include "core/TestCode.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

/// Finds locks that are certainly held while a coroutine suspends, by a
/// forward must-analysis over clang's CFG of the coroutine body.
/// See docs/checks/async-lock-across-suspension.md.
class LockAcrossSuspensionCheck : public clang::tidy::ClangTidyCheck {
public:
  LockAcrossSuspensionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

  bool isGuardType(clang::QualType T) const;
  bool isMutexType(clang::QualType T) const;

private:
  const std::string LockTypes;
  const std::string MutexTypes;
  llvm::StringSet<> Guards;
  llvm::StringSet<> Mutexes;
  TestCodeFilter Tests;
};

} // namespace asynclint

#endif
