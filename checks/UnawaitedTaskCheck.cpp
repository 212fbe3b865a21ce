#include "UnawaitedTaskCheck.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "models/unawaited-task/DroppedCallables.h"
#include "models/unawaited-task/ErrorPaths.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

/// The body of the function, lambda or block that \p Var is local to.
const Stmt *enclosingBody(const VarDecl &Var) {
  const DeclContext *Owner = Var.getParentFunctionOrMethod();
  return Owner ? Decl::castFromDeclContext(Owner)->getBody() : nullptr;
}

std::string describeTaskSource(const CallExpr &Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call); Op && Op->getOperator() == OO_Call)
    if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl());
        Method && Method->getParent()->isLambda())
      return "the coroutine lambda";
  if (const auto *Callee = dyn_cast_or_null<NamedDecl>(Call.getCalleeDecl()))
    return "'" + Callee->getQualifiedNameAsString() + "'";
  return "this call";
}

} // namespace

UnawaitedTaskCheck::UnawaitedTaskCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context, {/*Catalog=*/true, /*TestCode=*/true}),
      IgnoredTaskTypes(Options.get("IgnoredTaskTypes", "")),
      ReportEagerTasks(Options.get("ReportEagerTasks", true)) {
  insertNames(Ignored, IgnoredTaskTypes);
}

void UnawaitedTaskCheck::storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "IgnoredTaskTypes", IgnoredTaskTypes);
  Options.store(Opts, "ReportEagerTasks", ReportEagerTasks);
}

void UnawaitedTaskCheck::registerMatchers(MatchFinder *Finder) {
  auto ReturnsRecord = hasType(hasUnqualifiedDesugaredType(recordType()));
  // A call whose value may be a statement of its own; checkDiscardedCall
  // decides, and leaves out `(void)` casts, the documented way to drop a
  // task on purpose.
  auto DiscardedCall = callExpr(ReturnsRecord);
  Finder->addMatcher(DiscardedCall.bind("call"), this);

  // Matched where it is declared rather than searched for from every
  // function: a search from each function body visits a nested lambda's
  // body once more for every function around it.
  auto LocalTask = varDecl(
      hasLocalStorage(), unless(parmVarDecl()), hasType(hasUnqualifiedDesugaredType(recordType())),
      hasInitializer(expr()), unless(hasAttr(attr::Unused)), hasParent(declStmt()));
  Finder->addMatcher(LocalTask.bind("var"), this);

  Finder->addMatcher(returnStmt(hasAncestor(cxxTryStmt())).bind("return-in-try"), this);
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(coroutineBodyStmt())).bind("coroutine"),
                     this);
  Finder->addMatcher(expr(wrapsIntoVoidResult()).bind("wrapper"), this);
  Finder->addMatcher(callExpr(handsOnACallable()).bind("handing"), this);
}

bool UnawaitedTaskCheck::isIgnoredType(QualType T) const {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  std::string Name = qualifiedName(*RD);
  // A raw handle is handed over, not created: whoever takes it (an
  // awaiter's await_suspend, a scheduler) resumes or destroys a coroutine
  // that already exists (`fork.release()`).
  return Name == "std::coroutine_handle" || Ignored.contains(Name);
}

