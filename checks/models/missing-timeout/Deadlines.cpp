#include "models/missing-timeout/Deadlines.h"
#include "core/ApiConditions.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "core/Names.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

/// The nodes of \p S that \p M matches, \p S included, lambda bodies
/// included: what an expression mentions, wherever that runs.
template <typename NodeT, typename MatcherT>
llvm::SmallVector<const NodeT *, 8> nodesIn(const Stmt &S, const MatcherT &M, ASTContext &Ctx) {
  llvm::SmallVector<const NodeT *, 8> Out;
  for (const BoundNodes &Match : match(findAll(M.bind("node")), S, Ctx))
    Out.push_back(Match.getNodeAs<NodeT>("node"));
  return Out;
}

/// A duration or time point written as a negative number: `-1ms`, the
/// frameworks' spelling of "no timeout".
bool isNegativeConstant(const Expr &E, ASTContext &Ctx) {
  return !nodesIn<Expr>(
              E,
              expr(anyOf(unaryOperator(hasOperatorName("-")),
                         cxxOperatorCallExpr(hasOverloadedOperatorName("-"), argumentCountIs(1)))),
              Ctx)
              .empty();
}

/// The type of the stream an operation works on: the object of a member
/// call, or the first argument of a free function (asio::async_read(socket,
/// ...)). Null when there is none.
QualType streamTypeOf(const CallExpr &Operation) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Operation))
    return Member->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType();
  if (Operation.getNumArgs() > 0)
    return Operation.getArg(0)->IgnoreParenImpCasts()->getType();
  return {};
}

} // namespace

llvm::SmallVector<const FunctionDecl *, 4> calleesIn(const Stmt &S, ASTContext &Ctx) {
  llvm::SmallVector<const FunctionDecl *, 4> Out;
  for (const CallExpr *Call : nodesIn<CallExpr>(S, callExpr(), Ctx))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      Out.push_back(Callee->getCanonicalDecl());
  for (const LambdaExpr *Lambda : nodesIn<LambdaExpr>(S, lambdaExpr(), Ctx))
    Out.push_back(Lambda->getCallOperator()->getCanonicalDecl());
  return Out;
}

bool meansNoTimeout(const Expr &E, ASTContext &Ctx) {
  bool Empty =
      !nodesIn<DeclRefExpr>(E, declRefExpr(to(namedDecl(hasName("::std::nullopt")))), Ctx).empty();
  return Empty || isNegativeConstant(E, Ctx) || isZeroDuration(&E, Ctx);
}

bool isChronoValue(QualType T) {
  const CXXRecordDecl *Record = recordOf(T, false);
  if (!Record)
    return false;
  std::string Name = qualifiedName(*Record);
  if (Name == "std::optional")
    if (const auto *Optional = dyn_cast<ClassTemplateSpecializationDecl>(Record);
        Optional && Optional->getTemplateArgs().size() == 1 &&
        Optional->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      return isChronoValue(Optional->getTemplateArgs()[0].getAsType());
  return Name == "std::chrono::duration" || Name == "std::chrono::time_point";
}

bool mentionsField(const Expr &E, ASTContext &Ctx) {
  return !nodesIn<MemberExpr>(E,
                              memberExpr(member(fieldDecl()),
                                         hasObjectExpression(ignoringParenImpCasts(cxxThisExpr()))),
                              Ctx)
              .empty();
}

Deadlines::Deadlines(const Catalog &Cat, StringRef DeadlineFunctions, StringRef DeadlineTypes)
    : Cat(Cat) {
  insertNames(DeadlineFunctionSet, DeadlineFunctions);
  insertNames(DeadlineTypeSet, DeadlineTypes);
  for (const BlockingApi &Api : Cat.timerApis())
    if (Api.Kind == ApiKind::Method)
      TimerClasses.insert(Api.Name);
}

bool Deadlines::isDeadlineFunction(const FunctionDecl &F) const {
  return DeadlineFunctionSet.contains(qualifiedName(F));
}

std::vector<StringRef> Deadlines::deadlineFunctionNames() const {
  std::vector<StringRef> Names;
  for (const auto &Name : DeadlineFunctionSet)
    Names.push_back(unqualifiedName(Name.getKey()));
  return Names;
}

bool Deadlines::isTimerCall(const Expr &E, ASTContext &Ctx) const {
  return llvm::any_of(Cat.timerApis(),
                      [&](const BlockingApi &Api) { return matchesApi(E, Api, Ctx); });
}

bool Deadlines::wrapsInDeadline(const Expr &E, ASTContext &Ctx) const {
  if (const auto *Call = dyn_cast<CallExpr>(&E))
    if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && isDeadlineFunction(*Callee))
      return true;
  return llvm::any_of(Cat.deadlineApis(), [&](const BlockingApi &Api) {
    return !Api.InFunction && matchesApi(E, Api, Ctx);
  });
}

