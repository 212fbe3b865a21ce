#include "MissingTimeoutCheck.h"
#include "core/ApiConditions.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "models/missing-timeout/Deadlines.h"
#include "models/missing-timeout/PeersInProcess.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {

MissingTimeoutCheck::MissingTimeoutCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context), Cat(catalog()), IoFunctions(Options.get("IoFunctions", "")),
      IoTypes(Options.get("IoTypes", "")), DeadlineFunctions(Options.get("DeadlineFunctions", "")),
      DeadlineTypes(Options.get("DeadlineTypes", "")),
      Bounds(Cat, DeadlineFunctions, DeadlineTypes), Classifier(Cat) {
  insertNames(IoFunctionSet, IoFunctions);
  insertNames(IoTypeSet, IoTypes);
}

void MissingTimeoutCheck::storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "IoFunctions", IoFunctions);
  Options.store(Opts, "IoTypes", IoTypes);
  Options.store(Opts, "DeadlineFunctions", DeadlineFunctions);
  Options.store(Opts, "DeadlineTypes", DeadlineTypes);
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
        Names.insert(spelledName(Api));
    }
  for (StringRef Name : Bounds.deadlineFunctionNames())
    Names.insert(Name);
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

bool MissingTimeoutCheck::boundedAround(const FunctionDecl &Coroutine, const CallExpr &Op,
                                        bool TimerInReach) const {
  if (Bounded.contains(Coroutine.getCanonicalDecl()) || Bounds.isDeadlineFunction(Coroutine))
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Coroutine);
      Method && Bounds.isDeadlineType(Method->getParent()))
    return true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Op);
      Member && Bounds.isDeadlineType(recordOf(
                    Member->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType(), true)))
    return true;
  for (const Expr *Arg : Op.arguments())
    if (Bounds.isDeadlineType(recordOf(Arg->getType(), true)))
      return true;
  return TimerInReach && Bounds.hasTimerInReach(Coroutine);
}

void MissingTimeoutCheck::collectEvidence() {
  for (const Site &S : Sites)
    for (AwaitedOperation &Op : operationsOf(*S.Await, Bounds, Cat, S.Coroutine->getASTContext())) {
      if (!Op.Object)
        continue;
      // An expiry set on this very stream before the await bounds it.
      if (Op.Deadline.empty())
        if (const Expr *Expiry = Expiries.setBefore(*S.Coroutine, *S.Await, *Op.Object)) {
          Op.Deadline = "'" + deadlineName(*Expiry) + "'";
          Op.DeadlineAt = Expiry;
        }
      if (!Op.Deadline.empty())
        Evidence[{S.Coroutine, Op.Object}].push_back(Op);
    }
}

void MissingTimeoutCheck::reportInconsistent(
    const llvm::SmallPtrSetImpl<const CallExpr *> &Reported) {
  for (const Site &S : Sites) {
    ASTContext &Ctx = S.Coroutine->getASTContext();
    for (const AwaitedOperation &Op : operationsOf(*S.Await, Bounds, Cat, Ctx)) {
      if (!Op.Object || !Op.Deadline.empty() || Reported.contains(Op.Operation))
        continue;
      auto It = Evidence.find({S.Coroutine, Op.Object});
      const AwaitedOperation *Shown = nullptr;
      if (It != Evidence.end())
        for (const AwaitedOperation &Bounded : It->second)
          if (!Shown && showsNeedOfDeadline(Bounded, *Op.Operation))
            Shown = &Bounded;
      if (!Shown)
        continue;
      // The coroutine's own timer bounds each wait it races; a watchdog
      // beside it may bound the rest. A wait the bounded one's result
      // decides on is the fallback once its deadline has passed. Awaiting a
      // scheduler moves the coroutine onto it; nobody outside is waited for.
      // A duration written in the call is the caller's choice, whatever
      // zero means to that API (no limit for a poll, no wait for a sleep).
      const FunctionDecl *Callee = Op.Operation->getDirectCallee();
      const Expr *Precedes = nullptr;
      if (!Callee || neverSuspends(*Callee) || isSchedulerType(Op.Object->getType(), Cat) ||
          givenDuration(*Op.Operation) || Peers.talksToItself(*Op.Operation) ||
          decidedByResultOf(*S.Await, *Shown->Await, Ctx) ||
          Expiries.covers(*S.Coroutine, *S.Await, *Op.Operation, Precedes) ||
          boundedAround(*S.Coroutine, *Op.Operation, /*TimerInReach=*/!Shown->Race))
        continue;
      SourceLocation Loc = S.Await->getKeywordLoc();
      TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(*S.Await), Loc, Ctx);
      if (Verdict == TestVerdict::Hide)
        continue;
      diag(Loc, "'%0' waits on '%1' with no deadline, though this coroutine bounds another "
                "wait on '%1' with %2")
          << qualifiedName(*Callee) << Op.Object->getName() << Shown->Deadline;
      diag(Shown->DeadlineAt->getExprLoc(),
           "the wait on '%0' bounded with %1; bound this one "
           "the same way",
           DiagnosticIDs::Note)
          << Op.Object->getName() << Shown->Deadline;
      if (Verdict == TestVerdict::ReportMarked)
        markHiddenInTestCode(Loc);
    }
  }
}

