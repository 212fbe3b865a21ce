#include "BlockingCallCheck.h"
#include "core/OwnBody.h"
#include "models/blocking-call/NonBlocking.h"
#include "models/blocking-call/ReadyResult.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

constexpr llvm::StringLiteral SyncWaitCategory = "sync-wait";

/// A note that is one step of the path from the reported call down to the
/// API it reaches: SARIF shows these as the finding's code flow.
const FindingMetadata ChainStepNote = FindingMetadata::note(NoteRole::ChainStep);

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context), Settings(Options),
      CommandDirectory(Context->getCurrentBuildDirectory()), Cat(catalog()),
      Index(Cat, Settings.Api, getID(),
            [this](const std::string &Problem) { configurationProblem(Problem); }),
      Classifier(Cat), Helpers(Cat, Index, Orders, Settings.NonBlockingFunctions,
                               Settings.LogMacros, Settings.AuditMode),
      SyncStarted(Cat, Orders) {}

void BlockingCallCheck::loadProjectFacts(ASTContext &Ctx) {
  // The merged facts of an earlier whole-project run, when there are some,
  // tell where calls into other units lead. The build directory is the
  // compile command's: clang-tidy says which, clangd parses there.
  if (FactsLoaded)
    return;
  FactsLoaded = true;
  std::string BuildDirectory = CommandDirectory;
  if (BuildDirectory.empty())
    if (auto Cwd = Ctx.getSourceManager()
                       .getFileManager()
                       .getVirtualFileSystem()
                       .getCurrentWorkingDirectory())
      BuildDirectory = *Cwd;
  Project = ProjectFacts::nearest(Settings.FactsDirectory, BuildDirectory);
  if (Project)
    Helpers.setProjectFacts(&*Project);
}

void BlockingCallCheck::storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Settings.store(Options, Opts);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  // Cheap preselection by unqualified name; check() resolves the entry.
  if (std::vector<StringRef> Names = Index.functionNames(); !Names.empty())
    Finder->addMatcher(callExpr(callee(functionDecl(hasAnyName(Names))),
                                unless(cxxMemberCallExpr()), unless(cxxOperatorCallExpr()))
                           .bind("call"),
                       this);
  if (std::vector<StringRef> Names = Index.methodNames(); !Names.empty())
    Finder->addMatcher(cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(Names)))).bind("call"),
                       this);
  if (std::vector<StringRef> Names = Index.returnedClassNames(); !Names.empty())
    Finder->addMatcher(
        cxxMemberCallExpr(callee(cxxMethodDecl(returns(hasUnqualifiedDesugaredType(
                              recordType(hasDeclaration(cxxRecordDecl(hasAnyName(Names)))))))))
            .bind("call"),
        this);
  if (std::vector<StringRef> Names = Index.classNames(); !Names.empty())
    Finder->addMatcher(cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
                                            ofClass(cxxRecordDecl(hasAnyName(Names))))))
                           .bind("call"),
                       this);
  if (std::vector<StringRef> Spellings = Index.operatorSpellings(); !Spellings.empty())
    Finder->addMatcher(cxxOperatorCallExpr(hasAnyOverloadedOperatorName(Spellings)).bind("call"),
                       this);
  // Calls to the project's own functions are followed from each coroutine
  // body, not matched one by one across the whole unit.
  Finder->addMatcher(coroutineBodyStmt().bind("coroutine-body"), this);
}

bool BlockingCallCheck::isExpected(const Expr &E, const BlockingApi &Api,
                                   const FunctionDecl &Coroutine, const CoroutineFacts &Facts,
                                   ASTContext &Ctx) {
  if (Api.WhenDiscarded && !isResultDiscarded(E, Ctx))
    return true;
  if (isWakeUpWrite(E, Ctx))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(&E);
      Call && Api.Descriptor &&
      usesNonBlockingDescriptor(*Call, Coroutine, Orders.of(Coroutine), Cat, Ctx))
    return true;
  if (blocksNoOneAt(E, Api.Category, Coroutine, Facts, Ctx))
    return true;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&E);
  const ExecutionOrder *Order = Member ? Orders.of(Coroutine) : nullptr;
  return Order && isReadyBefore(*Member, *cast<CoroutineBodyStmt>(Coroutine.getBody())->getBody(),
                                *Order, Ctx);
}

