#include "FrameUses.h"
#include "Coroutines.h"
#include "Names.h"
#include "OwnBody.h"

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
  if (Lazy || Uses.empty())
    return !Uses.empty();
  std::vector<const Stmt *> Suspensions = ownSuspensions(*Body->getBody());
  const ExecutionOrder *Order = Orders.of(Definition);
  for (const Stmt *Use : Uses)
    for (const Stmt *Suspension : Suspensions)
      if (!Order || !Order->contains(*Use) || !Order->contains(*Suspension) ||
          Order->mayPrecede(*Suspension, *Use))
        return true;
  return false;
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