const Expr *Deadlines::deadlineIn(const Expr &E, ASTContext &Ctx) const {
  for (const Expr *Sub : nodesIn<Expr>(E, expr(anyOf(callExpr(), cxxConstructExpr())), Ctx))
    if (wrapsInDeadline(*Sub, Ctx))
      return Sub;
  return nullptr;
}

const Expr *Deadlines::timeoutArgument(const CallExpr &Operation, const BlockingApi *Api,
                                       ASTContext &Ctx) const {
  for (unsigned I = 0; I < Operation.getNumArgs(); ++I) {
    const Expr *Arg = Operation.getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg) || meansNoTimeout(*Arg, Ctx))
      continue;
    bool Indexed = Api && Api->TimeoutArgument && *Api->TimeoutArgument == I;
    if (Indexed || isChronoValue(Arg->getType()))
      return Arg;
  }
  return nullptr;
}

std::string deadlineName(const Expr &Wrapper) {
  if (const auto *Call = dyn_cast<CallExpr>(&Wrapper))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return qualifiedName(*Callee);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Wrapper))
    return qualifiedName(*Construct->getConstructor()->getParent());
  return "a deadline";
}

bool Deadlines::isRaceWithTimer(const Expr &Race, ASTContext &Ctx) const {
  // For a parallel group's wait_for_one, the race is the call it is
  // passed to: group.async_wait(wait_for_one(), token).
  const Expr *Scope = &Race;
  if (isa<CXXConstructExpr>(Race))
    for (const auto &Parent : Ctx.getParents(Race))
      if (const auto *Call = Parent.get<CallExpr>())
        Scope = Call;
  return llvm::any_of(nodesIn<CallExpr>(*Scope, callExpr(), Ctx), [&](const CallExpr *Call) {
    if (isTimerCall(*Call, Ctx))
      return true;
    // A watchdog coroutine raced against the work: its body awaits a timer.
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    if (!Callee || !Callee->hasBody(Definition))
      return false;
    return llvm::any_of(nodesIn<CallExpr>(*Definition->getBody(), callExpr(), Ctx),
                        [&](const CallExpr *Inner) { return isTimerCall(*Inner, Ctx); });
  });
}

bool Deadlines::isDeadlineType(const CXXRecordDecl *Record) const {
  return isOrDerivesFromAny(Record, DeadlineTypeSet);
}

bool Deadlines::hasTimerInReach(const FunctionDecl &F) const {
  auto IsTimer = [&](QualType T) { return isOrDerivesFromAny(recordOf(T, true), TimerClasses); };
  // A timer the object owns is its watchdog (asio's examples keep a
  // deadline timer beside the socket); so is one handed in.
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&F))
    if (!Method->getParent()->isLambda() &&
        llvm::any_of(Method->getParent()->fields(),
                     [&](const FieldDecl *Field) { return IsTimer(Field->getType()); }))
      return true;
  return llvm::any_of(F.parameters(), [&](const ParmVarDecl *P) { return IsTimer(P->getType()); });
}