bool BlockingCallCheck::blocksNoOneAt(const Expr &E, StringRef Category,
                                      const FunctionDecl &Coroutine, const CoroutineFacts &Facts,
                                      ASTContext &Ctx) {
  // Until it first suspends, a coroutine that only a plain function's
  // synchronous wait starts runs on that caller's thread, which waits anyway.
  if (SyncStarted.runsOnWaitingCaller(E, Coroutine, Orders.of(Coroutine), Ctx))
    return true;
  // A coroutine given a thread of its own (concurrencpp's executor_tag on a
  // thread_executor) blocks only itself.
  bool MayBlockItsThread = Category != SyncWaitCategory;
  if (MayBlockItsThread && Facts.OnDedicatedThread)
    return true;
  if (!MayBlockItsThread || Facts.Offloads.empty())
    return false;
  // After moving onto a pool meant for blocking work, on every path,
  // blocking is what the pool is for; waiting synchronously on other
  // coroutines still deadlocks.
  const ExecutionOrder *Order = Orders.of(Coroutine);
  return Order && Order->mustPrecede(Facts.Offloads, E);
}

std::string BlockingCallCheck::adviceFor(llvm::StringRef OwnAdvice, StringRef Category,
                                         const CoroutineFacts &Facts) const {
  return OwnAdvice.empty() ? Cat.advice(Category, Facts.Fw) : OwnAdvice.str();
}

void BlockingCallCheck::reportChain(const BlockingChain &Chain, StringRef Api,
                                    SourceLocation CallLoc, ASTContext &Ctx) {
  for (const BlockingStep &Step : Chain.Steps) {
    std::string Caller = BlockingHelpers::displayName(*Step.Function);
    SourceLocation At = BlockingHelpers::callLocation(*Step.Call);
    // The last local step calls the API, or a function of another unit.
    if (const FunctionDecl *Next = Step.Callee ? Step.Callee : Chain.External)
      diag(At, "'%0' calls %1", DiagnosticIDs::Note)
          << Caller << BlockingHelpers::describeCallee(*Step.Call, *Next) << ChainStepNote;
    else
      diag(At, "'%0' reaches '%1' (%2)", DiagnosticIDs::Note)
          << Caller << Api << Chain.category() << ChainStepNote;
  }
  if (!Chain.Remote)
    return;
  // The rest of the chain is in other units, as the merged facts say.
  SourceManager &SM = Ctx.getSourceManager();
  for (const ChainStep &Step : Chain.Remote->Steps) {
    SourceLocation At = BlockingHelpers::locationOf(Step.Where, SM);
    std::string Where;
    if (At.isInvalid()) {
      At = CallLoc;
      Where = " (" + Step.Where.File + ":" + std::to_string(Step.Where.Line) + ")";
    }
    if (!Step.Callee.empty())
      diag(At, "'%0' calls '%1'%2", DiagnosticIDs::Note)
          << Step.Function << Step.Callee << Where << ChainStepNote;
    else
      diag(At, "'%0' reaches '%1' (%2)%3", DiagnosticIDs::Note)
          << Step.Function << Api << Chain.category() << Where << ChainStepNote;
  }
}

