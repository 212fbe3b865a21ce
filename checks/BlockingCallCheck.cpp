#include "BlockingCallCheck.h"
#include "utils/NonBlocking.h"
#include "utils/ReadyResult.h"

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

/// The API as the code names it: 'std::ifstream::ifstream' rather than the
/// catalogue's 'std::basic_ifstream'.
std::string nameAsWritten(const BlockingApi &Api, const Expr &E, ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  auto TypeName = [&](QualType T) {
    return T.getNonReferenceType().getUnqualifiedType().getAsString(Policy);
  };
  if (Api.Kind == ApiKind::Constructor) {
    std::string Type = TypeName(E.getType());
    StringRef Last = StringRef(Type).rsplit("::").second;
    if (Last.empty())
      Last = Type;
    return Type + "::" + Last.split('<').first.str();
  }
  if (Api.Kind == ApiKind::Operator && Api.Object.empty())
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&E))
      return TypeName(Op->getArg(0)->IgnoreParenImpCasts()->getType()) + "::operator" + Api.Member;
  return Api.displayName();
}

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), ApiOptions{Options.get("BlockingFunctions", "").str(),
                                                Options.get("IgnoredFunctions", "").str(),
                                                Options.get("IgnoredCategories", "").str(),
                                                Options.get("NonBlockingTypes", "").str()},
      CatalogFile(Options.getLocalOrGlobal("CatalogFile", "")),
      SharedCatalog(Catalog::shared(
          CatalogFile, [this](const std::string &Problem) { configurationProblem(Problem); })),
      Cat(*SharedCatalog),
      Index(Cat, ApiOptions, getID(),
            [this](const std::string &Problem) { configurationProblem(Problem); }),
      Classifier(Cat), SyncStarted(Cat),
      Tests(Options, Context,
            [this](const std::string &Problem) { configurationProblem(Problem); }) {}

void BlockingCallCheck::configurationProblem(const std::string &Problem) {
  configurationDiag("%0", DiagnosticIDs::Error) << Problem;
}

void BlockingCallCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "BlockingFunctions", ApiOptions.BlockingFunctions);
  Options.store(Opts, "IgnoredFunctions", ApiOptions.IgnoredFunctions);
  Options.store(Opts, "IgnoredCategories", ApiOptions.IgnoredCategories);
  Options.store(Opts, "NonBlockingTypes", ApiOptions.NonBlockingTypes);
  Options.store(Opts, "CatalogFile", CatalogFile);
  Tests.storeOptions(Options, Opts);
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
  if (std::vector<StringRef> Names = Index.classNames(); !Names.empty())
    Finder->addMatcher(cxxConstructExpr(hasDeclaration(cxxConstructorDecl(
                                            ofClass(cxxRecordDecl(hasAnyName(Names))))))
                           .bind("call"),
                       this);
  if (std::vector<StringRef> Spellings = Index.operatorSpellings(); !Spellings.empty())
    Finder->addMatcher(cxxOperatorCallExpr(hasAnyOverloadedOperatorName(Spellings)).bind("call"),
                       this);
}

bool BlockingCallCheck::isExpected(const Expr &E, const BlockingApi &Api,
                                   const FunctionDecl &Coroutine, const CoroutineFacts &Facts,
                                   ASTContext &Ctx) {
  if (Api.WhenDiscarded && !isResultDiscarded(E, Ctx))
    return true;
  if (isWakeUpWrite(E, Ctx))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(&E);
      Call && Api.Descriptor && usesNonBlockingDescriptor(*Call, Coroutine, Cat, Ctx))
    return true;
  // Until it first suspends, a coroutine that only a plain function's
  // synchronous wait starts runs on that caller's thread, which waits anyway.
  if (SyncStarted.runsOnWaitingCaller(E, Coroutine, Orders.of(Coroutine), Ctx))
    return true;
  // A coroutine given a thread of its own (concurrencpp's executor_tag on a
  // thread_executor) blocks only itself.
  bool MayBlockItsThread = Api.Category != SyncWaitCategory;
  if (MayBlockItsThread && Facts.OnDedicatedThread)
    return true;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&E);
  if (!Member && (!MayBlockItsThread || Facts.Offloads.empty()))
    return false;
  const ExecutionOrder *Order = Orders.of(Coroutine);
  if (!Order)
    return false;
  if (Member &&
      isReadyBefore(*Member, *cast<CoroutineBodyStmt>(Coroutine.getBody())->getBody(), *Order, Ctx))
    return true;
  // After moving onto a pool meant for blocking work, on every path,
  // blocking is what the pool is for; waiting synchronously on other
  // coroutines still deadlocks.
  return MayBlockItsThread && !Facts.Offloads.empty() && Order->mustPrecede(Facts.Offloads, E);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<Expr>("call");
  ASTContext &Ctx = *Result.Context;
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
  if (!Facts.Asynchronous || isAwaitedDirectly(*E, Ctx))
    return;
  if (isExpected(*E, *Api, *Coroutine, Facts, Ctx))
    return;

  SourceLocation Loc = E->getExprLoc();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()))
      Loc = ME->getMemberLoc();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E); Op && Op->getOperator() == OO_Call)
    Loc = Op->getBeginLoc();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    Loc = Construct->getBeginLoc();

  TestVerdict Verdict = Tests.verdictFor(DynTypedNode::create(*E), Loc, Ctx);
  if (Verdict == TestVerdict::Hide)
    return;

  // The API's own library knows its asynchronous form best (Beast's
  // async_read); otherwise the coroutine's framework says how to wait.
  const Framework *ApiFramework = Cat.framework(Api->Framework);
  std::string Advice = !Api->Advice.empty() ? Api->Advice
                       : ApiFramework && ApiFramework->Advice.count(Api->Category)
                           ? ApiFramework->Advice.at(Api->Category)
                           : Cat.advice(Api->Category, Facts.Fw);
  diag(Loc, "blocking call to '%0' (%1) in %2")
      << nameAsWritten(*Api, *E, Ctx) << Api->Category << describeCoroutine(*Coroutine)
      << E->getSourceRange();
  diag(Loc, "%0", DiagnosticIDs::Note) << Advice;
  if (Verdict == TestVerdict::ReportMarked)
    diag(Loc, TestCodeFilter::HiddenNote, DiagnosticIDs::Note);
}

std::optional<StringRef> BlockingCallCheck::categoryOfMessage(StringRef Message) {
  if (!Message.consume_front("blocking call to '"))
    return std::nullopt;
  size_t Open = Message.find("' (");
  if (Open == StringRef::npos)
    return std::nullopt;
  StringRef Rest = Message.drop_front(Open + 3);
  size_t Close = Rest.find(')');
  if (Close == StringRef::npos)
    return std::nullopt;
  return Rest.take_front(Close);
}

} // namespace asynclint
