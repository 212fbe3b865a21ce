//===--- SwallowedExceptionCheck.h - async-swallowed-exception --*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_SWALLOWEDEXCEPTIONCHECK_H
#define ASYNCLINT_CHECKS_SWALLOWEDEXCEPTIONCHECK_H

#include "catalog/Catalog.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"

#include "core/AsyncCheck.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

/// Finds exceptions that vanish in asynchronous code: empty handlers in
/// coroutines, handlers that swallow cancellation in a loop, and promise
/// types whose unhandled_exception() drops everything.
/// See docs/checks/async-swallowed-exception.md.
class SwallowedExceptionCheck : public AsyncCheck {
public:
  SwallowedExceptionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20 && LangOpts.CXXExceptions;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { Classifier.clear(); }

private:
  void storeOwnOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void checkHandler(const clang::CXXCatchStmt &Handler, clang::ASTContext &Ctx);
  bool isCancellationType(const clang::CXXCatchStmt &Handler) const;
  bool isDedicatedCancellationType(const clang::CXXCatchStmt &Handler) const;
  bool handlesCancellation(const clang::Stmt &Body) const;

  const std::string CancellationTypes;
  const std::string CancellationChecks;
  /// Parsed once per process for every check that reads the same files.
  const Catalog &Cat;
  llvm::StringSet<> CancellationTypeNames;
  llvm::StringSet<> CancellationCheckNames;
  CoroutineClassifier Classifier;
};

} // namespace asynclint

#endif