void BlockingCallCheck::checkHelperCalls(const FunctionDecl &Coroutine, const Stmt &Body,
                                         ASTContext &Ctx) {
  if (isInstantiatedPattern(Coroutine))
    return;
  const CoroutineFacts &Facts = Classifier.facts(Coroutine);
  if (!Facts.Asynchronous)
    return;
  loadProjectFacts(Ctx);
  forEachOwnNode(&Body, [&](const Stmt &S) {
    const auto *E = dyn_cast<Expr>(&S);
    if (!E || !isa<CallExpr, CXXConstructExpr>(E))
      return;
    // A catalogued API is reported as such, and a lambda called on the
    // spot is walked as part of the coroutine.
    if (Index.lookup(*E, Ctx))
      return;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E); Op && lambdaCalledOnTheSpot(*Op))
      return;
    const FunctionDecl *Called = nullptr;
    BlockingChain Chain = Helpers.chainOfCall(*E, Ctx, Called);
    if (!Chain.blocks() || isAwaitedDirectly(*E, Ctx) ||
        blocksNoOneAt(*E, Chain.category(), Coroutine, Facts, Ctx))
      return;
    SourceLocation Loc = BlockingHelpers::callLocation(*E);
    // A test framework's assertion macro calls its own machinery, which
    // may read a file on a failure's path: not what the test does.
    if (tests().isMacroMachineryInTest(DynTypedNode::create(*E), Loc, Ctx))
      return;
    TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(*E), Loc, Ctx);
    if (Verdict == TestVerdict::Hide)
      return;
    std::string Api = Chain.Api
                          ? BlockingHelpers::apiName(*Chain.Api, *Chain.Steps.back().Call, Ctx)
                          : Chain.Remote->Use.Api;
    diag(Loc, "call to %0 may block in %1: it reaches '%2' (%3)")
        << BlockingHelpers::describeCallee(*E, *Called) << describeCoroutine(Coroutine) << Api
        << Chain.category() << E->getSourceRange() << FindingMetadata::category(3);
    reportChain(Chain, Api, Loc, Ctx);
    diag(Loc, "%0", DiagnosticIDs::Note) << adviceFor(
        Chain.Api ? Cat.ownAdvice(*Chain.Api) : Chain.Remote->Use.Advice, Chain.category(), Facts);
    if (Verdict == TestVerdict::ReportMarked)
      markHiddenInTestCode(Loc);
  });
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *Body = Result.Nodes.getNodeAs<CoroutineBodyStmt>("coroutine-body")) {
    if (const FunctionDecl *Coroutine = enclosingFunction(*Body, Ctx))
      checkHelperCalls(*Coroutine, *Body->getBody(), Ctx);
    return;
  }
  const auto *E = Result.Nodes.getNodeAs<Expr>("call");
  if (!E)
    return;
  const BlockingApi *Api = Index.lookup(*E, Ctx);
  if (!Api)
    return;
  const FunctionDecl *Coroutine = enclosingCoroutine(*E, Ctx);
  // A template's body is judged in its instantiations when it has some:
  // clang builds no CFG for a body that awaits something dependent.
  if (!Coroutine || isInstantiatedPattern(*Coroutine))
    return;
  const CoroutineFacts &Facts = Classifier.facts(*Coroutine);
  if (!Facts.Asynchronous || isAwaitedDirectly(*E, Ctx) || isInDiscardedBranch(*E, Ctx) ||
      Helpers.isInLogMacro(*E, Ctx))
    return;
  if (isExpected(*E, *Api, *Coroutine, Facts, Ctx))
    return;

  SourceLocation Loc = BlockingHelpers::callLocation(*E);
  TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(*E), Loc, Ctx);
  if (Verdict == TestVerdict::Hide)
    return;

  diag(Loc, "blocking call to '%0' (%1) in %2")
      << BlockingHelpers::apiName(*Api, *E, Ctx) << Api->Category << describeCoroutine(*Coroutine)
      << E->getSourceRange() << FindingMetadata::category(1);
  diag(Loc, "%0", DiagnosticIDs::Note) << adviceFor(Cat.ownAdvice(*Api), Api->Category, Facts);
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Loc);
}

} // namespace asynclint
