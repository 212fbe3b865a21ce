#include "models/blocking-call/SyncStarted.h"
#include "core/ApiConditions.h"
#include "core/Coroutines.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace asynclint {
namespace {

/// References to functions, by the function referred to.
class UseCollector : public DynamicRecursiveASTVisitor {
public:
  explicit UseCollector(
      llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const Expr *, 2>> &Uses)
      : Uses(Uses) {
    ShouldVisitTemplateInstantiations = true;
    ShouldVisitImplicitCode = false;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) override {
    if (const auto *F = dyn_cast<FunctionDecl>(E->getDecl()))
      Uses[F->getCanonicalDecl()].push_back(E);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) override {
    if (const auto *F = dyn_cast<FunctionDecl>(E->getMemberDecl()))
      Uses[F->getCanonicalDecl()].push_back(E);
    return true;
  }

private:
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const Expr *, 2>> &Uses;
};

/// Whether \p E runs before the first suspension of \p Coroutine: no
/// suspension can run before it on any path, including a path round a loop
/// that would run it again after resuming.
bool beforeFirstSuspension(const Expr &E, const FunctionDecl &Coroutine,
                           const ExecutionOrder &Order) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody());
  if (!Body || !Body->getBody() || !Order.contains(E))
    return false;
  return llvm::none_of(ownSuspensions(*Body->getBody()),
                       [&](const Stmt *Suspension) { return Order.mayPrecede(*Suspension, E); });
}

/// The expression that receives the value of \p E, past conversions and
/// temporaries.
DynTypedNode consumerOf(const Expr &E, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(E);
  DynTypedNode Parent = lexicalParent(Node, Ctx);
  while (!Parent.getNodeKind().isNone() && isTransparentNode(Parent))
    Parent = lexicalParent(Parent, Ctx);
  return Parent;
}

} // namespace

SyncStartedCoroutines::SyncStartedCoroutines(const Catalog &Cat, ExecutionOrders &Orders)
    : Cat(Cat), Orders(Orders) {}

void SyncStartedCoroutines::clear() {
  Uses.reset();
  Verdicts.clear();
}

bool SyncStartedCoroutines::runsOnWaitingCaller(const Expr &E, const FunctionDecl &Coroutine,
                                                const ExecutionOrder *Order, ASTContext &Ctx) {
  return Order && beforeFirstSuspension(E, Coroutine, *Order) &&
         onlyWaitedSynchronously(Coroutine, Ctx);
}

bool SyncStartedCoroutines::startsOnWaitingCaller(const Expr &Use, ASTContext &Ctx) {
  // The use is the callee of a call: `run()` or `object.run()`.
  DynTypedNode Parent = lexicalParent(DynTypedNode::create(Use), Ctx);
  while (!Parent.getNodeKind().isNone() && Parent.get<ImplicitCastExpr>())
    Parent = lexicalParent(Parent, Ctx);
  const auto *Call = Parent.get<CallExpr>();
  if (!Call || Call->getCallee()->IgnoreImpCasts() != &Use)
    return false;
  if (isSynchronousWait(*Call, Ctx))
    return true;
  // `co_await run()` before the awaiting coroutine first suspends: run()
  // starts on the thread the awaiting coroutine is on.
  if (!isAwaitedDirectly(*Call, Ctx))
    return false;
  const FunctionDecl *Awaiting = enclosingCoroutine(*Call, Ctx);
  const ExecutionOrder *Order = Awaiting ? Orders.of(*Awaiting) : nullptr;
  return Order && beforeFirstSuspension(*Call, *Awaiting, *Order) &&
         onlyWaitedSynchronously(*Awaiting, Ctx);
}

bool SyncStartedCoroutines::isSynchronousWait(const Expr &Call, ASTContext &Ctx) const {
  // What the call returns goes straight into a wait: `run().get()`,
  // `sync_wait(run())`.
  DynTypedNode Consumer = consumerOf(Call, Ctx);
  const Expr *Wait = nullptr;
  if (Consumer.get<MemberExpr>())
    Wait = dyn_cast_or_null<CXXMemberCallExpr>(lexicalParent(Consumer, Ctx).get<Expr>());
  else if (const auto *Outer = Consumer.get<CallExpr>())
    Wait = Outer;
  if (!Wait || enclosingCoroutine(*Wait, Ctx))
    return false;
  return llvm::any_of(Cat.blockingApis(), [&](const BlockingApi &Api) {
    return (Api.Category == "sync-wait" || Api.Category == "wait") && matchesApi(*Wait, Api, Ctx);
  });
}

bool SyncStartedCoroutines::onlyWaitedSynchronously(const FunctionDecl &Coroutine,
                                                    ASTContext &Ctx) {
  const FunctionDecl *Key = Coroutine.getCanonicalDecl();
  auto Known = Verdicts.find(Key);
  if (Known != Verdicts.end())
    return Known->second;
  if (!Uses) {
    Uses.emplace();
    UseCollector Collector(*Uses);
    Collector.TraverseAST(Ctx);
  }
  // Under way: a coroutine that awaits itself first is not started by a
  // wait through that await.
  Verdicts[Key] = false;
  bool Verdict = false;
  if (const FunctionTemplateDecl *Template = Coroutine.getDescribedFunctionTemplate()) {
    // A template's own body stands for its instantiations: their callers
    // refer to them, not to the template.
    auto Instances = Template->specializations();
    Verdict = !Instances.empty() && llvm::all_of(Instances, [&](const FunctionDecl *F) {
      return onlyWaitedSynchronously(*F, Ctx);
    });
  } else if (auto It = Uses->find(Key); It != Uses->end()) {
    Verdict = !It->second.empty() && llvm::all_of(It->second, [&](const Expr *Use) {
      return startsOnWaitingCaller(*Use, Ctx);
    });
  }
  Verdicts[Key] = Verdict;
  return Verdict;
}

} // namespace asynclint
