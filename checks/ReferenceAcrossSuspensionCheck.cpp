#include "ReferenceAcrossSuspensionCheck.h"
#include "core/Coroutines.h"
#include "core/ExecutionOrder.h"
#include "core/Names.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

std::string describeFunction(const FunctionDecl &F) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&F); Method && Method->getParent()->isLambda())
    return "a lambda";
  return "'" + F.getNameAsString() + "'";
}

std::string describeChange(const Mutation &M) {
  switch (M.K) {
  case Mutation::Kind::Container:
    return (describeOperation(M.Operation) + " '" + M.Target + "'").str();
  case Mutation::Kind::Replaces:
    return "assigns '" + M.Target + "'";
  case Mutation::Kind::Destroys:
    return (M.Operation == "delete" ? "deletes '" : "replaces the object owned by '") + M.Target +
           "'";
  }
  return "";
}

} // namespace

ReferenceAcrossSuspensionCheck::ReferenceAcrossSuspensionCheck(StringRef Name,
                                                               tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context, {/*Catalog=*/true, /*TestCode=*/true}), Changes(catalog()) {}

void ReferenceAcrossSuspensionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(coroutineBodyStmt())).bind("coroutine"),
                     this);
  Invalidations::registerMatchers(*Finder, *this);
}

void ReferenceAcrossSuspensionCheck::check(const MatchFinder::MatchResult &Result) {
  if (Changes.record(Result))
    return;
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const Stmt *Body = Function ? analysableCoroutineBody(*Function) : nullptr;
  if (!Body)
    return;
  ASTContext &Ctx = *Result.Context;
  std::unique_ptr<ExecutionOrder> Order = ExecutionOrder::build(*Function, *Body, Ctx);
  if (!Order)
    return;
  for (HeldReference &Held : heldAcrossSuspensions(*Body, *Order, catalog(), Ctx))
    Candidates.push_back({std::move(Held), Function, &Ctx});
}

void ReferenceAcrossSuspensionCheck::onEndOfTranslationUnit() {
  for (const Candidate &C : Candidates)
    if (const Mutation *Evidence = Changes.evidence(C.Held.Path, C.Held.Kind, *C.Coroutine))
      report(C, *Evidence);
  Candidates.clear();
  Changes.clear();
  Reported.clear();
}

void ReferenceAcrossSuspensionCheck::report(const Candidate &C, const Mutation &Evidence) {
  const HeldReference &Held = C.Held;
  ASTContext &Ctx = *C.Ctx;
  SourceLocation Loc = Held.Var ? Held.Var->getLocation() : Held.StateExpr->getBeginLoc();
  if (!Reported.insert(Loc.getRawEncoding()).second)
    return;
  TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(*Held.Binding), Loc, Ctx);
  if (Verdict == TestVerdict::Hide)
    return;
  std::string State = writtenText(Held.StateExpr->getSourceRange(), Ctx);
  if (!Held.Var)
    diag(Loc, "range-for over '%0' goes on after a suspension, while other code can invalidate "
              "its iterator; iterate over a copy of the keys and look each element up again")
        << State << Held.StateExpr->getSourceRange();
  else if (Held.Kind == HeldKind::Iterator)
    diag(Loc, "iterator '%0' into '%1' is used after a suspension, while other code can "
              "invalidate it; look the element up again after suspending")
        << Held.Var->getName() << State;
  else if (Held.Kind == HeldKind::Element)
    diag(Loc, "'%0' refers into '%1' across a suspension, while other code can invalidate it; "
              "copy what you need before suspending, or look it up again after")
        << Held.Var->getName() << State;
  else
    diag(Loc, "'%0' refers into '%1' across a suspension, while other code can destroy it; "
              "keep an owning copy (such as a shared_ptr) before suspending")
        << Held.Var->getName() << State;
  diag(Held.Suspension->getBeginLoc(), "the coroutine suspends here", DiagnosticIDs::Note);
  if (Held.Var)
    diag(Held.Use->getBeginLoc(), "'%0' is used here, after the suspension", DiagnosticIDs::Note)
        << Held.Var->getName();
  else
    diag(Held.StateExpr->getBeginLoc(), "the loop steps to the next element after the suspension",
         DiagnosticIDs::Note);
  diag(Evidence.Loc, "%0 %1 here, and can run while the coroutine is suspended",
       DiagnosticIDs::Note)
      << describeFunction(*Evidence.Function) << describeChange(Evidence);
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Loc);
}

} // namespace asynclint
