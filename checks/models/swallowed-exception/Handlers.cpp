#include "models/swallowed-exception/Handlers.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// The body of a loop or switch, in which a break stays.
const Stmt *breakScopeBody(const Stmt &S) {
  if (const auto *For = dyn_cast<ForStmt>(&S))
    return For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(&S))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&S))
    return Do->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&S))
    return Range->getBody();
  if (const auto *Switch = dyn_cast<SwitchStmt>(&S))
    return Switch->getBody();
  return nullptr;
}

bool isConstantTrue(const Expr *Cond, ASTContext &Ctx) {
  if (!Cond)
    return true; // for (;;)
  bool Value = false;
  return !Cond->isValueDependent() && Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value;
}

} // namespace

void scanHandler(const Stmt &S, bool InBreakScope, const llvm::StringSet<> &Checks,
                 HandlerEffects &Out) {
  walkOwnBody(S, [&](const Stmt &Node) {
    // A break inside a nested loop or switch stays inside the handler.
    if (const Stmt *Body = &Node != &S ? breakScopeBody(Node) : nullptr) {
      scanHandler(*Body, /*InBreakScope=*/true, Checks, Out);
      return Walk::Over;
    }
    if (isa<CXXThrowExpr>(Node))
      Out.Rethrows = true;
    else if (isa<ReturnStmt, CoreturnStmt, GotoStmt>(Node) ||
             (isa<BreakStmt>(Node) && !InBreakScope))
      Out.Leaves = true;
    if (const auto *Call = dyn_cast<CallExpr>(&Node))
      if (const auto *Callee = Call->getDirectCallee()) {
        std::string Name = qualifiedName(*Callee);
        if (Name == "std::current_exception" || Name == "std::rethrow_exception")
          Out.KeepsException = true;
        if (Name == "std::terminate" || Name == "std::abort" || Name == "abort" || Name == "exit" ||
            Name == "std::exit" || Name == "_Exit")
          Out.Leaves = true;
      }
    const NamedDecl *Named = nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node))
      Named = Ref->getDecl();
    else if (const auto *Member = dyn_cast<MemberExpr>(&Node))
      Named = Member->getMemberDecl();
    if (Named && Checks.contains(qualifiedName(*Named)))
      Out.ChecksCancellation = true;
    return Walk::Into;
  });
}

const Stmt *enclosingEndlessLoop(const Stmt &S, ASTContext &Ctx) {
  for (const DynTypedNode &Parent : ancestors(S, Ctx)) {
    if (Parent.get<LambdaExpr>() || Parent.get<FunctionDecl>())
      return nullptr;
    if (const auto *For = Parent.get<ForStmt>())
      return isConstantTrue(For->getCond(), Ctx) ? For : nullptr;
    if (const auto *While = Parent.get<WhileStmt>())
      return isConstantTrue(While->getCond(), Ctx) ? While : nullptr;
    if (const auto *Do = Parent.get<DoStmt>())
      return isConstantTrue(Do->getCond(), Ctx) ? Do : nullptr;
    if (Parent.get<CXXForRangeStmt>())
      return nullptr;
  }
  return nullptr;
}

} // namespace asynclint
