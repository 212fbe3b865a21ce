#include "core/OwnBody.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// The branch of an `if constexpr` outside any template that its condition
/// discards: written, type-checked, never run. (In a template's
/// instantiation the discarded branch is not there at all.)
const Stmt *discardedBranch(const IfStmt &If) {
  if (!If.isConstexpr())
    return nullptr;
  const Expr *Cond = If.getCond();
  while (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Cond))
    Cond = Cast->getSubExpr();
  const auto *Constant = dyn_cast_or_null<ConstantExpr>(Cond);
  if (!Constant || Constant->getResultStorageKind() == ConstantResultStorageKind::None)
    return nullptr;
  APValue Value = Constant->getAPValueResult();
  if (!Value.isInt())
    return nullptr;
  return Value.getInt().getBoolValue() ? If.getElse() : If.getThen();
}

/// The parts of \p S that run as part of the walk, or nullopt for all of
/// its children.
std::optional<llvm::SmallVector<const Stmt *, 4>> ownParts(const Stmt &S) {
  using Parts = llvm::SmallVector<const Stmt *, 4>;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&S))
    return Parts(Lambda->capture_inits().begin(), Lambda->capture_inits().end());
  if (isa<BlockExpr, UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr>(S))
    return Parts();
  if (const auto *Typeid = dyn_cast<CXXTypeidExpr>(&S))
    return Typeid->isPotentiallyEvaluated() ? std::nullopt : std::optional<Parts>(Parts());
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&S))
    return Parts{Suspend->getOperand()};
  if (const auto *Await = dyn_cast<DependentCoawaitExpr>(&S))
    return Parts{Await->getOperand()};
  if (const auto *Return = dyn_cast<CoreturnStmt>(&S))
    return Parts{Return->getOperand()};
  if (const auto *If = dyn_cast<IfStmt>(&S))
    if (const Stmt *Discarded = discardedBranch(*If)) {
      Parts Out;
      for (const Stmt *Child : If->children())
        if (Child != Discarded)
          Out.push_back(Child);
      return Out;
    }
  if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(&S))
    if (const LambdaExpr *Lambda = lambdaCalledOnTheSpot(*Call)) {
      Parts Out(Call->children().begin(), Call->children().end());
      Out.push_back(Lambda->getBody());
      return Out;
    }
  return std::nullopt;
}

} // namespace

bool isInDiscardedBranch(const Stmt &S, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(S);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty() || Parents[0].get<Decl>())
      return false;
    if (const auto *If = Parents[0].get<IfStmt>())
      if (const Stmt *Discarded = discardedBranch(*If); Discarded && Node.get<Stmt>() == Discarded)
        return true;
    Node = Parents[0];
  }
}

const LambdaExpr *lambdaCalledOnTheSpot(const CXXOperatorCallExpr &Call) {
  if (Call.getOperator() != OO_Call || Call.getNumArgs() == 0)
    return nullptr;
  const auto *Lambda = dyn_cast<LambdaExpr>(Call.getArg(0)->IgnoreImplicit()->IgnoreParens());
  if (!Lambda || !Lambda->getCallOperator())
    return nullptr;
  return isa_and_nonnull<CoroutineBodyStmt>(Lambda->getCallOperator()->getBody()) ? nullptr
                                                                                  : Lambda;
}

bool walkOwnBody(const Stmt &Root, llvm::function_ref<Walk(const Stmt &)> Visit) {
  // An explicit stack: generated code nests deeper than the call stack
  // allows.
  llvm::SmallVector<const Stmt *, 32> Pending{&Root};
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S)
      continue;
    Walk Next = Visit(*S);
    if (Next == Walk::Stop)
      return false;
    if (Next == Walk::Over)
      continue;
    size_t First = Pending.size();
    if (auto Parts = ownParts(*S))
      Pending.append(Parts->begin(), Parts->end());
    else
      Pending.append(S->child_begin(), S->child_end());
    // Children in source order: the first one on top of the stack.
    std::reverse(Pending.begin() + First, Pending.end());
  }
  return true;
}

} // namespace asynclint
