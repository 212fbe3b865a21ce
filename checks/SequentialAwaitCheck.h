//===--- SequentialAwaitCheck.h - async-sequential-await --------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_SEQUENTIALAWAITCHECK_H
#define ASYNCLINT_CHECKS_SEQUENTIALAWAITCHECK_H

#include "catalog/Catalog.h"
#include "core/CoroutineTypes.h"
#include "models/sequential-await/AwaitRuns.h"
#include "models/sequential-await/Effects.h"

#include "core/AsyncCheck.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

/// Finds independent co_awaits that run one after another although they
/// could run concurrently: runs of consecutive awaits, and loops that await
/// one operation per iteration. See docs/checks/async-sequential-await.md.
class SequentialAwaitCheck : public AsyncCheck {
public:
  SequentialAwaitCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void storeOwnOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void checkRuns(const clang::CompoundStmt &Block, clang::ASTContext &Ctx);
  void reportRun(llvm::ArrayRef<AwaitStep> Run, clang::ASTContext &Ctx);
  void checkLoop(const clang::Stmt &Loop, clang::ASTContext &Ctx);
  /// \p Await, once per element; \p ForEffect when no value is kept.
  void reportLoop(const clang::CoawaitExpr &Await, bool ForEffect, clang::ASTContext &Ctx);
  /// The combinator to name: the framework's own when every await comes
  /// from the same framework.
  const BlockingApi *combinatorFor(llvm::ArrayRef<const clang::Expr *> Operands, bool Range) const;

  /// Parsed once per process for every check that reads the same files.
  const Catalog &Cat;
  const std::string IgnoredFunctions;
  const unsigned MinimumRun;
  const bool CheckLoops;

  llvm::StringSet<> Ignored;
  AwaitSteps Steps;
  CoroutineClassifier Classifier;
  /// Namespaces nominated by using-directives seen so far in this unit.
  std::vector<const clang::UsingDirectiveDecl *> UsingDirectives;
};

} // namespace asynclint

#endif