void UnawaitedTaskCheck::checkDiscardedCall(const CallExpr &Call, ASTContext &Ctx) {
  // Only a call that creates a task: one returning a reference to a task
  // (emplace_back, operator=) hands back something that already exists.
  if (!Call.isPRValue())
    return;
  QualType T = Call.getType();
  TaskStart Start = Tasks.classify(T, Ctx);
  // `(void)f();` drops a task on purpose, also where the cast sits above
  // the temporary of a task type with a destructor.
  if (Start == TaskStart::NotATask || isIgnoredType(T) || !isResultDiscarded(Call, Ctx) ||
      isCastToVoid(Call, Ctx))
    return;
  if (Start == TaskStart::Eager && (!ReportEagerTasks || !isObservableTask(T)))
    return;
  SourceLocation Loc = Call.getBeginLoc();
  TestVerdict Verdict = verdictAt(DynTypedNode::create(Call), Loc, Start, Ctx);
  if (Verdict == TestVerdict::Hide || !Reported.insert(Loc.getRawEncoding()).second)
    return;
  if (Start == TaskStart::Lazy && !isAwaitableType(T)) {
    diag(Loc, "generator returned by %0 is discarded and never runs")
        << describeTaskSource(Call) << Call.getSourceRange();
    diag(Loc, "iterate it, or remove the call", DiagnosticIDs::Note);
  } else if (Start == TaskStart::Lazy) {
    diag(Loc, "task returned by %0 is discarded and never runs")
        << describeTaskSource(Call) << Call.getSourceRange();
    diag(Loc, "co_await it, or hand it to the framework's spawner", DiagnosticIDs::Note);
  } else {
    diag(Loc, "task returned by %0 is discarded: it runs, but its result and any exception it "
              "throws are lost")
        << describeTaskSource(Call) << Call.getSourceRange();
    diag(Loc, "co_await it or keep it", DiagnosticIDs::Note);
  }
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Loc);
}

TestVerdict UnawaitedTaskCheck::verdictAt(const DynTypedNode &Node, SourceLocation Loc,
                                          TaskStart Start, ASTContext &Ctx) {
  TestContext Where = tests().classify(Node, Loc, Ctx);
  // A test drops a lazy task to see its frame destroyed; an eager task it
  // drops still loses its failures, and with them the test's.
  if (Where == TestContext::Test && Start == TaskStart::Eager)
    return TestVerdict::Report;
  return tests().verdict(Where);
}

void UnawaitedTaskCheck::checkUnusedVariable(const VarDecl &Var, const Stmt &Body,
                                             ASTContext &Ctx) {
  QualType T = Var.getType();
  TaskStart Start = Tasks.classify(T, Ctx);
  if (Start == TaskStart::NotATask || isIgnoredType(T))
    return;
  if (Start == TaskStart::Eager && (!ReportEagerTasks || !isObservableTask(T)))
    return;
  // Any mention counts as consuming it: awaited, moved, returned, passed on,
  // or deliberately dropped with (void).
  auto Uses = match(findAll(declRefExpr(to(varDecl(equalsNode(&Var))))), Body, Ctx);
  if (!Uses.empty())
    return;
  SourceLocation Loc = Var.getLocation();
  TestVerdict Verdict = verdictAt(DynTypedNode::create(Var), Loc, Start, Ctx);
  if (Verdict == TestVerdict::Hide || !Reported.insert(Loc.getRawEncoding()).second)
    return;
  if (Start == TaskStart::Lazy)
    diag(Loc, "task %0 is never awaited, moved, returned or passed on, so it "
              "never runs")
        << &Var;
  else
    diag(Loc, "task %0 is never awaited, moved, returned or passed on: its "
              "result and any exception it throws are lost")
        << &Var;
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Loc);
}

void UnawaitedTaskCheck::checkReturnFromTry(const ReturnStmt &Return, ASTContext &Ctx) {
  std::optional<ReturnedFromTry> Found = returnedFromTry(Return, Tasks, Ctx);
  if (!Found)
    return;
  SourceLocation Loc = Found->Task->getBeginLoc();
  TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(Return), Loc, Ctx);
  if (Verdict == TestVerdict::Hide || !Reported.insert(Loc.getRawEncoding()).second)
    return;
  diag(Loc, "the try around this return never sees a failure of the task it returns: the task "
            "runs after the function has returned; make the function a coroutine and "
            "'co_return co_await' the task")
      << Found->Task->getSourceRange();
  diag(Found->Try->getHandler(0)->getBeginLoc(),
       "handles only what is thrown before the task exists", DiagnosticIDs::Note);
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Loc);
}

