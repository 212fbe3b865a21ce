#include "models/sequential-await/AwaitRuns.h"
#include "core/ApiConditions.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"
#include "core/TaskTypes.h"
#include "models/sequential-await/AwaitLoops.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// Whether \p D (a variable, or the bindings of a structured binding) is
/// read after it is initialised. A kept value that is never read is a guard
/// kept for its lifetime (a lock, a permit), which orders what follows.
bool isRead(const VarDecl &D) {
  if (const auto *Decomposition = dyn_cast<DecompositionDecl>(&D))
    return llvm::any_of(Decomposition->bindings(),
                        [](const BindingDecl *B) { return B->isReferenced(); });
  return D.isReferenced();
}

bool sameCall(const CallExpr &A, const CallExpr &B, const ASTContext &Ctx) {
  llvm::FoldingSetNodeID IdA, IdB;
  A.Profile(IdA, Ctx, /*Canonical=*/true);
  B.Profile(IdB, Ctx, /*Canonical=*/true);
  return IdA == IdB;
}

/// A lambda's variable name, or the called function's qualified name.
std::string nameOf(const CallExpr &Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call))
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreImplicit()))
      return Ref->getDecl()->getName().str();
  return Call.getDirectCallee()->getQualifiedNameAsString();
}

} // namespace

/// Whether a name reads like a way of waiting for one's turn rather than for
/// a result: the frameworks the catalogue does not know have locks,
/// semaphores, queues and timers too.
bool AwaitSteps::soundsLikeScheduling(llvm::StringRef Name) const {
  std::string Lower = Name.lower();
  return llvm::any_of(Cat.schedulingWords(),
                      [&](const std::string &W) { return llvm::StringRef(Lower).contains(W); });
}

/// Verbs that name a question rather than an action: a function called
/// without arguments whose name starts with one reads state, it does not
/// change it (`co_await load_settings()`).
bool AwaitSteps::readsLikeQuery(const FunctionDecl &F) const {
  if (!F.getIdentifier())
    return false;
  llvm::SmallVector<std::string, 4> Words = wordsOf(F.getName());
  return llvm::is_contained(Cat.queryWords(), Words.front()) &&
         llvm::none_of(
             Words, [&](const std::string &W) { return llvm::is_contained(Cat.actionWords(), W); });
}

/// An awaited call to a free function without arguments whose body is not in
/// view and whose name does not ask a question: it works on state nobody can
/// see.
bool AwaitSteps::actsOnUnseenState(const CallExpr &Call) const {
  if (isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) || Call.getNumArgs() != 0)
    return false;
  const FunctionDecl *Callee = Call.getDirectCallee();
  return !Callee || Callee->hasBody() || !readsLikeQuery(*Callee);
}

namespace {

/// A plain function whose every return hands back an always-ready awaiter,
/// perhaps converted to the task type it returns (`Task<T> f(T v) { return
/// just(v); }`): awaiting its result does not suspend either.
bool returnsOnlyReadyValues(const FunctionDecl &Callee) {
  const FunctionDecl *Definition = nullptr;
  if (!Callee.hasBody(Definition) || isa<CoroutineBodyStmt>(Definition->getBody()))
    return false;
  bool AnyReturn = false;
  bool AllReady = true;
  forEachOwnNode(Definition->getBody(), [&](const Stmt &S) {
    const auto *Return = dyn_cast<ReturnStmt>(&S);
    if (!Return)
      return;
    AnyReturn = true;
    const Expr *Value = Return->getRetValue() ? Return->getRetValue()->IgnoreImplicit() : nullptr;
    if (const auto *Converted = dyn_cast_or_null<CXXMemberCallExpr>(Value);
        Converted && isa_and_nonnull<CXXConversionDecl>(Converted->getMethodDecl()))
      Value = Converted->getImplicitObjectArgument()->IgnoreImplicit();
    const CXXRecordDecl *Record = Value ? Value->getType()->getAsCXXRecordDecl() : nullptr;
    AllReady = AllReady && Record && isAlwaysReady(*Record);
  });
  return AnyReturn && AllReady;
}

} // namespace

bool AwaitSteps::isWork(const CallExpr &Call) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || Ignored.contains(qualifiedName(*Callee)))
    return false;
  if (Callee->getIdentifier() && soundsLikeScheduling(Callee->getName()))
    return false;
  // A coroutine that never suspends only computes: nothing to overlap.
  if (neverSuspends(*Callee))
    return false;
  // Scheduling points order the coroutine; combinators already overlap.
  for (const auto *List : {&Cat.schedulingPointApis(), &Cat.timerApis(), &Cat.offloadApis(),
                           &Cat.combinatorApis(), &Cat.raceApis()})
    for (const BlockingApi &Api : *List)
      if (callNamesApi(Call, Api))
        return false;
  QualType T = Call.getType();
  const CXXRecordDecl *Record = recordOf(T, false);
  if (!Record || !(isAwaitableType(T) || isListedType(*Record, Cat)))
    return false;
  // An awaiter that is always ready never suspends: nothing to overlap.
  if (isAlwaysReady(*Record) || returnsOnlyReadyValues(*Callee))
    return false;
  // What the await hands back: a guard or a permit orders what follows.
  if (const auto *Task = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    for (const TemplateArgument &Arg : Task->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type)
        if (const CXXRecordDecl *Result = recordOf(Arg.getAsType(), true);
            Result && Result->getIdentifier() && soundsLikeScheduling(Result->getName()))
          return false;
  return true;
}

