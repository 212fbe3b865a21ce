#include "LockAcrossSuspensionCheck.h"
#include "core/Coroutines.h"
#include "core/ExecutionOrder.h"
#include "models/lock-across-suspension/LockFlow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseSet.h"
#include <map>

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {

LockAcrossSuspensionCheck::LockAcrossSuspensionCheck(StringRef Name,
                                                     tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context, {/*Catalog=*/false, /*TestCode=*/true}),
      LockTypes(Options.get("LockTypes", "")), MutexTypes(Options.get("MutexTypes", "")),
      Types(LockTypes, MutexTypes) {}

void LockAcrossSuspensionCheck::storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "LockTypes", LockTypes);
  Options.store(Opts, "MutexTypes", MutexTypes);
}

void LockAcrossSuspensionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(coroutineBodyStmt())).bind("coroutine"),
                     this);
}

void LockAcrossSuspensionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const Stmt *Body = Function ? analysableCoroutineBody(*Function) : nullptr;
  if (!Body)
    return;
  ASTContext &Ctx = *Result.Context;
  std::unique_ptr<ExecutionOrder> Order = ExecutionOrder::build(*Function, *Body, Ctx);
  if (!Order)
    return;

  llvm::DenseSet<const Expr *> Reported;
  for (const auto &[Suspension, Before] : LockFlow(Types, Ctx).locksAcrossSuspensions(*Order)) {
    if (Before.empty() || !Reported.insert(Suspension).second)
      continue;
    TestVerdict Verdict =
        tests().verdictFor(DynTypedNode::create(*Suspension), Suspension->getBeginLoc(), Ctx);
    if (Verdict == TestVerdict::Hide)
      continue;
    const Decl *Lock = Before.begin()->first;
    const auto *Named = dyn_cast<NamedDecl>(Lock);
    diag(Suspension->getBeginLoc(), "%0 is still locked when the coroutine suspends here")
        << (Named ? "'" + Named->getNameAsString() + "'" : std::string("a mutex"))
        << Suspension->getSourceRange();
    for (const auto &[OtherLock, Other] : Before)
      diag(Other.Where, "lock taken here", DiagnosticIDs::Note);
    diag(Suspension->getBeginLoc(),
         "unlock before suspending, or use the framework's awaitable mutex", DiagnosticIDs::Note);
    if (Verdict == TestVerdict::ReportMarked)
      markHiddenInTestCode(Suspension->getBeginLoc());
  }
}

} // namespace asynclint
