#include "MissingTimeoutCheck.h"
#include "core/ApiConditions.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "models/missing-timeout/Deadlines.h"

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

bool MissingTimeoutCheck::boundedHere(const Candidate &C, ASTContext &Ctx) const {
  const CallExpr &Op = *C.Operation;
  if (Bounds.setsDeadline(Op, Ctx))
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
  if (Bounds.isDeadlineFunction(*C.Coroutine))
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(C.Coroutine);
      Method && Bounds.isDeadlineType(Method->getParent()))
    return true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Op);
      Member && Bounds.isDeadlineType(recordOf(
                    Member->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType(), true)))
    return true;
  for (const Expr *Arg : Op.arguments())
    if (Bounds.isDeadlineType(recordOf(Arg->getType(), true)))
      return true;
  return Bounds.hasTimerInReach(*C.Coroutine);
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
        Bounded.insert(F->getCanonicalDecl());
        if (F->getBody())
          for (const FunctionDecl *Callee : calleesIn(*F->getBody(), Ctx))
            Bounded.insert(Callee);
        // On a member stream, the expiry covers what the other members do
        // with that stream (one member sets it, another reads).
        if (const auto *Method = dyn_cast<CXXMethodDecl>(F); Method && mentionsField(*Context, Ctx))
          DeadlineClasses.insert(Method->getParent()->getCanonicalDecl());
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
  if (!Call)
    return;
  Peers.note(*Call, *Await, Ctx);
  if (!Classifier.facts(*Coroutine).Asynchronous)
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
  for (const Candidate &C : Candidates) {
    const auto *Method = dyn_cast<CXXMethodDecl>(C.Coroutine);
    // A client and a server of the same program need no deadline against
    // each other.
    if (Peers.talksToItself(*C.Operation))
      continue;
    if (Bounded.contains(C.Coroutine->getCanonicalDecl()) ||
        (Method && DeadlineClasses.contains(Method->getParent()->getCanonicalDecl())) ||
        boundedHere(C, C.Coroutine->getASTContext()))
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
    if (Verdict == TestVerdict::ReportMarked)
      markHiddenInTestCode(C.Await->getKeywordLoc());
  }
  Candidates.clear();
  Bounded.clear();
  DeadlineClasses.clear();
  Awaits.clear();
  Races.clear();
  CoroutineOf.clear();
  Peers.clear();
  Classifier.clear();
}

} // namespace asynclint
