#include "models/dangling-reference/HandedClosures.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"
#include "models/dangling-reference/FrameUses.h"
#include "models/dangling-reference/Referents.h"

#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// Whether the coroutine \p Body takes a strong reference to the object
/// `this` points to before it can first suspend (`auto self =
/// shared_from_this();`, C++/WinRT's `get_strong()`).
bool holdsItsObjectFirst(const CoroutineBodyStmt &Body) {
  std::vector<const Stmt *> Suspensions = ownSuspensions(*Body.getBody());
  const Stmt *First = Suspensions.empty() ? nullptr : Suspensions.front();
  bool Held = false;
  walkOwnBody(*Body.getBody(), [&](const Stmt &S) {
    if (&S == First)
      return Walk::Stop;
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (Method && Method->getIdentifier() &&
        llvm::is_contained({"shared_from_this", "get_strong"}, Method->getName())) {
      Held = true;
      return Walk::Stop;
    }
    return Walk::Into;
  });
  return Held;
}

/// Whether the coroutine lambda still needs its closure once it may have
/// suspended.
bool needsItsClosure(const LambdaExpr &Lambda, TaskTypeClassifier &Tasks, ExecutionOrders &Orders,
                     ASTContext &Ctx) {
  const CXXMethodDecl *Operator = Lambda.getCallOperator();
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Operator->getBody());
  if (!Body || Lambda.capture_size() == 0)
    return false;
  bool Lazy = Tasks.classify(Operator->getReturnType(), Ctx) != TaskStart::Eager;
  // A strong reference to the object, taken while the closure is alive (the
  // task starts at the call), covers `this`, and nothing else.
  if (!Lazy && Lambda.capture_size() == 1 && Lambda.capture_begin()->capturesThis() &&
      holdsItsObjectFirst(*Body))
    return false;
  return readsCapturesAfterStart(*Operator, Lazy, Orders);
}

Referent localReferent(const VarDecl &Var) {
  Referent R;
  R.K = Referent::Kind::Local;
  R.Var = &Var;
  return R;
}

} // namespace

namespace {

/// How deep a closure is followed from function to function: a broadcaster
/// hands a copy per element to the function that runs it, which is as far
/// as code chains them in practice.
constexpr unsigned MaxDepth = 3;

/// Whether \p E's value is what its function returns.
bool isReturned(const Expr &E, ASTContext &Ctx) {
  const Expr *Cur = &E;
  while (true) {
    auto Parents = Ctx.getParents(*Cur);
    if (Parents.empty())
      return false;
    if (Parents[0].get<ReturnStmt>())
      return true;
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent || !(isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                         ParenExpr, FullExpr>(Parent) ||
                     (isa<CXXConstructExpr>(Parent) &&
                      cast<CXXConstructExpr>(Parent)->getConstructor()->isCopyOrMoveConstructor())))
      return false;
    Cur = Parent;
  }
}

class ClosureTracer {
public:
  ClosureTracer(EscapeFinder &Escapes, TaskTypeClassifier &Tasks, ASTContext &Ctx)
      : Escapes(Escapes), Tasks(Tasks), Ctx(Ctx) {}

  /// Where the closure \p Callable (or a copy of it) dies before the task
  /// its call made, once handed on.
  std::optional<ClosureDeath> trace(const Expr &Callable, unsigned Depth) {
    std::optional<HandedCallable> Handed = handedTo(Callable, Ctx);
    if (!Handed)
      return std::nullopt;
    const Stmt *Body = writtenBody(*Handed->Definition);
    if (!Body)
      return std::nullopt;
    for (const VarDecl *Holder : holdersOf(*Handed->Param, *Body)) {
      for (const CallExpr *Invocation : invocationsOf(*Holder, *Body))
        if (auto Death = calledHere(*Handed, *Holder, *Invocation))
          return Death;
      if (Depth + 1 < MaxDepth)
        if (auto Death = handedOn(*Holder, *Body, Depth + 1))
          return Death;
    }
    return std::nullopt;
  }

private:
  std::optional<ClosureDeath> calledHere(const HandedCallable &Handed, const VarDecl &Holder,
                                         const CallExpr &Invocation) {
    if (Tasks.classify(Invocation.getType(), Ctx) == TaskStart::NotATask)
      return std::nullopt;
    std::optional<Escape> Found = Escapes.find(Invocation, localReferent(Holder));
    if (!Found)
      return std::nullopt;
    if (&Holder != Handed.Param) {
      // A copy dies at the end of its scope, whatever the caller does.
      const Stmt *Scope = scopeOf(Holder, Ctx);
      return ClosureDeath{Handed, &Holder, Scope ? Scope->getEndLoc() : Holder.getLocation(),
                          *Found};
    }
    // The parameter lives until the statement of the call ends: the task
    // the callee returns must leave that statement too.
    if (Found->K == Escape::Kind::Returned) {
      Referent Statement;
      Statement.K = Referent::Kind::Temporary;
      Statement.Temporary = Handed.Call;
      Found = Escapes.find(*Handed.Call, Statement);
      if (!Found)
        return std::nullopt;
    }
    return ClosureDeath{Handed, &Holder, Holder.getLocation(), *Found};
  }

