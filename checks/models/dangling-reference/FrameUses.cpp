#include "models/dangling-reference/FrameUses.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {

const FunctionDecl *coroutineDefinition(const FunctionDecl &F) {
  const FunctionDecl *Definition = nullptr;
  if (F.hasBody(Definition) && isCoroutine(*Definition))
    return Definition;
  return nullptr;
}

const CXXRecordDecl *returnRecord(const FunctionDecl &F) {
  return recordOf(F.getReturnType(), /*ThroughPointers=*/false);
}

bool isDeclaredCoroutine(const FunctionDecl &F) {
  const CXXRecordDecl *RD = returnRecord(F);
  return RD && RD->hasAttr<CoroReturnTypeAttr>() && !F.hasAttr<CoroWrapperAttr>();
}

bool mentions(const Stmt &Body, const Decl &D, ASTContext &Ctx) {
  return !match(findAll(declRefExpr(to(decl(equalsNode(&D))))), Body, Ctx).empty();
}

namespace {

/// Whether one of \p Uses, statements of the coroutine \p Definition, runs
/// when what the caller passed may be gone: anywhere, for a lazy task; after
/// a point where it may have suspended, for an eager one.
bool usedAfterStart(llvm::ArrayRef<const Stmt *> Uses, const FunctionDecl &Definition, bool Lazy,
                    ExecutionOrders &Orders) {
  if (Lazy || Uses.empty())
    return !Uses.empty();
  const auto *Body = cast<CoroutineBodyStmt>(Definition.getBody());
  std::vector<const Stmt *> Suspensions = ownSuspensions(*Body->getBody());
  const ExecutionOrder *Order = Orders.of(Definition);
  for (const Stmt *Use : Uses)
    for (const Stmt *Suspension : Suspensions)
      if (!Order || !Order->contains(*Use) || !Order->contains(*Suspension) ||
          Order->mayPrecede(*Suspension, *Use))
        return true;
  return false;
}

} // namespace

bool readsAfterStart(const ParmVarDecl &Param, const FunctionDecl &Definition, bool Lazy,
                     ExecutionOrders &Orders, ASTContext &Ctx) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Definition.getBody());
  if (!Body)
    return true;
  std::vector<const Stmt *> Uses;
  forEachOwnNode(Body->getBody(), [&](const Stmt &S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S); Ref && Ref->getDecl() == &Param)
      Uses.push_back(&S);
  });
  size_t AllUses =
      match(findAll(declRefExpr(to(decl(equalsNode(&Param))))), *Body->getBody(), Ctx).size();
  if (AllUses > Uses.size())
    return true;
  return usedAfterStart(Uses, Definition, Lazy, Orders);
}

bool readsCapturesAfterStart(const FunctionDecl &Definition, bool Lazy, ExecutionOrders &Orders,
                             bool OnlyThis) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Definition.getBody());
  if (!Body)
    return true;
  auto IsCapture = [OnlyThis](const Stmt &S) {
    if (isa<CXXThisExpr>(S))
      return true;
    if (OnlyThis)
      return false;
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && (Ref->refersToEnclosingVariableOrCapture() || Var->isInitCapture());
  };
  std::vector<const Stmt *> Uses;
  bool Late = false;
  forEachOwnNode(Body->getBody(), [&](const Stmt &S) {
    if (IsCapture(S))
      Uses.push_back(&S);
    else if (const auto *Lambda = dyn_cast<LambdaExpr>(&S))
      Late |= anyOwnNode(Lambda->getBody(), IsCapture) ||
              llvm::any_of(Lambda->capture_inits(),
                           [&](const Expr *Init) { return Init && anyOwnNode(Init, IsCapture); });
    // A handler runs after whatever in its try block threw, a resumption
    // included; the control-flow graph has no edge for that.
    else if (const auto *Try = dyn_cast<CXXTryStmt>(&S);
             Try && !ownSuspensions(*Try->getTryBlock()).empty())
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        Late |= anyOwnNode(Try->getHandler(I)->getHandlerBlock(), IsCapture);
  });
  if (Late)
    return true;
  return usedAfterStart(Uses, Definition, Lazy, Orders);
}

bool usesThis(const Stmt &Body, ASTContext &Ctx) {
  return !match(findAll(cxxThisExpr()), Body, Ctx).empty();
}

bool holdsItself(const FunctionDecl &Definition, ASTContext &Ctx) {
  for (const ParmVarDecl *Param : Definition.parameters())
    if (const CXXRecordDecl *RD = recordOf(Param->getType(), false);
        RD && qualifiedName(*RD) == "std::shared_ptr")
      return true;
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Definition.getBody());
  if (!Body)
    return false;
  std::vector<const Stmt *> Suspensions = ownSuspensions(*Body->getBody());
  const SourceManager &SM = Ctx.getSourceManager();
  return anyOwnNode(Body->getBody(), [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained({"shared_from_this", "weak_from_this"}, Method->getName()))
      return false;
    return Suspensions.empty() ||
           SM.isBeforeInTranslationUnit(S.getBeginLoc(), Suspensions.front()->getBeginLoc());
  });
}

bool mentionsSharedFromThis(const Stmt &S, ASTContext &Ctx) {
  return !match(findAll(cxxMemberCallExpr(
                    callee(cxxMethodDecl(hasAnyName("shared_from_this", "weak_from_this"))))),
                S, Ctx)
              .empty();
}

} // namespace asynclint
