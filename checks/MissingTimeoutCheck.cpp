#include "MissingTimeoutCheck.h"
#include "utils/ApiConditions.h"
#include "utils/Names.h"
#include "utils/OptionLists.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

/// Calls `Visit` on \p S and everything below it, lambda bodies included.
template <typename F> void forEachNode(const Stmt *S, F &&Visit) {
  if (!S)
    return;
  Visit(*S);
  for (const Stmt *Child : S->children())
    forEachNode(Child, Visit);
}

/// The functions whose work \p S starts or awaits: the callees of its calls
/// and the call operators of its lambdas.
llvm::SmallVector<const FunctionDecl *, 4> calleesIn(const Stmt &S) {
  llvm::SmallVector<const FunctionDecl *, 4> Out;
  forEachNode(&S, [&](const Stmt &Node) {
    if (const auto *Call = dyn_cast<CallExpr>(&Node)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        Out.push_back(Callee->getCanonicalDecl());
    } else if (const auto *Lambda = dyn_cast<LambdaExpr>(&Node)) {
      Out.push_back(Lambda->getCallOperator()->getCanonicalDecl());
    }
  });
  return Out;
}

/// A duration or time point written as a negative number: `-1ms`, the
/// frameworks' spelling of "no timeout".
bool isNegativeConstant(const Expr &E) {
  bool Negative = false;
  forEachNode(&E, [&](const Stmt &Node) {
    if (const auto *Unary = dyn_cast<UnaryOperator>(&Node))
      Negative |= Unary->getOpcode() == UO_Minus;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Node))
      Negative |= Op->getOperator() == OO_Minus && Op->getNumArgs() == 1;
  });
  return Negative;
}

/// A duration or time point, possibly optional (libcoro's TLS client takes
/// std::optional<std::chrono::milliseconds>).
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

/// `std::nullopt`, `-1ms`, `0s`: how the frameworks spell "no timeout".
bool meansNoTimeout(const Expr &E, ASTContext &Ctx) {
  bool Empty = false;
  forEachNode(&E, [&](const Stmt &Node) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node))
      Empty |= qualifiedName(*Ref->getDecl()) == "std::nullopt";
  });
  return Empty || isNegativeConstant(E) || isZeroDuration(&E, Ctx);
}

/// The function or lambda whose body holds \p S, whatever it is.
const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(S);
  for (int Depth = 0; Depth < 256 && !Parents.empty(); ++Depth) {
    const DynTypedNode &Parent = Parents[0];
    if (const auto *F = Parent.get<FunctionDecl>())
      return F;
    if (const auto *Lambda = Parent.get<LambdaExpr>())
      return Lambda->getCallOperator();
    Parents = Ctx.getParents(Parent);
  }
  return nullptr;
}

bool mentionsField(const Expr &E) {
  bool Found = false;
  forEachNode(&E, [&](const Stmt &Node) {
    if (const auto *Member = dyn_cast<MemberExpr>(&Node))
      Found |= isa<FieldDecl>(Member->getMemberDecl()) &&
               isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
  });
  return Found;
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

MissingTimeoutCheck::MissingTimeoutCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CatalogFile(Options.getLocalOrGlobal("CatalogFile", "")),
      SharedCatalog(Catalog::shared(CatalogFile,
                                    [this](const std::string &Problem) {
                                      configurationDiag("%0", DiagnosticIDs::Error) << Problem;
                                    })),
      Cat(*SharedCatalog), IoFunctions(Options.get("IoFunctions", "")),
      IoTypes(Options.get("IoTypes", "")), DeadlineFunctions(Options.get("DeadlineFunctions", "")),
      DeadlineTypes(Options.get("DeadlineTypes", "")), Classifier(Cat),
      Tests(Options, Context, [this](const std::string &Problem) {
        configurationDiag("%0", DiagnosticIDs::Error) << Problem;
      }) {
  insertNames(IoFunctionSet, IoFunctions);
  insertNames(IoTypeSet, IoTypes);
  insertNames(DeadlineFunctionSet, DeadlineFunctions);
  insertNames(DeadlineTypeSet, DeadlineTypes);
  for (const BlockingApi &Api : Cat.timerApis())
    if (Api.Kind == ApiKind::Method)
      TimerClasses.insert(Api.Name);
}

void MissingTimeoutCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CatalogFile", CatalogFile);
  Options.store(Opts, "IoFunctions", IoFunctions);
  Options.store(Opts, "IoTypes", IoTypes);
  Options.store(Opts, "DeadlineFunctions", DeadlineFunctions);
  Options.store(Opts, "DeadlineTypes", DeadlineTypes);
  Tests.storeOptions(Options, Opts);
}

void MissingTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(coawaitExpr().bind("await"), this);
  // Where deadlines are set: cheap preselection by name, check() decides.
  llvm::StringSet<> Names, Classes;
  bool Callables = false;
  for (const auto *List : {&Cat.deadlineApis(), &Cat.raceApis(), &Cat.combinatorApis()})
    for (const BlockingApi &Api : *List) {
      if (Api.Kind == ApiKind::Constructor)
        Classes.insert(Api.Name);
      else if (Api.Kind == ApiKind::Operator)
        Callables = true;
      else
        Names.insert(calleeName(Api));
    }
  for (const auto &Name : DeadlineFunctionSet)
    Names.insert(unqualifiedName(Name.getKey()));
  std::vector<StringRef> NameList(Names.keys().begin(), Names.keys().end());
  std::vector<StringRef> ClassList(Classes.keys().begin(), Classes.keys().end());
  if (!NameList.empty())
    Finder->addMatcher(callExpr(callee(functionDecl(hasAnyName(NameList)))).bind("context"), this);
  if (!ClassList.empty())
    Finder->addMatcher(
        cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(hasAnyName(ClassList)))))
            .bind("context"),
        this);
  if (Callables)
    Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("()")).bind("context"), this);
}

bool MissingTimeoutCheck::isTimerCall(const Expr &E, ASTContext &Ctx) const {
  return llvm::any_of(Cat.timerApis(),
                      [&](const BlockingApi &Api) { return matchesApi(E, Api, Ctx); });
}

bool MissingTimeoutCheck::wrapsInDeadline(const Expr &E, ASTContext &Ctx) const {
  if (const auto *Call = dyn_cast<CallExpr>(&E))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && DeadlineFunctionSet.contains(qualifiedName(*Callee)))
      return true;
  return llvm::any_of(Cat.deadlineApis(), [&](const BlockingApi &Api) {
    return !Api.InFunction && matchesApi(E, Api, Ctx);
  });
}

const Expr *MissingTimeoutCheck::spawnedUnder(const Expr &Token, ASTContext &Ctx) const {
  DynTypedNode Node = DynTypedNode::create(Token);
  // The token reaches the spawn's parameter through conversions and copies.
  for (DynTypedNode Parent = lexicalParent(Node, Ctx); !Parent.getNodeKind().isNone();
       Node = Parent, Parent = lexicalParent(Parent, Ctx)) {
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
  }
  return nullptr;
}

bool MissingTimeoutCheck::setsDeadline(const Expr &E, ASTContext &Ctx) const {
  bool Found = false;
  forEachNode(&E, [&](const Stmt &Node) {
    const auto *Sub = dyn_cast<Expr>(&Node);
    if (!Found && Sub && isa<CallExpr, CXXConstructExpr>(Sub))
      Found = wrapsInDeadline(*Sub, Ctx);
  });
  return Found;
}

bool MissingTimeoutCheck::isRaceWithTimer(const Expr &Race, ASTContext &Ctx) const {
  // For a parallel group's wait_for_one, the race is the call it is
  // passed to: group.async_wait(wait_for_one(), token).
  const Expr *Scope = &Race;
  if (isa<CXXConstructExpr>(Race))
    for (const auto &Parent : Ctx.getParents(Race))
      if (const auto *Call = Parent.get<CallExpr>())
        Scope = Call;
  bool Timer = false;
  forEachNode(Scope, [&](const Stmt &Node) {
    const auto *Call = dyn_cast<CallExpr>(&Node);
    if (Timer || !Call)
      return;
    if (isTimerCall(*Call, Ctx)) {
      Timer = true;
      return;
    }
    // A watchdog coroutine raced against the work: its body awaits a timer.
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Definition = nullptr;
    if (Callee && Callee->hasBody(Definition))
      forEachNode(Definition->getBody(), [&](const Stmt &Inner) {
        if (const auto *E = dyn_cast<Expr>(&Inner); E && !Timer && isa<CallExpr>(E))
          Timer = isTimerCall(*E, Ctx);
      });
  });
  return Timer;
}

bool MissingTimeoutCheck::isDeadlineType(const CXXRecordDecl *Record) const {
  return isOrDerivesFromAny(Record, DeadlineTypeSet);
}

