#include "DetachedTaskCheck.h"
#include "core/ApiConditions.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "models/detached-task/FailureValues.h"

#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

/// A lambda argument that never looks at the result it is handed.
bool callbackIgnoresResult(const Expr *Arg) {
  if (!Arg)
    return false;
  const auto *Lambda = dyn_cast<LambdaExpr>(Arg->IgnoreImplicit()->IgnoreParens());
  if (!Lambda)
    return false;
  const CXXMethodDecl *Op = Lambda->getCallOperator();
  if (!Op || Op->getNumParams() == 0)
    return true;
  // A generic lambda's parameter is only referenced in its pattern.
  const ParmVarDecl *Param = Op->getParamDecl(0);
  return !Param->getIdentifier() || (!Param->isUsed() && !Param->isReferenced());
}

/// A coroutine body made of try statements (after some local declarations),
/// each with a handler for `...` or std::exception: the coroutine deals with
/// its own failures.
bool handlesOwnExceptions(const Stmt *Body) {
  const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body);
  const auto *Statements =
      dyn_cast_or_null<CompoundStmt>(Coroutine ? Coroutine->getBody() : nullptr);
  if (!Statements || Statements->body_empty())
    return false;
  const auto *FirstTry =
      llvm::find_if(Statements->body(), [](const Stmt *S) { return !isa<DeclStmt>(S); });
  if (FirstTry == Statements->body_end())
    return false;
  return llvm::all_of(llvm::make_range(FirstTry, Statements->body_end()), [](const Stmt *S) {
    const auto *Try = dyn_cast<CXXTryStmt>(S);
    if (!Try)
      return false;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      const CXXCatchStmt *Handler = Try->getHandler(I);
      if (!Handler->getExceptionDecl())
        return true;
      const CXXRecordDecl *Caught = recordOf(Handler->getCaughtType(), true);
      if (Caught && qualifiedName(*Caught) == "std::exception")
        return true;
    }
    return false;
  });
}

/// `token` or `std::forward<Token>(token)`, where `token` is a parameter of an
/// instantiation of a function template named \p Function.
bool isForwardedParameterOf(const Expr &Arg, llvm::StringRef Function) {
  const Expr *E = Arg.IgnoreImplicit()->IgnoreParens();
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1)
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && llvm::is_contained({"std::forward", "std::move"}, qualifiedName(*Callee)))
      E = Call->getArg(0)->IgnoreImplicit()->IgnoreParens();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  const auto *Owner = Param ? dyn_cast<FunctionDecl>(Param->getDeclContext()) : nullptr;
  return Owner && Owner->isTemplateInstantiation() && qualifiedName(*Owner) == Function;
}

/// The task a member spawner is called on, past the calls that only move it
/// to an executor or wrap it (`via(ex)`).
const Expr *startedTask(const CXXMemberCallExpr &Start) {
  const Expr *Task = Start.getImplicitObjectArgument();
  while (Task) {
    const auto *Wrap = dyn_cast<CXXMemberCallExpr>(Task->IgnoreImplicit()->IgnoreParens());
    if (!Wrap || !isAwaitableType(Wrap->getImplicitObjectArgument()->getType()))
      break;
    Task = Wrap->getImplicitObjectArgument();
  }
  return Task;
}

/// Whether nothing the coroutine \p Body runs can throw, for one that never
/// suspends (`++count; co_return;`): its awaits are the failure-values
/// analysis's to judge, and following every call an await makes through a
/// framework costs more than a spawn is worth.
bool cannotThrow(const Stmt &Body, const FailureValues &Failures) {
  const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(&Body);
  return Coroutine && ownSuspensions(*Coroutine->getBody()).empty() &&
         Failures.cannotThrow(*Coroutine->getBody());
}

/// Whether the spawned work, when its code is visible, lets no exception
/// out: `co_spawn(ex, echo(std::move(socket)), detached)` with an echo()
/// wrapped in try/catch or awaiting with as_tuple, or a lambda returning
/// such a call.
bool workHandlesOwnExceptions(const Expr *Work, const FailureValues &Failures, ASTContext &Ctx,
                              unsigned Depth = 0) {
  if (!Work || Depth > 2)
    return false;
  Work = Work->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
  const FunctionDecl *Function = nullptr;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Work))
    Function = Lambda->getCallOperator();
  else if (const auto *Call = dyn_cast<CallExpr>(Work))
    Function = Call->getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Function || !Function->hasBody(Definition))
    return false;
  const Stmt *Body = Definition->getBody();
  if (handlesOwnExceptions(Body) || cannotThrow(*Body, Failures) ||
      Failures.reportsFailuresAsValues(*Definition, Ctx))
    return true;
  // `[self] { return self->reader(); }`: look at what it returns.
  if (const auto *Block = dyn_cast<CompoundStmt>(Body); Block && Block->size() == 1)
    if (const auto *Return = dyn_cast<ReturnStmt>(Block->body_front()))
      return workHandlesOwnExceptions(Return->getRetValue(), Failures, Ctx, Depth + 1);
  return false;
}

} // namespace

