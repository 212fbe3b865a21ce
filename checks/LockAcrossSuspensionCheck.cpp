#include "LockAcrossSuspensionCheck.h"
#include "core/ExecutionOrder.h"
#include "core/Names.h"

#include "clang-tidy/utils/OptionsUtils.h"

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
namespace {

constexpr llvm::StringLiteral DefaultGuards =
    "std::lock_guard;std::unique_lock;std::scoped_lock;std::shared_lock;"
    "boost::lock_guard;boost::unique_lock;boost::shared_lock";
constexpr llvm::StringLiteral DefaultMutexes =
    "std::mutex;std::recursive_mutex;std::timed_mutex;std::recursive_timed_mutex;"
    "std::shared_mutex;std::shared_timed_mutex;boost::mutex;boost::recursive_mutex;"
    "boost::shared_mutex";

/// A lock certainly held: where it was taken and, for a guard, the mutex it
/// holds.
struct HeldLock {
  SourceLocation Where;
  const ValueDecl *Mutex = nullptr;
  bool operator==(const HeldLock &Other) const {
    return Where == Other.Where && Mutex == Other.Mutex;
  }
  bool operator!=(const HeldLock &Other) const { return !(*this == Other); }
};
/// Locks certainly held at a program point, by guard or mutex.
using HeldLocks = std::map<const Decl *, HeldLock>;

bool hasTagArgument(const CXXConstructExpr &Construct, llvm::StringRef Tag) {
  for (const Expr *Arg : Construct.arguments())
    if (const CXXRecordDecl *RD = recordOf(Arg->IgnoreParenImpCasts()->getType(), false))
      if (qualifiedName(*RD) == Tag)
        return true;
  return false;
}

class LockFlow {
public:
  LockFlow(const LockAcrossSuspensionCheck &Check, ASTContext &Ctx) : Check(Check), Ctx(Ctx) {}

  /// Updates \p Held for one CFG element; returns the suspension it is, if
  /// any.
  const Expr *transfer(const CFGElement &Element, HeldLocks &Held) const {
    if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>()) {
      Held.erase(Dtor->getVarDecl());
      return nullptr;
    }
    auto StmtElement = Element.getAs<CFGStmt>();
    if (!StmtElement)
      return nullptr;
    const Stmt *S = StmtElement->getStmt();
    if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : Decls->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          acquireGuard(*Var, Held);
      return nullptr;
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      memberCall(*Member, Held);
      return nullptr;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      // std::move(lock) hands the lock to someone else.
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Call->getNumArgs() == 1 &&
          (qualifiedName(*Callee) == "std::move" || qualifiedName(*Callee) == "std::swap"))
        if (const ValueDecl *Moved = namedObject(Call->getArg(0)))
          Held.erase(Moved);
      return nullptr;
    }
    if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(S)) {
      // A guard handed to the awaited operation may be released by it (an
      // awaiter that unlocks once it is queued): it is not known to be held
      // afterwards. A mutex handed over is taken again before the await
      // returns (a condition variable's wait).
      for (const HandOver &Given : handedOver(*Await, Held))
        if (Given.GuardItself)
          Held.erase(Given.Lock);
      return Await;
    }
    return nullptr;
  }

  /// The held locks that \p Await hands to the operation it awaits, which
  /// takes them over while the coroutine is suspended: a guard or its mutex
  /// passed by non-const reference (or address) to a call or construction
  /// in the operand, as in `co_await cv.wait(mutex, pred)` or
  /// `co_await lock_awaiter(*this, guard)`.
  struct HandOver {
    const Decl *Lock;
    bool GuardItself; ///< the guard object, rather than the mutex it holds
  };
  llvm::SmallVector<HandOver, 2> handedOver(const CoroutineSuspendExpr &Await,
                                            const HeldLocks &Held) const {
    llvm::SmallVector<HandOver, 2> Out;
    const Expr *Operand = Await.getOperand();
    if (!Operand || Held.empty())
      return Out;
    auto MutableReference =
        parmVarDecl(hasType(qualType(anyOf(lValueReferenceType(pointee(unless(isConstQualified()))),
                                           pointerType(pointee(unless(isConstQualified())))))));
    auto Passed = forEachArgumentWithParam(expr().bind("arg"), MutableReference);
    for (const BoundNodes &Match :
         match(findAll(expr(anyOf(callExpr(Passed), cxxConstructExpr(Passed)))), *Operand, Ctx)) {
      const Expr *Arg = Match.getNodeAs<Expr>("arg")->IgnoreParenImpCasts();
      if (const auto *AddressOf = dyn_cast<UnaryOperator>(Arg);
          AddressOf && AddressOf->getOpcode() == UO_AddrOf)
        Arg = AddressOf->getSubExpr();
      const ValueDecl *Named = namedObject(Arg);
      if (!Named)
        continue;
      for (const auto &[Lock, State] : Held)
        if (Lock == Named || State.Mutex == Named)
          Out.push_back({Lock, Lock == Named && State.Mutex != Named});
    }
    return Out;
  }

