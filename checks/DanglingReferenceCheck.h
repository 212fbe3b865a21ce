//===--- DanglingReferenceCheck.h - async-dangling-reference ----*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_DANGLINGREFERENCECHECK_H
#define ASYNCLINT_CHECKS_DANGLINGREFERENCECHECK_H

#include "catalog/Catalog.h"
#include "core/AsyncCheck.h"
#include "core/Coroutines.h"
#include "core/ExecutionOrder.h"
#include "core/TaskTypes.h"
#include "models/dangling-reference/TaskEscape.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace asynclint {

/// Finds what a coroutine refers to and that dies before the coroutine is
/// done: reference, pointer and view arguments, by-reference captures,
/// closures and objects, when the task is spawned, stored or returned
/// rather than awaited at once.
/// See docs/checks/async-dangling-reference.md.
class DanglingReferenceCheck : public AsyncCheck {
public:
  DanglingReferenceCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Tasks.clear();
    Orders.clear();
    Callers.clear();
    Reported.clear();
  }

private:
  void checkArguments(const clang::CallExpr &Call, const clang::FunctionDecl &Callee,
                      const clang::FunctionDecl *Definition, EscapeFinder &Escapes,
                      clang::ASTContext &Ctx);
  void checkObject(const clang::CallExpr &Call, const clang::CXXMethodDecl &Callee,
                   const clang::FunctionDecl &Definition, EscapeFinder &Escapes,
                   clang::ASTContext &Ctx);
  void checkThis(const clang::CallExpr &Call, const clang::CXXMethodDecl &Callee,
                 const clang::FunctionDecl &Definition, EscapeFinder &Escapes,
                 clang::ASTContext &Ctx);
  void checkHandedLambda(const clang::LambdaExpr &Lambda, EscapeFinder &Escapes,
                         clang::ASTContext &Ctx);
  void checkHandedClosure(const clang::LambdaExpr &Lambda, EscapeFinder &Escapes,
                          clang::ASTContext &Ctx);
  void checkDroppedWithItsObject(const clang::LambdaExpr &Lambda, clang::ASTContext &Ctx);
  void noteEscape(const Escape &E, const Referent &Object);
  bool firstReport(clang::SourceLocation Loc) {
    return Reported.insert(Loc.getRawEncoding()).second;
  }

  const Catalog &Cat;
  TaskTypeClassifier Tasks;
  ExecutionOrders Orders;
  RememberedWalks Callers;
  /// One finding per written argument: every instantiation of a template
  /// reaches the same one.
  llvm::DenseSet<clang::SourceLocation::UIntTy> Reported;
};

} // namespace asynclint

#endif
