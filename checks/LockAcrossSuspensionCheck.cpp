#include "LockAcrossSuspensionCheck.h"
#include "utils/Names.h"
#include "utils/OptionLists.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <optional>

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

/// Locks certainly held at a program point, each with where it was taken.
using HeldLocks = std::map<const Decl *, SourceLocation>;

/// The variable or member an expression names: `lock`, `m_`, `this->m_`.
const ValueDecl *namedObject(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

bool hasTagArgument(const CXXConstructExpr &Construct, llvm::StringRef Tag) {
  for (const Expr *Arg : Construct.arguments())
    if (const CXXRecordDecl *RD = recordOf(Arg->IgnoreParenImpCasts()->getType(), false))
      if (qualifiedName(*RD) == Tag)
        return true;
  return false;
}

class LockFlow {
public:
  LockFlow(const LockAcrossSuspensionCheck &Check, ASTContext &Ctx)
      : Check(Check), Ctx(Ctx) {}

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
    if (isa<CoawaitExpr>(S) || isa<CoyieldExpr>(S))
      return cast<Expr>(S);
    return nullptr;
  }

private:
  void acquireGuard(const VarDecl &Var, HeldLocks &Held) const {
    if (!Check.isGuardType(Var.getType()) || !Var.hasLocalStorage())
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
    Held[&Var] = Var.getLocation();
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
        Held[Object] = Call.getExprLoc();
      return;
    }
    if (Check.isMutexType(ObjectType)) {
      if (Name == "lock" || Name == "lock_shared")
        Held[Object] = Call.getExprLoc();
      else if (Name == "unlock" || Name == "unlock_shared")
        Held.erase(Object);
    }
  }

  const LockAcrossSuspensionCheck &Check;
  ASTContext &Ctx;
};

HeldLocks intersect(const HeldLocks &A, const HeldLocks &B) {
  HeldLocks Out;
  for (const auto &[Key, Loc] : A)
    if (B.count(Key))
      Out[Key] = Loc;
  return Out;
}

} // namespace

LockAcrossSuspensionCheck::LockAcrossSuspensionCheck(StringRef Name,
                                                     tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), LockTypes(Options.get("LockTypes", "")),
      MutexTypes(Options.get("MutexTypes", "")),
      Tests(Options, Context, [this](const std::string &Problem) {
        configurationDiag("%0", DiagnosticIDs::Error) << Problem;
      }) {
  for (const std::string &T : parseList(DefaultGuards))
    Guards.insert(T);
  insertNames(Guards, LockTypes);
  for (const std::string &T : parseList(DefaultMutexes))
    Mutexes.insert(T);
  insertNames(Mutexes, MutexTypes);
}

void LockAcrossSuspensionCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "LockTypes", LockTypes);
  Options.store(Opts, "MutexTypes", MutexTypes);
  Tests.storeOptions(Options, Opts);
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
  Finder->addMatcher(
      functionDecl(isDefinition(), hasBody(coroutineBodyStmt())).bind("coroutine"),
      this);
}

void LockAcrossSuspensionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const auto *Body = Function ? dyn_cast<CoroutineBodyStmt>(Function->getBody()) : nullptr;
  // Templates are analysed in their instantiations, where types are known.
  if (!Body || !Body->getBody() || Function->isDependentContext())
    return;
  ASTContext &Ctx = *Result.Context;
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = false;
  Options.setAllAlwaysAdd(); // suspensions nested in expressions are elements too
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(Function, Body->getBody(), &Ctx, Options);
  if (!Graph)
    return;

  LockFlow Flow(*this, Ctx);
  // Must-analysis: a lock counts only if held on every path to the point.
  llvm::DenseMap<const CFGBlock *, HeldLocks> Out;
  // Blocks from the entry on (clang numbers them from the exit). Unreachable
  // edges are null successors, which generic graph traversals do not expect.
  std::vector<const CFGBlock *> Order;
  for (const CFGBlock *Block : llvm::reverse(*Graph))
    if (Block)
      Order.push_back(Block);
  bool Changed = true;
  for (unsigned Round = 0; Changed && Round < 32; ++Round) {
    Changed = false;
    for (const CFGBlock *Block : Order) {
      std::optional<HeldLocks> In;
      for (const CFGBlock *Pred : Block->preds()) {
        if (!Pred)
          continue;
        auto It = Out.find(Pred);
        if (It == Out.end())
          continue; // not reached yet: no constraint
        In = In ? intersect(*In, It->second) : It->second;
      }
      // A block none of whose predecessors has been reached yet waits for a
      // later round; only the entry starts from nothing held.
      if (!In && Block != &Graph->getEntry())
        continue;
      HeldLocks State = In.value_or(HeldLocks());
      for (const CFGElement &Element : *Block)
        Flow.transfer(Element, State);
      auto It = Out.find(Block);
      if (It == Out.end() || It->second != State) {
        Out[Block] = State;
        Changed = true;
      }
    }
  }

  llvm::DenseSet<const Expr *> Reported;
  for (const CFGBlock *Block : Order) {
    std::optional<HeldLocks> In;
    for (const CFGBlock *Pred : Block->preds())
      if (Pred && Out.count(Pred))
        In = In ? intersect(*In, Out[Pred]) : Out[Pred];
    if (!In && Block != &Graph->getEntry())
      continue; // unreachable
    HeldLocks State = In.value_or(HeldLocks());
    for (const CFGElement &Element : *Block) {
      HeldLocks Before = State;
      const Expr *Suspension = Flow.transfer(Element, State);
      if (!Suspension || Before.empty() || !Reported.insert(Suspension).second)
        continue;
      TestVerdict Verdict = Tests.verdict(Tests.classify(
          DynTypedNode::create(*Suspension), Suspension->getBeginLoc(), Ctx));
      if (Verdict == TestVerdict::Hide)
        continue;
      const auto &[Lock, Where] = *Before.begin();
      const auto *Named = dyn_cast<NamedDecl>(Lock);
      diag(Suspension->getBeginLoc(),
           "%0 is still locked when the coroutine suspends here; the coroutine "
           "may resume on another thread and every waiter stalls meanwhile: "
           "unlock before suspending, or use the framework's awaitable mutex")
          << (Named ? "'" + Named->getNameAsString() + "'" : std::string("a mutex"))
          << Suspension->getSourceRange();
      for (const auto &[OtherLock, OtherWhere] : Before)
        diag(OtherWhere, "lock taken here", DiagnosticIDs::Note);
      if (Verdict == TestVerdict::ReportMarked)
        diag(Suspension->getBeginLoc(), TestCodeFilter::HiddenNote,
             DiagnosticIDs::Note);
    }
  }
}

} // namespace asynclint
