//===--- DetachedTaskCheck.h - async-detached-task --------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_DETACHEDTASKCHECK_H
#define ASYNCLINT_CHECKS_DETACHEDTASKCHECK_H

#include "catalog/Catalog.h"

#include "core/AsyncCheck.h"
#include "models/detached-task/FailureValues.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringMap.h"

#include <memory>

namespace asynclint {

/// Finds background work started so that its failure can never be seen:
/// co_spawn with asio::detached, a discarded folly start(), libcoro's
/// spawn_detached, start_detached without error handling, ...
/// See docs/checks/async-detached-task.md.
class DetachedTaskCheck : public AsyncCheck {
public:
  DetachedTaskCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  /// What was learnt of the unit's functions goes with its AST.
  void onEndOfTranslationUnit() override { Failures = std::make_unique<FailureValues>(Cat); }

private:
  void storeOwnOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  const BlockingApi *lookup(const clang::CallExpr &Call, clang::ASTContext &Ctx) const;
  bool applies(const BlockingApi &Api, const clang::CallExpr &Call, clang::ASTContext &Ctx) const;

  /// Parsed once per process for every check that reads the same files.
  const Catalog &Cat;
  const std::string IgnoredSpawners;
  std::vector<const BlockingApi *> Spawners;
  /// Built from Cat once it is loaded.
  std::unique_ptr<FailureValues> Failures;
};

} // namespace asynclint

#endif