DetachedTaskCheck::DetachedTaskCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context), Cat(catalog()),
      IgnoredSpawners(Options.get("IgnoredSpawners", "")) {
  Failures = std::make_unique<FailureValues>(Cat);
  llvm::StringSet<> Ignored;
  insertNames(Ignored, IgnoredSpawners);
  for (const BlockingApi &Api : Cat.spawnerApis())
    if (!Ignored.contains(Api.displayName()))
      Spawners.push_back(&Api);
}

void DetachedTaskCheck::storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "IgnoredSpawners", IgnoredSpawners);
}

void DetachedTaskCheck::registerMatchers(MatchFinder *Finder) {
  llvm::StringSet<> Names;
  bool HasCallable = false;
  for (const BlockingApi *Api : Spawners) {
    if (Api->Kind == ApiKind::Function || Api->Kind == ApiKind::Method)
      Names.insert(spelledName(*Api));
    else if (Api->Kind == ApiKind::Operator)
      HasCallable = true;
  }
  std::vector<StringRef> Keys(Names.keys().begin(), Names.keys().end());
  if (!Keys.empty())
    Finder->addMatcher(
        callExpr(callee(functionDecl(hasAnyName(Keys))), unless(cxxOperatorCallExpr()))
            .bind("call"),
        this);
  if (HasCallable)
    Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("()")).bind("call"), this);
}

const BlockingApi *DetachedTaskCheck::lookup(const CallExpr &Call, ASTContext &Ctx) const {
  for (const BlockingApi *Api : Spawners)
    if (callNamesApi(Call, *Api) && applies(*Api, Call, Ctx))
      return Api;
  return nullptr;
}

bool DetachedTaskCheck::applies(const BlockingApi &Api, const CallExpr &Call,
                                ASTContext &Ctx) const {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
  // Operator calls count the object as argument 0; the catalogue counts the
  // arguments the way the call is written.
  const Expr *const *Args = Call.getArgs();
  unsigned NumArgs = Call.getNumArgs();
  if (isa<CXXOperatorCallExpr>(Call) && NumArgs > 0) {
    ++Args;
    --NumArgs;
  }
  if (!argumentsMatch(Api, Callee, Args, NumArgs, Ctx))
    return false;
  // One overload of the spawner handing its caller's token to another
  // (asio's co_spawn(ctx, ...) forwarding to co_spawn(ctx.get_executor(),
  // ...)): the choice was made, and is reported, where the caller wrote it.
  if (Api.Argument && Api.Argument->Index < NumArgs && Callee &&
      isForwardedParameterOf(*Args[Api.Argument->Index], qualifiedName(*Callee)))
    return false;
  // Only a call that hands back something to keep can have it discarded.
  if (Api.WhenDiscarded && (Call.getType()->isVoidType() || !isResultDiscarded(Call, Ctx)))
    return false;
  if (!Api.UnlessMentions.empty() && argumentsMention(Call, [&](const NamedDecl &D) {
        return llvm::is_contained(Api.UnlessMentions, qualifiedName(D));
      }))
    return false;
  if (Api.IgnoredCallback &&
      (*Api.IgnoredCallback >= NumArgs || !callbackIgnoresResult(Args[*Api.IgnoredCallback])))
    return false;
  if (Api.InCoroutine && !enclosingCoroutine(Call, Ctx))
    return false;
  if (Api.WorkArgument && *Api.WorkArgument < NumArgs &&
      workHandlesOwnExceptions(Args[*Api.WorkArgument], *Failures, Ctx))
    return false;
  // A member spawner starts the task it is called on: `lazy().start(cb)`,
  // `lazy().via(ex).start(cb)`.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
      Member && !Api.WorkArgument && workHandlesOwnExceptions(startedTask(*Member), *Failures, Ctx))
    return false;
  return true;
}

void DetachedTaskCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!Call)
    return;
  const BlockingApi *Api = lookup(*Call, *Result.Context);
  if (!Api)
    return;
  SourceLocation Loc = Call->getBeginLoc();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()))
      Loc = ME->getMemberLoc();
  TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(*Call), Loc, *Result.Context);
  if (Verdict == TestVerdict::Hide)
    return;
  diag(Loc, "'%0' starts work whose failure nobody will see")
      << Api->displayName() << Call->getSourceRange();
  diag(Loc, "%0", DiagnosticIDs::Note) << Api->Advice;
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Loc);
}

} // namespace asynclint
