#include "models/reference-across-suspension/HeldReferences.h"
#include "core/Coroutines.h"
#include "core/OwnBody.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// What a variable's initialiser makes it hold, if it holds shared state.
std::optional<HeldReference> heldBy(const VarDecl &Var, const Catalog &Cat) {
  const Expr *Init = Var.getInit();
  // A range-for's own variables are the loop's, judged as the loop.
  if (!Init || Var.isStaticLocal() || Var.isImplicit())
    return std::nullopt;
  HeldReference Held;
  Held.Var = &Var;
  QualType T = Var.getType();
  if (T->isReferenceType() || T->isPointerType()) {
    if (std::optional<ContainerAccess> Access = elementAccess(Init, /*WantIterator=*/false, Cat)) {
      Held.Kind = HeldKind::Element;
      Held.Path = std::move(Access->Container);
      Held.StateExpr = Access->ContainerExpr;
      return Held;
    }
    // A reference or pointer to an object that lives behind a pointer.
    const Expr *Object = skipTransparent(Init);
    StatePath Path;
    if (T->isReferenceType()) {
      Path = statePathOf(Object);
    } else if (const auto *Address = dyn_cast<UnaryOperator>(Object);
               Address && Address->getOpcode() == UO_AddrOf) {
      Object = Address->getSubExpr();
      Path = statePathOf(Object);
    } else {
      Path = pointeePath(Object);
    }
    if (!Path.shared() || !Path.followsPointer())
      return std::nullopt;
    Held.Kind = HeldKind::Object;
    Held.Path = std::move(Path);
    Held.StateExpr = Object;
    return Held;
  }
  if (std::optional<ContainerAccess> Access = elementAccess(Init, /*WantIterator=*/true, Cat)) {
    Held.Kind = HeldKind::Iterator;
    Held.Path = std::move(Access->Container);
    Held.StateExpr = Access->ContainerExpr;
    return Held;
  }
  return std::nullopt;
}

bool nameHoldsAny(StringRef Name, llvm::ArrayRef<std::string> Words) {
  std::string Lower = Name.lower();
  return llvm::any_of(Words, [&](const std::string &W) { return StringRef(Lower).contains(W); });
}

/// The call an await waits on, and the object it is called on.
const CallExpr *awaitedCall(const Expr *Operand) {
  return dyn_cast_or_null<CallExpr>(skipTransparent(Operand));
}

const ValueDecl *objectOf(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const Expr *Object = Member ? skipTransparent(Member->getImplicitObjectArgument()) : nullptr;
  if (const auto *Named = dyn_cast_or_null<MemberExpr>(Object))
    return Named->getMemberDecl();
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object))
    return Ref->getDecl();
  return nullptr;
}

bool isLockCall(const CallExpr *Call, llvm::ArrayRef<std::string> LockWords) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->getIdentifier() && nameHoldsAny(Callee->getName(), LockWords);
}

/// Where a coroutine lock is held in the body, as source ranges.
std::vector<SourceRange> lockedSpans(const Stmt &Body, llvm::ArrayRef<std::string> LockWords,
                                     const SourceManager &SM) {
  std::vector<SourceRange> Spans;
  llvm::SmallVector<const Stmt *, 8> Scopes;
  // Guards: `auto lock = co_await mutex.scoped_lock();` holds it to the end
  // of the enclosing block.
  forEachOwnNode(&Body, [&](const Stmt &S) {
    const auto *Block = dyn_cast<CompoundStmt>(&S);
    if (!Block)
      return;
    for (const Stmt *Child : Block->body()) {
      const auto *Decl = dyn_cast<DeclStmt>(Child);
      if (!Decl || !Decl->isSingleDecl())
        continue;
      const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl());
      const auto *Await =
          Var ? dyn_cast_or_null<CoawaitExpr>(skipTransparent(Var->getInit())) : nullptr;
      if (Await && isLockCall(awaitedCall(Await->getOperand()), LockWords))
        Spans.emplace_back(Decl->getEndLoc(), Block->getRBracLoc());
    }
  });
  // `co_await mutex.lock(); ... mutex.unlock();`
  std::vector<std::pair<const ValueDecl *, SourceLocation>> Unlocks;
  forEachOwnNode(&Body, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S))
      if (const CXXMethodDecl *Method = Call->getMethodDecl();
          Method && Method->getIdentifier() &&
          llvm::is_contained({"unlock", "release"}, Method->getName()))
        Unlocks.emplace_back(objectOf(*Call), Call->getBeginLoc());
  });
  forEachOwnNode(&Body, [&](const Stmt &S) {
    const auto *Await = dyn_cast<CoawaitExpr>(&S);
    const CallExpr *Call = Await ? awaitedCall(Await->getOperand()) : nullptr;
    if (!isLockCall(Call, LockWords))
      return;
    const ValueDecl *Mutex = objectOf(*Call);
    SourceLocation End = Body.getEndLoc();
    for (const auto &[Object, Loc] : Unlocks)
      if (Mutex && Object == Mutex && SM.isBeforeInTranslationUnit(Await->getEndLoc(), Loc) &&
          SM.isBeforeInTranslationUnit(Loc, End))
        End = Loc;
    Spans.emplace_back(Await->getEndLoc(), End);
  });
  return Spans;
}