void MissingTimeoutCheck::recordEdges(const FunctionDecl &Caller, const Stmt &From) {
  auto &Callees = Awaits[Caller.getCanonicalDecl()];
  for (const FunctionDecl *Callee : calleesIn(From, Caller.getASTContext()))
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
        Expiries.note(*F, *Context, Ctx);
        if (F->getBody())
          for (const FunctionDecl *Callee : calleesIn(*F->getBody(), Ctx))
            Bounded.insert(Callee);
      }
      return;
    }
    if (Bounds.wrapsInDeadline(*Context, Ctx)) {
      for (const FunctionDecl *Callee : calleesIn(*Context, Ctx))
        Bounded.insert(Callee);
      // As the completion token of a spawn, the deadline bounds the work
      // spawned: co_spawn(ex, session(), cancel_after(30s, detached)).
      if (const Expr *Work = Bounds.spawnedUnder(*Context, Ctx))
        for (const FunctionDecl *Callee : calleesIn(*Work, Ctx))
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
  const FunctionDecl *Coroutine = enclosingCoroutine(*Await, Ctx, CoroutineOf);
  if (!Coroutine || Coroutine->isDependentContext())
    return;
  const Expr *Operand = Await->getOperand();
  recordEdges(*Coroutine, *Operand);
  const auto *Call = dyn_cast<CallExpr>(Operand->IgnoreImplicit());
  if (Call)
    Peers.note(*Call, *Await, Ctx);
  if (!Classifier.facts(*Coroutine).Asynchronous)
    return;
  Sites.push_back({Await, Coroutine});
  if (!Call)
    return;
  bool UserNamed = false;
  const BlockingApi *Api = externalWait(*Call, Ctx, UserNamed);
  if (!Api && !UserNamed)
    return;
  Candidates.push_back({Await, Call, Coroutine, Api});
}

void MissingTimeoutCheck::onEndOfTranslationUnit() {
  for (const auto &[Race, Ctx] : Races)
    if (Bounds.isRaceWithTimer(*Race, *Ctx))
      for (const FunctionDecl *Callee : calleesIn(*Race, *Ctx))
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
  Peers.settle();
  collectEvidence();
  llvm::SmallPtrSet<const CallExpr *, 16> Reported;
  for (const Candidate &C : Candidates) {
    ASTContext &Ctx = C.Coroutine->getASTContext();
    Reported.insert(C.Operation);
    // A client and a server of the same program need no deadline against
    // each other.
    if (Peers.talksToItself(*C.Operation))
      continue;
    const Expr *Precedes = nullptr;
    if (Expiries.covers(*C.Coroutine, *C.Await, *C.Operation, Precedes) ||
        Bounds.setsDeadline(*C.Operation, Ctx) ||
        Bounds.timeoutArgument(*C.Operation, C.Api, Ctx) ||
        boundedAround(*C.Coroutine, *C.Operation, /*TimerInReach=*/true))
      continue;
    TestVerdict Verdict = tests().verdictFor(
        DynTypedNode::create(*C.Await), C.Await->getKeywordLoc(), C.Coroutine->getASTContext());
    if (Verdict == TestVerdict::Hide)
      continue;
    const FunctionDecl *Callee = C.Operation->getDirectCallee();
    // A connect or a name lookup ends on the system's own limits; anything
    // else waits as long as the peer stays silent.
    diag(C.Await->getKeywordLoc(), "'%0' waits for the outside world with no deadline")
        << (C.Api ? C.Api->displayName()
                  : (Callee ? Callee->getQualifiedNameAsString() : std::string("call")));
    if (C.Api && C.Api->SystemLimit)
      diag(C.Await->getKeywordLoc(), "only the system's own limits end the wait, minutes later",
           DiagnosticIDs::Note);
    diag(C.Await->getKeywordLoc(), "%0", DiagnosticIDs::Note)
        << Bounds.adviceFor(*C.Operation, C.Api, Classifier.facts(*C.Coroutine).Fw);
    if (Precedes)
      diag(Precedes->getExprLoc(), "the expiry set here bounds only what follows it",
           DiagnosticIDs::Note);
    if (const ValueDecl *Object = operatedStream(*C.Operation))
      if (auto It = Evidence.find({C.Coroutine, Object});
          It != Evidence.end() && It->second.front().DeadlineAt != Precedes)
        diag(It->second.front().DeadlineAt->getExprLoc(),
             "another wait on '%0' is bounded here with %1", DiagnosticIDs::Note)
            << Object->getName() << It->second.front().Deadline;
    if (Verdict == TestVerdict::ReportMarked)
      markHiddenInTestCode(C.Await->getKeywordLoc());
  }
  reportInconsistent(Reported);
  Candidates.clear();
  Bounded.clear();
  Expiries.clear();
  Sites.clear();
  Evidence.clear();
  Awaits.clear();
  Races.clear();
  CoroutineOf.clear();
  Peers.clear();
  Classifier.clear();
}

} // namespace asynclint
