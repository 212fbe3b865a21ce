//===--- UnawaitedTaskCheck.h - async-unawaited-task ------------*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_UNAWAITEDTASKCHECK_H
#define ASYNCLINT_CHECKS_UNAWAITEDTASKCHECK_H

#include "core/TaskTypes.h"

#include "core/AsyncCheck.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

namespace asynclint {

struct DroppedCallable;

/// Finds coroutine tasks that are created and then dropped: discarded call
/// results and local task variables nobody consumes.
/// See docs/checks/async-unawaited-task.md.
class UnawaitedTaskCheck : public AsyncCheck {
public:
  UnawaitedTaskCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Tasks.clear();
    Reported.clear();
  }

private:
  void storeOwnOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  bool isIgnoredType(clang::QualType T) const;
  void checkDiscardedCall(const clang::CallExpr &Call, clang::ASTContext &Ctx);
  TestVerdict verdictAt(const clang::DynTypedNode &Node, clang::SourceLocation Loc, TaskStart Start,
                        clang::ASTContext &Ctx);
  void checkDroppedCallable(const DroppedCallable &Dropped, clang::ASTContext &Ctx);
  void checkUnusedVariable(const clang::VarDecl &Var, const clang::Stmt &Body,
                           clang::ASTContext &Ctx);
  void checkReturnFromTry(const clang::ReturnStmt &Return, clang::ASTContext &Ctx);
  void checkErrorPaths(const clang::FunctionDecl &Coroutine, clang::ASTContext &Ctx);

  const std::string IgnoredTaskTypes;
  const bool ReportEagerTasks;
  llvm::StringSet<> Ignored;
  TaskTypeClassifier Tasks;
  /// One finding per written call: every instantiation of a template
  /// reaches the same line.
  llvm::DenseSet<clang::SourceLocation::UIntTy> Reported;
};

} // namespace asynclint

#endif