bool isAssignmentTo(const Stmt &S, const VarDecl &Var) {
  const Expr *Target = nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S); Op && Op->isAssignmentOp())
    Target = Op->getArg(0);
  else if (const auto *Binary = dyn_cast<BinaryOperator>(&S); Binary && Binary->isAssignmentOp())
    Target = Binary->getLHS();
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(skipTransparent(Target));
  return Ref && Ref->getDecl() == &Var;
}

} // namespace

std::vector<HeldReference> heldAcrossSuspensions(const Stmt &Body, const ExecutionOrder &Order,
                                                 const Catalog &Cat, ASTContext &Ctx) {
  std::vector<HeldReference> Candidates;
  forEachOwnNode(&Body, [&](const Stmt &S) {
    if (const auto *Decl = dyn_cast<DeclStmt>(&S); Decl && Decl->isSingleDecl()) {
      if (const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl()))
        if (std::optional<HeldReference> Held = heldBy(*Var, Cat)) {
          Held->Binding = Decl;
          Candidates.push_back(std::move(*Held));
        }
      return;
    }
    const auto *Loop = dyn_cast<CXXForRangeStmt>(&S);
    if (!Loop || !Loop->getBeginStmt() || !Loop->getInc())
      return;
    const Expr *Range = Loop->getRangeInit();
    StatePath Path = statePathOf(Range);
    if (!Path.shared() || containerFamily(Range->getType(), Cat) == ContainerFamily::None)
      return;
    HeldReference Held;
    Held.Kind = HeldKind::Iterator;
    Held.Path = std::move(Path);
    Held.StateExpr = Range;
    Held.Binding = Loop->getBeginStmt();
    Held.Use = Loop->getInc();
    Candidates.push_back(std::move(Held));
  });
  if (Candidates.empty())
    return {};

  std::vector<const Stmt *> Suspensions = ownSuspensions(Body);
  if (Suspensions.empty())
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  std::vector<SourceRange> Locked = lockedSpans(Body, Cat.lockWords(), SM);
  auto HeldLocked = [&](const Stmt &Suspension) {
    SourceLocation Loc = Suspension.getBeginLoc();
    return llvm::any_of(Locked, [&](SourceRange Span) {
      return SM.isBeforeInTranslationUnit(Span.getBegin(), Loc) &&
             SM.isBeforeInTranslationUnit(Loc, Span.getEnd());
    });
  };

  std::vector<HeldReference> Found;
  for (HeldReference &Held : Candidates) {
    std::vector<const Stmt *> Uses, Stops;
    if (Held.Var) {
      forEachOwnNode(&Body, [&](const Stmt &S) {
        if (isAssignmentTo(S, *Held.Var))
          Stops.push_back(&S);
        else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S); Ref && Ref->getDecl() == Held.Var)
          Uses.push_back(Ref);
      });
      // The left side of an assignment is no use of the old value.
      llvm::erase_if(Uses, [&](const Stmt *Use) {
        return llvm::any_of(
            Stops, [&](const Stmt *Assign) { return Assign->getBeginLoc() == Use->getBeginLoc(); });
      });
    } else {
      Uses.push_back(Held.Use);
    }
    if (Uses.empty())
      continue;
    for (const Stmt *Suspension : Suspensions) {
      if (HeldLocked(*Suspension) || !Order.mayReachAvoiding(*Held.Binding, *Suspension, Stops) ||
          !Order.mustReachBefore(*Suspension, Uses, Stops))
        continue;
      Held.Suspension = Suspension;
      if (Held.Var)
        for (const Stmt *Use : Uses)
          if (Order.mayReachAvoiding(*Suspension, *Use, Stops)) {
            Held.Use = Use;
            break;
          }
      if (Held.Use)
        Found.push_back(std::move(Held));
      break;
    }
  }
  return Found;
}

} // namespace asynclint
