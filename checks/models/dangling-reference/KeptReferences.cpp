#include "models/dangling-reference/KeptReferences.h"
#include "core/Names.h"
#include "models/dangling-reference/FrameUses.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace asynclint {

llvm::SmallVector<KeptArgument, 2> keptArguments(const CallExpr &Call, const FunctionDecl &Callee,
                                                 const FunctionDecl *Definition,
                                                 TaskTypeClassifier &Tasks, ExecutionOrders &Orders,
                                                 ASTContext &Ctx) {
  llvm::SmallVector<KeptArgument, 2> Kept;
  // A member operator call counts its object as argument 0; an explicit
  // object parameter is a parameter like any other.
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && Method && !Method->hasCXXExplicitFunctionObjectParameter()
          ? 1
          : 0;
  bool Lazy = Tasks.classify(Call.getType(), Ctx) != TaskStart::Eager;
  for (unsigned I = 0; I < Callee.getNumParams() && I + Offset < Call.getNumArgs(); ++I) {
    const ParmVarDecl *Param = Callee.getParamDecl(I);
    Holding How = holdingOf(Param->getType());
    if (How == Holding::Copy ||
        Tasks.classify(Param->getType().getNonReferenceType(), Ctx) != TaskStart::NotATask)
      continue;
    const Expr *Arg = Call.getArg(I + Offset);
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    Referent Object = referentOfArgument(*Arg, How, Ctx);
    if (!Object)
      continue;
    const ParmVarDecl *Used = Definition ? Definition->getParamDecl(I) : nullptr;
    if (Used && !readsAfterStart(*Used, *Definition, Lazy, Orders, Ctx))
      continue;
    Kept.push_back({Param, Arg, How, Object});
  }
  return Kept;
}

Referent keptObject(const CallExpr &Call, const CXXMethodDecl &Callee,
                    const FunctionDecl &Definition, TaskTypeClassifier &Tasks,
                    ExecutionOrders &Orders, ASTContext &Ctx, const Expr *&ObjectExpr) {
  ObjectExpr = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    ObjectExpr = Member->getImplicitObjectArgument();
  else if (isa<CXXOperatorCallExpr>(Call) && Call.getNumArgs() > 0)
    ObjectExpr = Call.getArg(0);
  if (!ObjectExpr)
    return {};
  const CXXRecordDecl *Class = Callee.getParent();
  // `p->run()`: the object is what the pointer points to.
  Referent Object = ObjectExpr->getType()->isPointerType()
                        ? referentOfArgument(*ObjectExpr, Holding::Pointer, Ctx)
                        : objectOf(*ObjectExpr, Ctx);
  if (!Object)
    return {};
  if (!Class->isLambda())
    return usesThis(*Definition.getBody(), Ctx) ? Object : Referent();
  // Captures live in the closure, not in the coroutine frame. A local
  // closure whose captures are all references is reported at them.
  bool ByValue = llvm::any_of(Class->captures(), [](const LambdaCapture &C) {
    return !C.capturesVariable() || C.getCaptureKind() != LCK_ByRef;
  });
  if (Class->captures().empty() || (Object.K == Referent::Kind::Local && !ByValue))
    return {};
  // An eager coroutine that reads its captures only before it can first
  // suspend is done with the closure when the call returns.
  bool Lazy = Tasks.classify(Call.getType(), Ctx) != TaskStart::Eager;
  return readsCapturesAfterStart(Definition, Lazy, Orders) ? Object : Referent();
}

bool mayOutliveItsOwners(const CXXMethodDecl &Callee, const FunctionDecl &Definition,
                         ASTContext &Ctx) {
  // Only an object meant to live in shared_ptrs has owners the spawned work
  // can outlast; anything else lives as long as its owner decides.
  llvm::StringSet<> Shared;
  Shared.insert("std::enable_shared_from_this");
  return isOrDerivesFromAny(Callee.getParent(), Shared) && usesThis(*Definition.getBody(), Ctx) &&
         !holdsItself(Definition, Ctx);
}

} // namespace asynclint
