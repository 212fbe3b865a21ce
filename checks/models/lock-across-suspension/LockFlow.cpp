#include "models/lock-across-suspension/LockFlow.h"
#include "core/Names.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Attr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

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

bool hasTagArgument(const CXXConstructExpr &Construct, llvm::StringRef Tag) {
  for (const Expr *Arg : Construct.arguments())
    if (const CXXRecordDecl *RD = recordOf(Arg->IgnoreParenImpCasts()->getType(), false))
      if (qualifiedName(*RD) == Tag)
        return true;
  return false;
}

} // namespace

LockingTypes::LockingTypes(llvm::StringRef ExtraGuards, llvm::StringRef ExtraMutexes) {
  for (StringRef T : tidy::utils::options::parseStringList(DefaultGuards))
    Guards.insert(T);
  insertNames(Guards, ExtraGuards);
  for (StringRef T : tidy::utils::options::parseStringList(DefaultMutexes))
    Mutexes.insert(T);
  insertNames(Mutexes, ExtraMutexes);
}

bool LockingTypes::isGuard(QualType T) const {
  const CXXRecordDecl *RD = recordOf(T, false);
  if (!RD)
    return false;
  if (RD->hasAttr<ScopedLockableAttr>())
    return true;
  return Guards.contains(qualifiedName(*RD));
}

bool LockingTypes::isMutex(QualType T) const {
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

std::vector<std::pair<const Expr *, HeldLocks>>
LockFlow::locksAcrossSuspensions(const ExecutionOrder &Order) const {
  // Must-analysis: a lock counts only if held on every path to the point.
  auto AtEntry = Order.forwardFixpoint<HeldLocks>(HeldLocks(), intersect,
                                                  [&](const CFGBlock &Block, HeldLocks &State) {
                                                    for (const CFGElement &Element : Block)
                                                      transfer(Element, State);
                                                  });
  std::vector<std::pair<const Expr *, HeldLocks>> Out;
  for (const CFGBlock *Block : Order.cfg()) {
    auto In = Block ? AtEntry.find(Block) : AtEntry.end();
    if (In == AtEntry.end())
      continue; // unreachable
    HeldLocks State = In->second;
    for (const CFGElement &Element : *Block) {
      HeldLocks Before = State;
      const Expr *Suspension = transfer(Element, State);
      if (!Suspension)
        continue;
      for (const HandOver &Given : handedOver(*cast<CoroutineSuspendExpr>(Suspension), Before))
        Before.erase(Given.Lock);
      Out.emplace_back(Suspension, std::move(Before));
    }
  }
  return Out;
}

const Expr *LockFlow::transfer(const CFGElement &Element, HeldLocks &Held) const {
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

llvm::SmallVector<LockFlow::HandOver, 2> LockFlow::handedOver(const CoroutineSuspendExpr &Await,
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

void LockFlow::acquireGuard(const VarDecl &Var, HeldLocks &Held) const {
  if (!Types.isGuard(Var.getType()) || !Var.hasLocalStorage())
    return;
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(Var.getInit() ? Var.getInit()->IgnoreImplicit() : nullptr);
  if (!Construct || Construct->getNumArgs() == 0 ||
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return;
  // Deferred and tentative locking do not hold the mutex (yet).
  if (hasTagArgument(*Construct, "std::defer_lock_t") ||
      hasTagArgument(*Construct, "std::try_to_lock_t"))
    return;
  Held[&Var] = {Var.getLocation(), namedObject(Construct->getArg(0))};
}

void LockFlow::memberCall(const CXXMemberCallExpr &Call, HeldLocks &Held) const {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const ValueDecl *Object = namedObject(Call.getImplicitObjectArgument());
  if (!Method || !Method->getIdentifier() || !Object)
    return;
  llvm::StringRef Name = Method->getName();
  QualType ObjectType = Call.getImplicitObjectArgument()->IgnoreParenImpCasts()->getType();
  if (Types.isGuard(ObjectType)) {
    if (Name == "unlock" || Name == "release")
      Held.erase(Object);
    else if (Name == "lock")
      Held[Object] = {Call.getExprLoc(), nullptr};
    return;
  }
  if (Types.isMutex(ObjectType)) {
    if (Name == "lock" || Name == "lock_shared")
      Held[Object] = {Call.getExprLoc(), Object};
    else if (Name == "unlock" || Name == "unlock_shared")
      Held.erase(Object);
  }
}

} // namespace asynclint