bool MissingTimeoutCheck::hasTimerInReach(const FunctionDecl &F) const {
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

const BlockingApi *MissingTimeoutCheck::externalWait(const CallExpr &Call, ASTContext &Ctx,
                                                     bool &UserNamed) const {
  UserNamed = false;
  for (const BlockingApi &Api : Cat.externalWaitApis())
    if (matchesApi(Call, Api, Ctx))
      return &Api;
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    if (IoFunctionSet.contains(qualifiedName(*Callee)) ||
        (isa<CXXMethodDecl>(Callee) &&
         IoFunctionSet.contains(qualifiedName(*cast<CXXMethodDecl>(Callee)->getParent()) +
                                "::" + Callee->getNameAsString())))
      UserNamed = true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    UserNamed |= isOrDerivesFromAny(recordOf(Member->getImplicitObjectArgument()->getType(), true),
                                    IoTypeSet);
  return nullptr;
}

bool MissingTimeoutCheck::boundedHere(const Candidate &C, ASTContext &Ctx) const {
  const CallExpr &Op = *C.Operation;
  if (setsDeadline(Op, Ctx))
    return true;
  // A timeout argument of the operation itself.
  for (unsigned I = 0; I < Op.getNumArgs(); ++I) {
    const Expr *Arg = Op.getArg(I);
    if (isa<CXXDefaultArgExpr>(Arg) || meansNoTimeout(*Arg, Ctx))
      continue;
    bool Indexed = C.Api && C.Api->TimeoutArgument && *C.Api->TimeoutArgument == I;
    if (Indexed || isChronoValue(Arg->getType()))
      return true;
  }
  if (DeadlineFunctionSet.contains(qualifiedName(*C.Coroutine)))
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(C.Coroutine);
      Method && isDeadlineType(Method->getParent()))
    return true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Op);
      Member && isDeadlineType(recordOf(
                    Member->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType(), true)))
    return true;
  for (const Expr *Arg : Op.arguments())
    if (isDeadlineType(recordOf(Arg->getType(), true)))
      return true;
  return hasTimerInReach(*C.Coroutine);
}

void MissingTimeoutCheck::recordEdges(const FunctionDecl &Caller, const Stmt &From) {
  auto &Callees = Awaits[Caller.getCanonicalDecl()];
  for (const FunctionDecl *Callee : calleesIn(From))
    Callees.push_back(Callee);
}

void MissingTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Context = Result.Nodes.getNodeAs<Expr>("context")) {
    bool SetsExpiry = llvm::any_of(Cat.deadlineApis(), [&](const BlockingApi &Api) {
      return Api.InFunction && matchesApi(*Context, Api, Ctx);
    });
    if (SetsExpiry) {
      if (const FunctionDecl *F = enclosingFunction(*Context, Ctx)) {
        // Expiry set on a stream bounds what this function and everything
        // it calls afterwards does with it.
        Bounded.insert(F->getCanonicalDecl());
        if (F->getBody())
          for (const FunctionDecl *Callee : calleesIn(*F->getBody()))
            Bounded.insert(Callee);
        // On a member stream, the expiry covers what the other members do
        // with that stream (one member sets it, another reads).
        if (const auto *Method = dyn_cast<CXXMethodDecl>(F); Method && mentionsField(*Context))
          DeadlineClasses.insert(Method->getParent()->getCanonicalDecl());
      }
      return;
    }
    if (wrapsInDeadline(*Context, Ctx)) {
      for (const FunctionDecl *Callee : calleesIn(*Context))
        Bounded.insert(Callee);
      // As the completion token of a spawn, the deadline bounds the work
      // spawned: co_spawn(ex, session(), cancel_after(30s, detached)).
      if (const Expr *Work = spawnedUnder(*Context, Ctx))
        for (const FunctionDecl *Callee : calleesIn(*Work))
          Bounded.insert(Callee);
      return;
    }
    // A timer raced against the work bounds it; so does a watchdog that
    // throws inside an all-of combinator, which cancels the others.
    auto Matches = [&](const BlockingApi &Api) { return matchesApi(*Context, Api, Ctx); };
    if (llvm::any_of(Cat.raceApis(), Matches) || llvm::any_of(Cat.combinatorApis(), Matches))
      Races.emplace_back(Context, &Ctx);
    return;
  }

  const auto *Await = Result.Nodes.getNodeAs<CoawaitExpr>("await");
  if (!Await || Await->isImplicit())
    return;
  const FunctionDecl *Coroutine = enclosingCoroutine(*Await, Ctx);
  if (!Coroutine || Coroutine->isDependentContext())
    return;
  const Expr *Operand = Await->getOperand();
  recordEdges(*Coroutine, *Operand);
  const auto *Call = dyn_cast<CallExpr>(Operand->IgnoreImplicit());
  if (!Call || !Classifier.facts(*Coroutine).Asynchronous)
    return;
  bool UserNamed = false;
  const BlockingApi *Api = externalWait(*Call, Ctx, UserNamed);
  if (!Api && !UserNamed)
    return;
  Candidates.push_back({Await, Call, Coroutine, Api});
}