  /// A copy of \p Holder handed to another function: a temporary copy
  /// (`submit(Fn(fn))`, `run(std::move(fn))`), or a lambda that holds a copy and returns the task
  /// its call makes (`submit([fn]() mutable { return fn(); })`).
  std::optional<ClosureDeath> handedOn(const VarDecl &Holder, const Stmt &Body, unsigned Depth) {
    std::optional<ClosureDeath> Death;
    walkOwnBody(Body, [&](const Stmt &S) {
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
          Construct && Construct->getNumArgs() > 0 && Construct->getConstructor() &&
          Construct->getConstructor()->isCopyOrMoveConstructor() &&
          handedVariable(Construct->getArg(0)) == &Holder) {
        Death = trace(*Construct, Depth);
      } else if (const auto *Forwarder = dyn_cast<LambdaExpr>(&S)) {
        if (const VarDecl *Copy = captureOf(*Forwarder, Holder, /*ByCopyOnly=*/true))
          if (llvm::any_of(invocationsOf(*Copy, *Forwarder->getBody(), /*ThroughCapture=*/true),
                           [&](const CallExpr *Call) { return isReturned(*Call, Ctx); }))
            Death = trace(*Forwarder, Depth);
      }
      return Death ? Walk::Stop : Walk::Into;
    });
    return Death;
  }

  EscapeFinder &Escapes;
  TaskTypeClassifier &Tasks;
  ASTContext &Ctx;
};

/// Whether objects of \p RD live in reference-counted owners that hand out
/// strong references to themselves.
bool ownedByReferenceCounts(const CXXRecordDecl &RD, unsigned Depth = 0) {
  if (!RD.hasDefinition() || Depth > 8)
    return false;
  if (qualifiedName(RD) == "std::enable_shared_from_this" ||
      llvm::any_of(RD.methods(), [](const CXXMethodDecl *M) {
        return M->getIdentifier() && M->getName() == "get_strong";
      }))
    return true;
  return llvm::any_of(RD.bases(), [&](const CXXBaseSpecifier &Base) {
    const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl();
    return B && ownedByReferenceCounts(*B, Depth + 1);
  });
}

/// The class whose member function wrote \p Lambda (through enclosing
/// lambdas).
const CXXRecordDecl *classOfThis(const LambdaExpr &Lambda) {
  const DeclContext *DC = Lambda.getLambdaClass()->getDeclContext();
  while (DC) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(DC);
        Method && !Method->getParent()->isLambda())
      return Method->getParent();
    DC = DC->getParent();
  }
  return nullptr;
}

/// Where the task of \p Lambda is dropped: its conversion into a callable
/// whose calls return void, where it is written or in the function it is
/// handed to, or a call there (or in a lambda there) that discards it.
const Expr *voidResultConversion(const LambdaExpr &Lambda, ASTContext &Ctx) {
  const Expr *Cur = &Lambda;
  while (true) {
    auto Parents = Ctx.getParents(*Cur);
    const Expr *Parent = Parents.empty() ? nullptr : Parents[0].get<Expr>();
    if (Parent && voidResultSource(*Parent) == Cur)
      return Parent;
    if (!Parent ||
        !isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ParenExpr, FullExpr>(
            Parent))
      break;
    Cur = Parent;
  }
  std::optional<HandedCallable> Handed = handedTo(Lambda, Ctx);
  if (!Handed)
    return nullptr;
  const Stmt *Body = writtenBody(*Handed->Definition);
  if (!Body)
    return nullptr;
  llvm::SmallVector<const VarDecl *, 4> Holders = holdersOf(*Handed->Param, *Body);
  if (const Expr *Conversion = voidResultConversionOf(Holders, *Body))
    return Conversion;
  llvm::SmallVector<const CallExpr *, 2> Dropped = discardedInvocationsOf(Holders, *Body, Ctx);
  return Dropped.empty() ? nullptr : Dropped.front();
}

} // namespace

std::optional<DroppedWithItsObject> droppedWithItsObject(const LambdaExpr &Lambda,
                                                         TaskTypeClassifier &Tasks,
                                                         ExecutionOrders &Orders, ASTContext &Ctx) {
  const CXXMethodDecl *Operator = Lambda.getCallOperator();
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Operator->getBody());
  bool CapturesThis =
      llvm::any_of(Lambda.captures(), [](const LambdaCapture &C) { return C.capturesThis(); });
  if (!Body || !CapturesThis ||
      Tasks.classify(Operator->getReturnType(), Ctx) != TaskStart::Eager ||
      !readsCapturesAfterStart(*Operator, /*Lazy=*/false, Orders, /*OnlyThis=*/true) ||
      holdsItsObjectFirst(*Body))
    return std::nullopt;
  const CXXRecordDecl *Object = classOfThis(Lambda);
  const Expr *Conversion = voidResultConversion(Lambda, Ctx);
  if (!Object || !Conversion || !ownedByReferenceCounts(*Object))
    return std::nullopt;
  return DroppedWithItsObject{Object, Conversion};
}

std::optional<ClosureDeath> handedClosureDies(const LambdaExpr &Lambda, EscapeFinder &Escapes,
                                              TaskTypeClassifier &Tasks, ExecutionOrders &Orders,
                                              ASTContext &Ctx) {
  if (!needsItsClosure(Lambda, Tasks, Orders, Ctx))
    return std::nullopt;
  return ClosureTracer(Escapes, Tasks, Ctx).trace(Lambda, 0);
}

} // namespace asynclint