const Expr *Deadlines::spawnedUnder(const Expr &Token, ASTContext &Ctx) const {
  DynTypedNode Node = DynTypedNode::create(Token);
  // The token reaches the spawn's parameter through conversions and copies.
  for (const DynTypedNode &Parent : ancestors(Node, Ctx)) {
    if (const auto *Spawn = Parent.get<CallExpr>()) {
      for (const BlockingApi &Api : Cat.spawnerApis()) {
        llvm::ArrayRef<const Expr *> Args = writtenArguments(*Spawn);
        if (Api.WorkArgument && *Api.WorkArgument < Args.size() && callNamesApi(*Spawn, Api) &&
            Args[*Api.WorkArgument] != Node.get<Expr>())
          return Args[*Api.WorkArgument];
      }
      return nullptr;
    }
    if (!isTransparentNode(Parent) && !Parent.get<CXXConstructExpr>())
      return nullptr;
    Node = Parent;
  }
  return nullptr;
}

std::string Deadlines::adviceFor(const CallExpr &Operation, const BlockingApi *OperationApi,
                                 const Framework *CoroutineFramework) const {
  // The operation's own timeout is the simplest fix: libcoro's
  // read_some(buffer, 30s).
  if (const FunctionDecl *Callee = Operation.getDirectCallee())
    for (const ParmVarDecl *Param : Callee->parameters())
      if (Param->getIdentifier() && isChronoValue(Param->getType()))
        return "pass its '" + Param->getName().str() + "' argument";
  std::string Generic = "pass a timeout, or race it with a timer, or give the operation a "
                        "cancellation that a timer triggers";
  if (!OperationApi)
    return Generic;
  // An expiry on the stream fits only the stream class that has it: Beast's
  // expires_after is not a member of a plain socket.
  QualType StreamType = streamTypeOf(Operation);
  const CXXRecordDecl *Stream = StreamType.isNull() ? nullptr : recordOf(StreamType, true);
  for (const BlockingApi &Api : Cat.deadlineApis())
    if (Api.InFunction && Api.Kind == ApiKind::Method && Stream &&
        llvm::is_contained(recordAndBaseNames(*Stream), Api.Name)) {
      std::string With;
      if (Api.Argument && !Api.Argument->Types.empty())
        With = " with a '" + Api.Argument->Types.front() + "'";
      return "call '" + Api.displayName() + "'" + With + " on the stream before awaiting";
    }
  // A completion-token wrapper comes from the operation's library, or from
  // the library of the stream it works on (Beast's http::async_read on an
  // asio socket takes asio's cancel_after).
  const Framework *StreamFramework =
      StreamType.isNull() ? nullptr : frameworkOfType(StreamType, Cat);
  const BlockingApi *Wrapper = nullptr;
  for (const Framework *Fw : {Cat.framework(OperationApi->Framework), StreamFramework})
    for (const BlockingApi &Api : Cat.deadlineApis())
      if (Fw && !Wrapper && !Api.InFunction && Api.Framework == Fw->Id)
        Wrapper = &Api;
  // A race must be one the coroutine itself can await: asio's operator||
  // combines asio awaitables, not cobalt promises.
  llvm::StringRef RaceFramework =
      CoroutineFramework ? llvm::StringRef(CoroutineFramework->Id) : OperationApi->Framework;
  const BlockingApi *Race = nullptr;
  for (const BlockingApi &Api : Cat.raceApis())
    if (Api.Framework == RaceFramework && !Race)
      Race = &Api;
  if (Wrapper && Race)
    return "bound it with '" + Wrapper->displayName() + "', or race it with a timer ('" +
           Race->displayName() + "')";
  if (Wrapper)
    return "bound it with '" + Wrapper->displayName() + "'";
  if (Race)
    return "race it with a timer ('" + Race->displayName() + "')";
  return Generic;
}

} // namespace asynclint