Effects AwaitSteps::withoutSchedulers(Effects Fx) const {
  llvm::SmallVector<const Decl *, 4> Shared;
  for (const llvm::SmallPtrSet<const Decl *, 8> *Set : {&Fx.Reads, &Fx.Writes})
    for (const Decl *D : *Set)
      if (const auto *Value = dyn_cast<ValueDecl>(D);
          Value && isSchedulerType(Value->getType(), Cat))
        Shared.push_back(D);
  for (const Decl *D : Shared) {
    Fx.Reads.erase(D);
    Fx.Writes.erase(D);
  }
  return Fx;
}

std::optional<Effects> AwaitSteps::effectsOfAwaited(const CallExpr &Call) const {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Op) {
    if (actsOnUnseenState(Call))
      return std::nullopt;
    return withoutSchedulers(effectsOf(Call));
  }
  // A lambda kept in a local variable and called by name: its body is in
  // view, and decides what it touches.
  const auto *Closure = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreImplicit());
  if (!Closure || !isa<VarDecl>(Closure->getDecl()) ||
      !cast<VarDecl>(Closure->getDecl())->hasLocalStorage() ||
      soundsLikeScheduling(Closure->getDecl()->getName()))
    return std::nullopt;
  std::optional<Effects> Fx = effectsOfLambdaCall(*Op);
  if (!Fx)
    return std::nullopt;
  bool Unseen = false;
  forEachOwnNode(Op->getDirectCallee()->getBody(), [&](const Stmt &S) {
    if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
      if (const auto *Inner = dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit()))
        Unseen |= actsOnUnseenState(*Inner);
  });
  if (Unseen)
    return std::nullopt;
  return withoutSchedulers(std::move(*Fx));
}

std::optional<AwaitStep> AwaitSteps::stepOf(const Stmt &Statement) const {
  AwaitStep Step;
  Step.S = &Statement;
  const Stmt &S = *skipTransparent(&Statement);
  const VarDecl *Target = nullptr;
  if (const auto *Decl = dyn_cast<DeclStmt>(&S)) {
    const auto *Var = Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage() || !Var->getInit() || !isRead(*Var))
      return std::nullopt;
    Step.Await = awaitIn(Var->getInit());
    Step.Declared = Target = Var;
  } else if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
             Assign && Assign->getOpcode() == BO_Assign) {
    Target = localVariableNamedBy(Assign->getLHS());
    Step.Await = awaitIn(Assign->getRHS());
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
             Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
    Target = localVariableNamedBy(Op->getArg(0));
    Step.Await = awaitIn(Op->getArg(1));
  }
  if (!Step.Await || !Target || Step.Await->getType()->isVoidType())
    return std::nullopt;
  Step.Call = dyn_cast<CallExpr>(Step.Await->getOperand()->IgnoreImplicit());
  if (!Step.Call || !isWork(*Step.Call))
    return std::nullopt;
  std::optional<Effects> Fx = effectsOfAwaited(*Step.Call);
  if (!Fx)
    return std::nullopt;
  Step.Name = nameOf(*Step.Call);
  Step.Target = Target;
  Step.Fx = std::move(*Fx);
  Step.Fx.Writes.insert(Target);
  Step.Fx.Reads.insert(Target);
  // `auto [a, b] = co_await f();`: later code names the bindings.
  if (const auto *Decomposition = dyn_cast<DecompositionDecl>(Target))
    for (const BindingDecl *Binding : Decomposition->bindings()) {
      Step.Fx.Writes.insert(Binding);
      Step.Fx.Reads.insert(Binding);
    }
  return Step;
}

/// Whether the two awaits could be reordered or overlapped without either
/// seeing a difference.
bool independent(const AwaitStep &Earlier, const AwaitStep &Later, const ASTContext &Ctx) {
  // Awaiting the same call twice samples something twice (a sensor, a
  // queue, a clock): the order is the point.
  if (sameCall(*Earlier.Call, *Later.Call, Ctx))
    return false;
  return !interfere(Earlier.Fx, Later.Fx);
}

/// What a step touches besides the value it produces: a statement after it
/// may read that value without ordering anything.
Effects withoutResult(const AwaitStep &Step) {
  Effects Fx = Step.Fx;
  auto Forget = [&](const Decl *D) {
    Fx.Reads.erase(D);
    Fx.Writes.erase(D);
  };
  Forget(Step.Target);
  if (const auto *Decomposition = dyn_cast<DecompositionDecl>(Step.Target))
    for (const BindingDecl *Binding : Decomposition->bindings())
      Forget(Binding);
  return Fx;
}

/// Whether \p S leaves the straight line: a return, break, continue, goto,
/// throw or a call that does not return, anywhere in its own statements.
bool mayLeave(const Stmt &S) {
  bool Leaves = false;
  forEachOwnNode(&S, [&](const Stmt &Node) {
    if (isa<ReturnStmt, CoreturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr, CoawaitExpr,
            CoyieldExpr>(Node))
      Leaves = true;
    else if (const auto *Call = dyn_cast<CallExpr>(&Node))
      if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->isNoReturn())
        Leaves = true;
  });
  return Leaves;
}

/// Whether a statement between two awaits changes only what the coroutine
/// owns, or writes to an output stream (a log line): a counter the caller
/// passed by reference, a member or a global may be what the next operation
/// relies on.
bool writesOnlyOwnState(const Effects &Fx) {
  if (Fx.ModifiesThis)
    return false;
  return llvm::all_of(Fx.Writes, [](const Decl *D) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      return false;
    if (Var->hasLocalStorage() && !Var->getType()->isReferenceType())
      return true;
    const CXXRecordDecl *Stream = recordOf(Var->getType(), true);
    return Stream && llvm::is_contained(recordAndBaseNames(*Stream), "std::basic_ostream");
  });
}

} // namespace asynclint
