#include "models/missing-timeout/AwaitBounds.h"
#include "core/ApiConditions.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"
#include "models/missing-timeout/PeersInProcess.h"
#include "models/sequential-await/Effects.h"

using namespace clang;

namespace asynclint {
namespace {

/// The call \p E is, through temporaries and parentheses: `(a || b)`.
const CallExpr *callIn(const Expr *E) {
  return E ? dyn_cast<CallExpr>(E->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit()) : nullptr;
}

/// What \p Operation waits on: a stream, socket, client or channel, not a
/// value it is given (a URL, a key).
const ValueDecl *waitedOn(const CallExpr &Operation) {
  const ValueDecl *Object = operatedStream(Operation);
  if (!Object || !isPlainData(Object->getType()))
    return Object;
  // Plain data with operations of its own is an object all the same (a
  // client whose state the stand-in leaves out).
  const CXXRecordDecl *Record = Object->getType().getNonReferenceType()->getAsCXXRecordDecl();
  bool Behaves = Record && llvm::any_of(Record->methods(),
                                        [](const CXXMethodDecl *M) { return !M->isImplicit(); });
  return Behaves && qualifiedName(*Record).rfind("std::", 0) != 0 ? Object : nullptr;
}

const BlockingApi *raceApiOf(const CallExpr &Call, const Catalog &Cat, ASTContext &Ctx) {
  for (const BlockingApi &Api : Cat.raceApis())
    if (matchesApi(Call, Api, Ctx))
      return &Api;
  return nullptr;
}

/// The operations a race runs, through nested races (`a || b || c`).
void raceOperands(const CallExpr &Race, const Catalog &Cat, ASTContext &Ctx,
                  llvm::SmallVectorImpl<const CallExpr *> &Out) {
  for (const Expr *Arg : writtenArguments(Race))
    if (const CallExpr *Operand = callIn(Arg)) {
      if (raceApiOf(*Operand, Cat, Ctx))
        raceOperands(*Operand, Cat, Ctx, Out);
      else
        Out.push_back(Operand);
    }
}

} // namespace

llvm::SmallVector<AwaitedOperation, 2> operationsOf(const CoawaitExpr &Await,
                                                    const Deadlines &Bounds, const Catalog &Cat,
                                                    ASTContext &Ctx) {
  llvm::SmallVector<AwaitedOperation, 2> Out;
  const CallExpr *Top = callIn(Await.getOperand());
  if (!Top)
    return Out;
  // The operations run under a deadline the await itself sets up.
  llvm::SmallVector<const CallExpr *, 2> Inner;
  std::string Deadline;
  bool Race = false;
  if (const BlockingApi *RaceApi = raceApiOf(*Top, Cat, Ctx);
      RaceApi && Bounds.isRaceWithTimer(*Top, Ctx)) {
    raceOperands(*Top, Cat, Ctx, Inner);
    Deadline = "a race with a timer ('" + RaceApi->displayName() + "')";
    Race = true;
  } else if (Bounds.wrapsInDeadline(*Top, Ctx)) {
    for (const Expr *Arg : writtenArguments(*Top))
      if (const CallExpr *Operand = callIn(Arg))
        Inner.push_back(Operand);
    Deadline = "'" + deadlineName(*Top) + "'";
  }
  for (const CallExpr *Operation : Inner)
    if (!Bounds.isTimerCall(*Operation, Ctx))
      Out.push_back({Operation, waitedOn(*Operation), Deadline, Top, Race, &Await});
  if (!Deadline.empty() || Bounds.isTimerCall(*Top, Ctx))
    return Out;
  // The awaited call, with a deadline token or a timeout of its own.
  AwaitedOperation Plain{Top, waitedOn(*Top)};
  Plain.Await = &Await;
  if (const Expr *Wrapper = Bounds.deadlineIn(*Top, Ctx)) {
    Plain.Deadline = "'" + deadlineName(*Wrapper) + "'";
    Plain.DeadlineAt = Wrapper;
  } else if (const Expr *Timeout = Bounds.timeoutArgument(*Top, nullptr, Ctx)) {
    Plain.Deadline = "a timeout argument";
    Plain.DeadlineAt = Timeout;
    Plain.OwnTimeout = true;
  }
  Out.push_back(Plain);
  return Out;
}

bool showsNeedOfDeadline(const AwaitedOperation &Evidence, const CallExpr &Operation) {
  if (!Evidence.OwnTimeout)
    return true;
  const FunctionDecl *Bounded = Evidence.Operation->getDirectCallee();
  const FunctionDecl *Unbounded = Operation.getDirectCallee();
  return Bounded && Unbounded && Bounded->getDeclName() == Unbounded->getDeclName();
}

bool givenDuration(const CallExpr &Operation) {
  return llvm::any_of(Operation.arguments(), [](const Expr *Arg) {
    return !isa<CXXDefaultArgExpr>(Arg) && isChronoValue(Arg->getType());
  });
}

bool decidedByResultOf(const CoawaitExpr &Later, const CoawaitExpr &Bounded, ASTContext &Ctx) {
  const ValueDecl *Result = initialisedBy(Bounded, Ctx);
  if (!Result)
    return false;
  llvm::SmallPtrSet<const Decl *, 4> Names{Result};
  if (const auto *Bindings = dyn_cast<DecompositionDecl>(Result))
    Names.insert(Bindings->bindings().begin(), Bindings->bindings().end());
  auto Mentions = [&](const Stmt *Condition) {
    return anyOwnNode(Condition, [&](const Stmt &Node) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&Node);
      return Ref && Names.contains(Ref->getDecl());
    });
  };
  for (const DynTypedNode &Parent : ancestors(Later, Ctx)) {
    if (const auto *If = Parent.get<IfStmt>(); If && Mentions(If->getCond()))
      return true;
    if (const auto *Switch = Parent.get<SwitchStmt>(); Switch && Mentions(Switch->getCond()))
      return true;
    if (const auto *Choice = Parent.get<ConditionalOperator>();
        Choice && Mentions(Choice->getCond()))
      return true;
  }
  return false;
}

} // namespace asynclint
