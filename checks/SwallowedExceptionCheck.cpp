#include "SwallowedExceptionCheck.h"
#include "core/Names.h"
#include "core/OwnBody.h"
#include "models/swallowed-exception/Handlers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

std::string caughtName(const CXXCatchStmt &Handler) {
  if (!Handler.getExceptionDecl())
    return "...";
  return Handler.getCaughtType().getNonReferenceType().getUnqualifiedType().getAsString();
}

} // namespace

SwallowedExceptionCheck::SwallowedExceptionCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context), CancellationTypes(Options.get("CancellationTypes", "")),
      CancellationChecks(Options.get("CancellationChecks", "")), Cat(catalog()), Classifier(Cat) {
  for (const Framework &F : Cat.frameworks()) {
    for (const std::string &T : F.CancellationTypes)
      CancellationTypeNames.insert(T);
    for (const std::string &C : F.CancellationChecks)
      CancellationCheckNames.insert(C);
  }
  insertNames(CancellationTypeNames, CancellationTypes);
  insertNames(CancellationCheckNames, CancellationChecks);
}

void SwallowedExceptionCheck::storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CancellationTypes", CancellationTypes);
  Options.store(Opts, "CancellationChecks", CancellationChecks);
}

void SwallowedExceptionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(cxxCatchStmt().bind("handler"), this);
  auto PromiseType =
      cxxRecordDecl(hasMethod(hasName("initial_suspend")), hasMethod(hasName("final_suspend")));
  Finder->addMatcher(cxxMethodDecl(hasName("unhandled_exception"), isDefinition(),
                                   ofClass(PromiseType.bind("promise")), unless(isInstantiated()))
                         .bind("unhandled"),
                     this);
}

bool SwallowedExceptionCheck::isCancellationType(const CXXCatchStmt &Handler) const {
  if (!Handler.getExceptionDecl())
    return true; // catch (...)
  const CXXRecordDecl *Caught = recordOf(Handler.getCaughtType(), true);
  return Caught && CancellationTypeNames.contains(qualifiedName(*Caught));
}

bool SwallowedExceptionCheck::isDedicatedCancellationType(const CXXCatchStmt &Handler) const {
  const CXXRecordDecl *Caught = recordOf(Handler.getCaughtType(), true);
  if (!Handler.getExceptionDecl() || !Caught)
    return false;
  // std::exception and the system_error types carry every other failure too.
  std::string Name = qualifiedName(*Caught);
  return CancellationTypeNames.contains(Name) && !StringRef(Name).starts_with("std::") &&
         !StringRef(Name).ends_with("::system_error");
}

bool SwallowedExceptionCheck::handlesCancellation(const Stmt &Body) const {
  HandlerEffects Effects;
  scanHandler(Body, /*InBreakScope=*/false, CancellationCheckNames, Effects);
  return Effects.Rethrows || Effects.Leaves || Effects.KeepsException || Effects.ChecksCancellation;
}

void SwallowedExceptionCheck::checkHandler(const CXXCatchStmt &Handler, ASTContext &Ctx) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Handler.getHandlerBlock());
  const FunctionDecl *Coroutine = enclosingCoroutine(Handler, Ctx);
  if (!Body || !Coroutine)
    return;
  const auto *Try = [&]() -> const CXXTryStmt * {
    for (const DynTypedNode &P : Ctx.getParents(Handler))
      if (const auto *T = P.get<CXXTryStmt>())
        return T;
    return nullptr;
  }();
  // Asked only of a handler about to be reported: it walks every ancestor.
  auto VerdictHere = [&] {
    return tests().verdictFor(DynTypedNode::create(Handler), Handler.getCatchLoc(), Ctx);
  };

  if (Body->body_empty()) {
    // The framework's own cancellation exception, caught where it ends the
    // operation (not inside a loop that would go round again), is how a
    // cancelled coroutine stops.
    if (Try && isDedicatedCancellationType(Handler) && !enclosingEndlessLoop(*Try, Ctx))
      return;
    TestVerdict Verdict = VerdictHere();
    if (Verdict == TestVerdict::Hide)
      return;
    diag(Handler.getCatchLoc(), "empty handler for '%0' in %1 swallows the exception")
        << caughtName(Handler) << describeCoroutine(*Coroutine);
    diag(Handler.getCatchLoc(), "handle it, or let it propagate to the awaiting coroutine",
         DiagnosticIDs::Note);
    if (Verdict == TestVerdict::ReportMarked)
      markHiddenInTestCode(Handler.getCatchLoc());
    return;
  }
  if (!Try || !isCancellationType(Handler) || handlesCancellation(*Body))
    return;
  // An earlier handler that deals with cancellation itself protects this one.
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
    const CXXCatchStmt *Earlier = Try->getHandler(I);
    if (Earlier == &Handler)
      break;
    if (Earlier->getExceptionDecl() && isCancellationType(*Earlier) &&
        handlesCancellation(*Earlier->getHandlerBlock()))
      return;
  }
  bool Awaits = anyOwnNode(Try->getTryBlock(),
                           [](const Stmt &S) { return isa<CoawaitExpr, CoyieldExpr>(S); });
  if (!Awaits || !enclosingEndlessLoop(*Try, Ctx))
    return;

  const CoroutineFacts &Facts = Classifier.facts(*Coroutine);
  std::string Hint;
  if (Facts.Fw && !Facts.Fw->CancellationChecks.empty())
    Hint = " (" + Facts.Fw->CancellationChecks.front() + ")";
  else if (Facts.Fw && !Facts.Fw->CancellationTypes.empty())
    Hint = " (catch '" + Facts.Fw->CancellationTypes.front() + "' and rethrow it)";
  TestVerdict Verdict = VerdictHere();
  if (Verdict == TestVerdict::Hide)
    return;
  diag(Handler.getCatchLoc(), "handler for '%0' in %1 swallows cancellation")
      << caughtName(Handler) << describeCoroutine(*Coroutine);
  diag(Handler.getCatchLoc(),
       "after the awaited operation is cancelled the loop goes round again and spins",
       DiagnosticIDs::Note);
  diag(Handler.getCatchLoc(), "rethrow, leave the loop, or test for cancellation first%0",
       DiagnosticIDs::Note)
      << Hint;
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Handler.getCatchLoc());
}

void SwallowedExceptionCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Handler = Result.Nodes.getNodeAs<CXXCatchStmt>("handler"))
    checkHandler(*Handler, Ctx);
  const auto *Method = Result.Nodes.getNodeAs<CXXMethodDecl>("unhandled");
  const auto *Promise = Result.Nodes.getNodeAs<CXXRecordDecl>("promise");
  if (!Method || !Promise)
    return;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Method->getBody());
  if (!Body || !Body->body_empty())
    return;
  TestVerdict Verdict =
      tests().verdictFor(DynTypedNode::create(*Method), Method->getLocation(), Ctx);
  if (Verdict == TestVerdict::Hide)
    return;
  diag(Method->getLocation(),
       "empty 'unhandled_exception()' in promise type '%0' discards every exception thrown by "
       "its coroutines")
      << Promise->getQualifiedNameAsString();
  diag(Method->getLocation(),
       "store std::current_exception() and rethrow it to the awaiter, or call std::terminate()",
       DiagnosticIDs::Note);
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Method->getLocation());
}

} // namespace asynclint