std::string MissingTimeoutCheck::adviceFor(const Candidate &C) {
  // The operation's own timeout is the simplest fix: libcoro's
  // read_some(buffer, 30s).
  if (const FunctionDecl *Callee = C.Operation->getDirectCallee())
    for (const ParmVarDecl *Param : Callee->parameters())
      if (Param->getIdentifier() && isChronoValue(Param->getType()))
        return "pass its '" + Param->getName().str() + "' argument";
  std::string Generic = "pass a timeout, or race it with a timer, or give the operation a "
                        "cancellation that a timer triggers";
  if (!C.Api)
    return Generic;
  // An expiry on the stream fits only the stream class that has it: Beast's
  // expires_after is not a member of a plain socket.
  QualType StreamType = streamTypeOf(*C.Operation);
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
  for (const Framework *Fw : {Cat.framework(C.Api->Framework), StreamFramework})
    for (const BlockingApi &Api : Cat.deadlineApis())
      if (Fw && !Wrapper && !Api.InFunction && Api.Framework == Fw->Id)
        Wrapper = &Api;
  // A race must be one the coroutine itself can await: asio's operator||
  // combines asio awaitables, not cobalt promises.
  const Framework *CoroutineFramework = Classifier.facts(*C.Coroutine).Fw;
  llvm::StringRef RaceFramework =
      CoroutineFramework ? llvm::StringRef(CoroutineFramework->Id) : C.Api->Framework;
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

void MissingTimeoutCheck::onEndOfTranslationUnit() {
  for (const auto &[Race, Ctx] : Races)
    if (isRaceWithTimer(*Race, *Ctx))
      for (const FunctionDecl *Callee : calleesIn(*Race))
        Bounded.insert(Callee);
  // What a bounded coroutine awaits runs under its deadline too.
  llvm::SmallVector<const FunctionDecl *, 16> Pending(Bounded.begin(), Bounded.end());
  while (!Pending.empty()) {
    const FunctionDecl *F = Pending.pop_back_val();
    auto It = Awaits.find(F);
    if (It == Awaits.end())
      continue;
    for (const FunctionDecl *Callee : It->second)
      if (Bounded.insert(Callee).second)
        Pending.push_back(Callee);
  }
  for (const Candidate &C : Candidates) {
    const auto *Method = dyn_cast<CXXMethodDecl>(C.Coroutine);
    if (Bounded.contains(C.Coroutine->getCanonicalDecl()) ||
        (Method && DeadlineClasses.contains(Method->getParent()->getCanonicalDecl())) ||
        boundedHere(C, C.Coroutine->getASTContext()))
      continue;
    TestVerdict Verdict = Tests.verdictFor(DynTypedNode::create(*C.Await), C.Await->getKeywordLoc(),
                                           C.Coroutine->getASTContext());
    if (Verdict == TestVerdict::Hide)
      continue;
    const FunctionDecl *Callee = C.Operation->getDirectCallee();
    // A connect or a name lookup ends on the system's own limits; anything
    // else waits as long as the peer stays silent.
    diag(C.Await->getKeywordLoc(),
         "'%0' waits for the outside world with no deadline: if the peer goes silent "
         "%select{this coroutine stays suspended forever|only the system's own limits "
         "end the wait, minutes later}1, holding what it owns; %2")
        << (C.Api ? C.Api->displayName()
                  : (Callee ? Callee->getQualifiedNameAsString() : std::string("call")))
        << (C.Api && C.Api->SystemLimit) << adviceFor(C);
    if (Verdict == TestVerdict::ReportMarked)
      diag(C.Await->getKeywordLoc(), TestCodeFilter::HiddenNote, DiagnosticIDs::Note);
  }
  Candidates.clear();
  Bounded.clear();
  DeadlineClasses.clear();
  Awaits.clear();
  Races.clear();
  Classifier.clear();
}

} // namespace asynclint
