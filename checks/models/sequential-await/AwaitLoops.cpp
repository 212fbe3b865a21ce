#include "models/sequential-await/AwaitLoops.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"
#include "models/sequential-await/Effects.h"

#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace asynclint {
namespace {

/// `results.push_back(X)` / `emplace_back(X)`: the container and X.
std::pair<const Expr *, const Expr *> appendedTo(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(skipTransparent(S));
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() || Call->getNumArgs() != 1 ||
      (Method->getName() != "push_back" && Method->getName() != "emplace_back"))
    return {nullptr, nullptr};
  return {Call->getImplicitObjectArgument(), Call->getArg(0)};
}

/// `total += X` (or `-=`, `*=`, `|=`, `&=`, `^=`) on a local variable: the
/// accumulator and X. The order of the terms does not change the result.
std::pair<const Expr *, const Expr *> foldedInto(const Stmt *S) {
  const Stmt *Plain = skipTransparent(S);
  auto IsFold = [](BinaryOperatorKind Op) {
    return Op == BO_AddAssign || Op == BO_SubAssign || Op == BO_MulAssign || Op == BO_OrAssign ||
           Op == BO_AndAssign || Op == BO_XorAssign;
  };
  if (const auto *Compound = dyn_cast_or_null<CompoundAssignOperator>(Plain);
      Compound && IsFold(Compound->getOpcode()) && localVariableNamedBy(Compound->getLHS()))
    return {Compound->getLHS(), Compound->getRHS()};
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Plain);
      Op && Op->getNumArgs() == 2 && Op->isAssignmentOp() &&
      IsFold(BinaryOperator::getOverloadedOpcode(Op->getOperator())) &&
      localVariableNamedBy(Op->getArg(0)))
    return {Op->getArg(0), Op->getArg(1)};
  return {nullptr, nullptr};
}

bool namesVariable(const Expr *E, const VarDecl &Var) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1)
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && qualifiedName(*Callee) == "std::move")
      E = Call->getArg(0)->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == &Var;
}

/// The variable \p E steps: `++i`, `i++`, `i += 1`.
const VarDecl *steppedVariable(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->isIncrementOp())
    return localVariableNamedBy(Unary->getSubExpr());
  if (const auto *Compound = dyn_cast<CompoundAssignOperator>(E);
      Compound && Compound->getOpcode() == BO_AddAssign)
    if (const auto *Step = dyn_cast<IntegerLiteral>(Compound->getRHS()->IgnoreParenImpCasts());
        Step && Step->getValue() == 1)
      return localVariableNamedBy(Compound->getLHS());
  return nullptr;
}

/// `c[i]` or `c.at(i)`: the container and the index expression.
std::pair<const Expr *, const Expr *> elementAccess(const Stmt &S) {
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(&S))
    return {Subscript->getBase(), Subscript->getIdx()};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return {Op->getArg(0), Op->getArg(1)};
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S);
      Member && Member->getNumArgs() == 1 && Member->getMethodDecl() &&
      Member->getMethodDecl()->getIdentifier() && Member->getMethodDecl()->getName() == "at")
    return {Member->getImplicitObjectArgument(), Member->getArg(0)};
  return {nullptr, nullptr};
}

/// Sorts the mentions of variables in an expression into element reads at
/// the index and everything else; a lambda mentions what it captures.
struct IndexUses {
  llvm::SmallPtrSet<const Decl *, 4> AtIndex;
  llvm::SmallPtrSet<const Decl *, 4> Otherwise;

  IndexUses(const Stmt &S, const VarDecl &Index) : Index(Index) { collect(S); }

private:
  void collect(const Stmt &S) {
    walkOwnBody(S, [this](const Stmt &Node) {
      if (auto [Container, At] = elementAccess(Node); Container && namesVariable(At, Index))
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Container->IgnoreParenImpCasts())) {
          AtIndex.insert(Ref->getDecl());
          collect(*At);
          return Walk::Over;
        }
      if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node))
        Otherwise.insert(Ref->getDecl());
      if (const auto *Lambda = dyn_cast<LambdaExpr>(&Node))
        for (const LambdaCapture &Capture : Lambda->captures())
          if (Capture.capturesVariable())
            Otherwise.insert(Capture.getCapturedVar());
      return Walk::Into;
    });
  }

  const VarDecl &Index;
};

} // namespace

const VarDecl *localVariableNamedBy(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasLocalStorage() ? Var : nullptr;
}

const CoawaitExpr *awaitIn(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit();
    if (const auto *Await = dyn_cast<CoawaitExpr>(E))
      return Await;
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() != 1)
      return nullptr;
    E = Construct->getArg(0);
  }
  return nullptr;
}

llvm::SmallVector<std::string, 4> wordsOf(llvm::StringRef Name) {
  llvm::SmallVector<std::string, 4> Words(1);
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (C == '_' || (llvm::isUpper(C) && I > 0 && llvm::isLower(Name[I - 1]))) {
      if (!Words.back().empty())
        Words.emplace_back();
      if (C == '_')
        continue;
    }
    Words.back() += llvm::toLower(C);
  }
  return Words;
}

llvm::SmallVector<const Stmt *, 2> statementsOf(const Stmt *Body) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body))
    return {Block->body_begin(), Block->body_end()};
  if (Body)
    return {Body};
  return {};
}

CollectedAwait collectedAwait(const Stmt *LoopBody) {
  llvm::SmallVector<const Stmt *, 2> Body = statementsOf(LoopBody);
  if (Body.size() == 1) {
    auto [Into, Value] = appendedTo(Body[0]);
    if (!Into)
      std::tie(Into, Value) = foldedInto(Body[0]);
    if (Into && Value)
      return {awaitIn(Value), Into};
  } else if (Body.size() == 2) {
    const auto *Decl = dyn_cast<DeclStmt>(Body[0]);
    const auto *Var =
        Decl && Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
    auto [Into, Value] = appendedTo(Body[1]);
    if (Var && Var->getInit() && Value && namesVariable(Value, *Var))
      return {awaitIn(Var->getInit()), Into};
  }
  return {};
}

const VarDecl *indexVariable(const ForStmt &Loop) {
  const VarDecl *Index = steppedVariable(Loop.getInc());
  const auto *Init = dyn_cast_or_null<DeclStmt>(Loop.getInit());
  if (!Index || !Init || !Loop.getCond() || !Index->getType()->isIntegerType() ||
      !llvm::is_contained(Init->decls(), Index))
    return nullptr;
  if (!effectsOf(*Loop.getCond()).Reads.contains(Index))
    return nullptr;
  if (Loop.getBody() && effectsOfStatement(*Loop.getBody()).Writes.contains(Index))
    return nullptr;
  return Index;
}

llvm::SmallPtrSet<const Decl *, 4> readOnlyAtIndex(const Expr &E, const VarDecl &Index) {
  IndexUses Uses(E, Index);
  llvm::SmallPtrSet<const Decl *, 4> Result;
  for (const Decl *D : Uses.AtIndex)
    if (!Uses.Otherwise.contains(D))
      Result.insert(D);
  return Result;
}

} // namespace asynclint