void UnawaitedTaskCheck::checkDroppedCallable(const DroppedCallable &Dropped, ASTContext &Ctx) {
  TaskStart Start = Tasks.classify(Dropped.Task, Ctx);
  if (isIgnoredType(Dropped.Task) ||
      (Start == TaskStart::Eager && (!ReportEagerTasks || !isObservableTask(Dropped.Task))))
    return;
  SourceLocation Loc = Dropped.Callable->getBeginLoc();
  TestVerdict Verdict = verdictAt(DynTypedNode::create(*Dropped.Callable), Loc, Start, Ctx);
  if (Verdict == TestVerdict::Hide || !Reported.insert(Loc.getRawEncoding()).second)
    return;
  if (Start == TaskStart::Lazy)
    diag(Loc, "the task this callable returns is discarded by '%0' and never runs")
        << Dropped.By << Dropped.Callable->getSourceRange();
  else
    diag(Loc, "the task this callable returns is discarded by '%0': it runs, but its result and "
              "any exception it throws are lost")
        << Dropped.By << Dropped.Callable->getSourceRange();
  if (Dropped.InCallee && !Dropped.Via.empty())
    diag(Dropped.DroppedAt->getBeginLoc(), "'%0' converts it here to '%1', whose calls return void",
         DiagnosticIDs::Note)
        << Dropped.By << Dropped.Via;
  else if (Dropped.InCallee)
    diag(Dropped.DroppedAt->getBeginLoc(), "'%0' calls it here and drops the task it returns",
         DiagnosticIDs::Note)
        << Dropped.By;
  else
    diag(Dropped.DroppedAt->getBeginLoc(),
         "converted here to '%0', whose calls return void; take a callable that returns the task "
         "and await it, or hand it to the framework's spawner",
         DiagnosticIDs::Note)
        << Dropped.By;
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Loc);
}

void UnawaitedTaskCheck::checkErrorPaths(const FunctionDecl &Coroutine, ASTContext &Ctx) {
  const Stmt *Body = ReportEagerTasks ? analysableCoroutineBody(Coroutine) : nullptr;
  std::unique_ptr<ExecutionOrder> Order =
      Body ? ExecutionOrder::build(Coroutine, *Body, Ctx) : nullptr;
  if (!Order)
    return;
  for (const AbandonedWork &Work : abandonedOnError(*Body, *Order, Tasks, Ctx)) {
    SourceLocation Loc = Work.Start->getBeginLoc();
    TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(*Work.Start), Loc, Ctx);
    if (Verdict == TestVerdict::Hide || !Reported.insert(Loc.getRawEncoding()).second)
      continue;
    diag(Loc, "work started into %0 runs on unobserved if the coroutine leaves by an exception "
              "before awaiting it; await it before anything that can throw, in a handler before "
              "rethrowing, or start it in a scope that joins when it ends")
        << Work.Holder;
    diag(Work.Throw->getBeginLoc(), "this can throw while the work is running",
         DiagnosticIDs::Note);
    diag(Work.Join->getBeginLoc(), "%0 is awaited or handed on only here", DiagnosticIDs::Note)
        << Work.Holder;
    if (Verdict == TestVerdict::ReportMarked)
      markHiddenInTestCode(Loc);
  }
}

void UnawaitedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Wrapper = Result.Nodes.getNodeAs<Expr>("wrapper"))
    if (auto Dropped = droppedByWrapperHere(*Wrapper, Tasks, Ctx))
      checkDroppedCallable(*Dropped, Ctx);
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("handing"))
    if (auto Dropped = droppedByCallee(*Call, catalog(), Tasks, Ctx))
      checkDroppedCallable(*Dropped, Ctx);
  if (const auto *Return = Result.Nodes.getNodeAs<ReturnStmt>("return-in-try"))
    checkReturnFromTry(*Return, Ctx);
  if (const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine"))
    checkErrorPaths(*Coroutine, Ctx);
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call"))
    checkDiscardedCall(*Call, Ctx);
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var");
      Var && dyn_cast_or_null<CallExpr>(skipTransparent(Var->getInit())))
    if (const Stmt *Body = enclosingBody(*Var))
      checkUnusedVariable(*Var, *Body, Ctx);
}

} // namespace asynclint