private:
  void acquireGuard(const VarDecl &Var, HeldLocks &Held) const {
    if (!Check.isGuardType(Var.getType()) || !Var.hasLocalStorage())
      return;
    const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
        Var.getInit() ? Var.getInit()->IgnoreImplicit() : nullptr);
    if (!Construct || Construct->getNumArgs() == 0 ||
        Construct->getConstructor()->isCopyOrMoveConstructor())
      return;
    // Deferred and tentative locking do not hold the mutex (yet).
    if (hasTagArgument(*Construct, "std::defer_lock_t") ||
        hasTagArgument(*Construct, "std::try_to_lock_t"))
      return;
    Held[&Var] = {Var.getLocation(), namedObject(Construct->getArg(0))};
  }

  void memberCall(const CXXMemberCallExpr &Call, HeldLocks &Held) const {
    const CXXMethodDecl *Method = Call.getMethodDecl();
    const ValueDecl *Object = namedObject(Call.getImplicitObjectArgument());
    if (!Method || !Method->getIdentifier() || !Object)
      return;
    llvm::StringRef Name = Method->getName();
    QualType ObjectType = Call.getImplicitObjectArgument()->IgnoreParenImpCasts()->getType();
    if (Check.isGuardType(ObjectType)) {
      if (Name == "unlock" || Name == "release")
        Held.erase(Object);
      else if (Name == "lock")
        Held[Object] = {Call.getExprLoc(), nullptr};
      return;
    }
    if (Check.isMutexType(ObjectType)) {
      if (Name == "lock" || Name == "lock_shared")
        Held[Object] = {Call.getExprLoc(), Object};
      else if (Name == "unlock" || Name == "unlock_shared")
        Held.erase(Object);
    }
  }

  const LockAcrossSuspensionCheck &Check;
  ASTContext &Ctx;
};

/// The locks held on both paths. Where a lock was taken differs only for
/// `lock()` calls on two paths; the earlier one is kept, whatever the order
/// the paths are joined in, so that the analysis settles.
HeldLocks intersect(const HeldLocks &A, const HeldLocks &B) {
  HeldLocks Out;
  for (const auto &[Key, Lock] : A) {
    auto Other = B.find(Key);
    if (Other == B.end())
      continue;
    Out[Key] =
        Lock.Where.getRawEncoding() <= Other->second.Where.getRawEncoding() ? Lock : Other->second;
  }
  return Out;
}

} // namespace

LockAcrossSuspensionCheck::LockAcrossSuspensionCheck(StringRef Name,
                                                     tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context, {/*Catalogue=*/false, /*TestCode=*/true}),
      LockTypes(Options.get("LockTypes", "")), MutexTypes(Options.get("MutexTypes", "")) {
  for (StringRef T : tidy::utils::options::parseStringList(DefaultGuards))
    Guards.insert(T);
  insertNames(Guards, LockTypes);
  for (StringRef T : tidy::utils::options::parseStringList(DefaultMutexes))
    Mutexes.insert(T);
  insertNames(Mutexes, MutexTypes);
}

void LockAcrossSuspensionCheck::storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "LockTypes", LockTypes);
  Options.store(Opts, "MutexTypes", MutexTypes);
}

bool LockAcrossSuspensionCheck::isGuardType(QualType T) const {
  const CXXRecordDecl *RD = recordOf(T, false);
  if (!RD)
    return false;
  if (RD->hasAttr<ScopedLockableAttr>())
    return true;
  return Guards.contains(qualifiedName(*RD));
}

bool LockAcrossSuspensionCheck::isMutexType(QualType T) const {
  const CXXRecordDecl *RD = recordOf(T, true);
  if (!RD)
    return false;
  if (const auto *Capability = RD->getAttr<CapabilityAttr>())
    return Capability->getName() == "mutex";
  for (const std::string &Name : recordAndBaseNames(*RD))
    if (Mutexes.contains(Name))
      return true;
  return false;
}

void LockAcrossSuspensionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(coroutineBodyStmt())).bind("coroutine"),
                     this);
}

void LockAcrossSuspensionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const auto *Body = Function ? dyn_cast<CoroutineBodyStmt>(Function->getBody()) : nullptr;
  // Templates are analysed in their instantiations, where types are known.
  if (!Body || !Body->getBody() || Function->isDependentContext())
    return;
  ASTContext &Ctx = *Result.Context;
  std::unique_ptr<ExecutionOrder> Order = ExecutionOrder::build(*Function, *Body->getBody(), Ctx);
  if (!Order)
    return;

  LockFlow Flow(*this, Ctx);
  // Must-analysis: a lock counts only if held on every path to the point.
  auto AtEntry = Order->forwardFixpoint<HeldLocks>(HeldLocks(), intersect,
                                                   [&](const CFGBlock &Block, HeldLocks &State) {
                                                     for (const CFGElement &Element : Block)
                                                       Flow.transfer(Element, State);
                                                   });

  llvm::DenseSet<const Expr *> Reported;
  for (const CFGBlock *Block : Order->cfg()) {
    auto In = Block ? AtEntry.find(Block) : AtEntry.end();
    if (In == AtEntry.end())
      continue; // unreachable
    HeldLocks State = In->second;
    for (const CFGElement &Element : *Block) {
      HeldLocks Before = State;
      const Expr *Suspension = Flow.transfer(Element, State);
      if (!Suspension)
        continue;
      for (const auto &Given : Flow.handedOver(*cast<CoroutineSuspendExpr>(Suspension), Before))
        Before.erase(Given.Lock);
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
}

} // namespace asynclint
