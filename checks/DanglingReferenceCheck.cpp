#include "DanglingReferenceCheck.h"
#include "core/ApiConditions.h"
#include "core/Coroutines.h"
#include "core/HandedCallables.h"
#include "core/Names.h"
#include "models/dangling-reference/FrameUses.h"
#include "models/dangling-reference/HandedClosures.h"
#include "models/dangling-reference/KeptReferences.h"
#include "models/dangling-reference/Referents.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

std::string ownerAdvice(const CXXRecordDecl *View) {
  std::string Name = View ? qualifiedName(*View) : "";
  if (Name == "std::basic_string_view")
    return "take 'std::string' by value instead";
  if (Name == "std::span")
    return "take a 'std::vector' by value instead";
  return "take an owning type by value instead";
}

/// The location a finding about the object of a member call points at.
SourceLocation calleeLoc(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<MemberExpr>(Call.getCallee()->IgnoreImplicit()))
    return Member->getMemberLoc();
  return Call.getBeginLoc();
}

} // namespace

DanglingReferenceCheck::DanglingReferenceCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context, {/*Catalog=*/true, /*TestCode=*/false}), Cat(catalog()) {}

void DanglingReferenceCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(callee(functionDecl(mayBeCoroutine()))).bind("call"), this);
  Finder->addMatcher(lambdaExpr(capturesByReference()).bind("lambda"), this);
  Finder->addMatcher(lambdaExpr(capturesAnything()).bind("closure"), this);
}

void DanglingReferenceCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  EscapeFinder Escapes(Cat, Ctx, Tasks);
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda")) {
    checkHandedLambda(*Lambda, Escapes, Ctx);
    return;
  }
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("closure")) {
    checkHandedClosure(*Lambda, Escapes, Ctx);
    return;
  }
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return;
  if (const CXXRecordDecl *RD = returnRecord(*Callee); RD && RD->hasAttr<CoroAwaitElidableAttr>())
    return;
  const FunctionDecl *Definition = coroutineDefinition(*Callee);
  // Defined elsewhere: a function that hands back a coroutine type is taken
  // for a coroutine, as wrappers that are not one are written inline. A
  // launcher is not one, whatever it returns.
  if (!Definition && !isDeclaredCoroutine(*Callee) &&
      (Tasks.classify(Callee->getReturnType(), Ctx) == TaskStart::NotATask ||
       llvm::any_of(Cat.launcherApis(),
                    [&](const BlockingApi &Api) { return callNamesApi(*Call, Api); })))
    return;
  // A template's own body is judged in its instantiations. Asked last: the
  // first question about parents builds the map of the whole unit.
  if (const FunctionDecl *Caller = firstFunctionAbove(*Call, Ctx, Callers);
      Caller && isInstantiatedPattern(*Caller))
    return;
  checkArguments(*Call, *Callee, Definition, Escapes, Ctx);
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || !Definition || Method->isStatic() ||
      Method->hasCXXExplicitFunctionObjectParameter())
    return;
  if (Method->getParent()->isLambda() || !isa<CXXMemberCallExpr>(Call) ||
      !isa<CXXThisExpr>(
          cast<CXXMemberCallExpr>(Call)->getImplicitObjectArgument()->IgnoreParenImpCasts()))
    checkObject(*Call, *Method, *Definition, Escapes, Ctx);
  else
    checkThis(*Call, *Method, *Definition, Escapes, Ctx);
}

void DanglingReferenceCheck::checkArguments(const CallExpr &Call, const FunctionDecl &Callee,
                                            const FunctionDecl *Definition, EscapeFinder &Escapes,
                                            ASTContext &Ctx) {
  const CXXRecordDecl *Task = returnRecord(Callee);
  for (const auto &[Param, Arg, How, Object] :
       keptArguments(Call, Callee, Definition, Tasks, Orders, Ctx)) {
    std::optional<Escape> Found = Escapes.find(Call, Object);
    if (!Found || !firstReport(Arg->getBeginLoc()))
      continue;
    if (Object.K == Referent::Kind::Local)
      diag(Arg->getBeginLoc(), "'%0' dies before %1 is done with it")
          << Object.Var->getName() << describeCoroutine(Callee) << Arg->getSourceRange();
    else
      diag(Arg->getBeginLoc(), "temporary dies before %0 is done with it")
          << describeCoroutine(Callee) << Arg->getSourceRange();
    bool Lifetimebound =
        Param->hasAttr<LifetimeBoundAttr>() || (Task && Task->hasAttr<CoroLifetimeBoundAttr>());
    const char *Declared = Lifetimebound ? " (it is declared lifetimebound)" : "";
    if (How == Holding::Reference)
      diag(Param->getLocation(),
           "bound to reference parameter '%0'%1; take it by value so that the coroutine "
           "frame owns a copy",
           DiagnosticIDs::Note)
          << Param->getName() << Declared;
    else if (How == Holding::Pointer)
      diag(Param->getLocation(),
           "bound to pointer parameter '%0'%1; pass a value or a shared_ptr the coroutine can "
           "own",
           DiagnosticIDs::Note)
          << Param->getName() << Declared;
    else
      diag(Param->getLocation(), "bound to view parameter '%0'%1; %2", DiagnosticIDs::Note)
          << Param->getName() << Declared << ownerAdvice(recordOf(Param->getType(), false));
    noteEscape(*Found, Object);
  }
}

void DanglingReferenceCheck::checkObject(const CallExpr &Call, const CXXMethodDecl &Callee,
                                         const FunctionDecl &Definition, EscapeFinder &Escapes,
                                         ASTContext &Ctx) {
  const Expr *ObjectExpr = nullptr;
  Referent Object = keptObject(Call, Callee, Definition, Tasks, Orders, Ctx, ObjectExpr);
  if (!Object)
    return;
  const CXXRecordDecl *Class = Callee.getParent();
  // A closure written in another function and called here through a
  // parameter or a copy is reported at its lambda (checkHandedClosure).
  if (Class->isLambda() && Object.K == Referent::Kind::Local &&
      Object.Var->getDeclContext() != Class->getDeclContext())
    for (const DynTypedNode &Parent : Ctx.getParents(*Class))
      if (const auto *Lambda = Parent.get<LambdaExpr>();
          Lambda && (handedClosureDies(*Lambda, Escapes, Tasks, Orders, Ctx) ||
                     droppedWithItsObject(*Lambda, Tasks, Orders, Ctx)))
        return;
  std::optional<Escape> Found = Escapes.find(Call, Object);
  SourceLocation Loc = ObjectExpr->getBeginLoc();
  if (!Found || !firstReport(Loc))
    return;
  if (Class->isLambda() && Object.K == Referent::Kind::Temporary)
    diag(Loc, "temporary closure dies before %0 is done with its captures")
        << describeCoroutine(Callee);
  else if (Object.K == Referent::Kind::Temporary)
    diag(Loc, "temporary dies before %0 is done with it") << describeCoroutine(Callee);
  else
    diag(Loc, "'%0' dies before %1 is done with it")
        << Object.Var->getName() << describeCoroutine(Callee);
  if (Class->isLambda())
    diag(Class->getLocation(),
         "captures live in the closure, not in the coroutine frame; make them parameters taken "
         "by value, or keep the closure alive until the task ends",
         DiagnosticIDs::Note);
  else
    diag(Callee.getLocation(),
         "'%0' runs on the object it is called on; keep the object alive until the task ends",
         DiagnosticIDs::Note)
        << Callee.getName();
  noteEscape(*Found, Object);
}

void DanglingReferenceCheck::checkThis(const CallExpr &Call, const CXXMethodDecl &Callee,
                                       const FunctionDecl &Definition, EscapeFinder &Escapes,
                                       ASTContext &Ctx) {
  if (!mayOutliveItsOwners(Callee, Definition, Ctx))
    return;
  // Stand-in for `*this`: a temporary of the spawning statement, so that
  // only spawning (not a local that is awaited later) counts.
  Referent Object;
  Object.K = Referent::Kind::Temporary;
  Object.Temporary = &Call;
  std::optional<Escape> Found = Escapes.find(Call, Object);
  if (!Found || Found->K != Escape::Kind::Spawned)
    return;
  // A completion handler that holds shared_from_this() keeps it alive.
  if (mentionsSharedFromThis(*Found->Where, Ctx))
    return;
  SourceLocation Loc = calleeLoc(Call);
  if (!firstReport(Loc))
    return;
  diag(Loc, "'*this' can die before %0 is done with it") << describeCoroutine(Callee);
  diag(Callee.getLocation(),
       "nothing in '%0' holds 'shared_from_this()' before it first suspends; take 'auto self = "
       "shared_from_this();' first, or spawn a lambda that captures it",
       DiagnosticIDs::Note)
      << Callee.getName();
  noteEscape(*Found, Object);
}

void DanglingReferenceCheck::checkHandedLambda(const LambdaExpr &Lambda, EscapeFinder &Escapes,
                                               ASTContext &Ctx) {
  // A lambda called on the spot is the closure case of its call.
  const CXXMethodDecl *Operator = Lambda.getCallOperator();
  for (const LambdaCapture &Capture : Lambda.captures()) {
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByRef)
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var)
      continue;
    Referent Object = objectOfVariable(*Var, Ctx);
    if (!Object || !Operator->getBody() || !mentions(*Operator->getBody(), *Var, Ctx))
      continue;
    std::optional<Escape> Found = Escapes.find(Lambda, Object);
    if (!Found || Found->K != Escape::Kind::Spawned)
      continue;
    SourceLocation Loc = Capture.getLocation();
    if (!firstReport(Loc))
      continue;
    if (Object.K == Referent::Kind::Local)
      diag(Loc, "'%0' dies before %1 is done with it")
          << Object.Var->getName()
          << (isCoroutine(*Operator) ? describeCoroutine(*Operator) : "the lambda");
    else
      diag(Loc, "temporary dies before %0 is done with it")
          << (isCoroutine(*Operator) ? describeCoroutine(*Operator) : "the lambda");
    diag(Var->getLocation(),
         "'%0' is declared here; capture it by value so that the closure owns a copy",
         DiagnosticIDs::Note)
        << Var->getName();
    noteEscape(*Found, Object);
  }
}

void DanglingReferenceCheck::checkHandedClosure(const LambdaExpr &Lambda, EscapeFinder &Escapes,
                                                ASTContext &Ctx) {
  std::optional<ClosureDeath> Death = handedClosureDies(Lambda, Escapes, Tasks, Orders, Ctx);
  if (!Death) {
    checkDroppedWithItsObject(Lambda, Ctx);
    return;
  }
  if (!firstReport(Lambda.getBeginLoc()))
    return;
  const FunctionDecl &Callee = *Death->Handed.Definition;
  diag(Lambda.getBeginLoc(), "the closure of this coroutine lambda dies in '%0' before the task "
                             "it returns is done with its captures")
      << Callee.getName() << Lambda.getSourceRange();
  if (Death->Holder == Death->Handed.Param)
    diag(Death->Dies,
         "'%0' calls the closure held in parameter '%1', which dies when the call to '%0' is "
         "over; pass what the coroutine needs as parameters taken by value",
         DiagnosticIDs::Note)
        << Callee.getName() << Death->Holder->getName();
  else
    diag(Death->Dies,
         "'%0' calls '%1', a copy of the closure, which dies here; pass what the coroutine "
         "needs as parameters taken by value",
         DiagnosticIDs::Note)
        << Callee.getName() << Death->Holder->getName();
  Referent Holder;
  Holder.K = Referent::Kind::Local;
  Holder.Var = Death->Holder;
  noteEscape(Death->Where, Holder);
}

void DanglingReferenceCheck::checkDroppedWithItsObject(const LambdaExpr &Lambda, ASTContext &Ctx) {
  std::optional<DroppedWithItsObject> Dropped = droppedWithItsObject(Lambda, Tasks, Orders, Ctx);
  if (!Dropped)
    return;
  const auto *This =
      llvm::find_if(Lambda.captures(), [](const LambdaCapture &C) { return C.capturesThis(); });
  SourceLocation Loc = This != Lambda.capture_end() && This->getLocation().isValid()
                           ? This->getLocation()
                           : Lambda.getBeginLoc();
  if (!firstReport(Loc))
    return;
  diag(Loc, "'*this' can die before %0 is done with it")
      << describeCoroutine(*Lambda.getCallOperator());
  if (!voidResultSource(*Dropped->Conversion))
    diag(Dropped->Conversion->getBeginLoc(),
         "the task is dropped here: nothing waits for it, and nothing holds the '%0' it reads "
         "after it first suspends",
         DiagnosticIDs::Note)
        << Dropped->Object->getName();
  else
    diag(Dropped->Conversion->getBeginLoc(),
         "the task is dropped by '%0', whose calls return void: nothing waits for it, and "
         "nothing holds the '%1' it reads after it first suspends",
         DiagnosticIDs::Note)
        << Dropped->Conversion->getType()
               .getNonReferenceType()
               .getCanonicalType()
               .getUnqualifiedType()
               .getAsString(PrintingPolicy(Ctx.getLangOpts()))
        << Dropped->Object->getName();
  diag(Lambda.getCallOperator()->getLocation(),
       "take a strong reference ('auto self = shared_from_this();' or 'get_strong()') before the "
       "first suspension, and use it after",
       DiagnosticIDs::Note);
}

void DanglingReferenceCheck::noteEscape(const Escape &E, const Referent &Object) {
  SourceLocation Loc = E.Where->getBeginLoc();
  if (const auto *Call = dyn_cast<CallExpr>(E.Where))
    Loc = calleeLoc(*Call);
  switch (E.K) {
  case Escape::Kind::Spawned:
    diag(Loc, "the task is spawned here by '%0', which does not wait for it", DiagnosticIDs::Note)
        << E.Name;
    break;
  case Escape::Kind::Stored:
    diag(Loc, "the task is stored here in '%0', which outlives it", DiagnosticIDs::Note) << E.Name;
    break;
  case Escape::Kind::Returned:
    diag(Loc, "the task is returned here from '%0'", DiagnosticIDs::Note) << E.Name;
    break;
  case Escape::Kind::LeftRunning:
    diag(Loc, "the task starts at once and is left running here", DiagnosticIDs::Note);
    break;
  case Escape::Kind::UsedLater:
    if (Object.K == Referent::Kind::Local)
      diag(Loc, "the task is kept in '%0' and used here, after '%1' went out of scope",
           DiagnosticIDs::Note)
          << E.Name << Object.Var->getName();
    else
      diag(Loc, "the task is kept in '%0' and used here, after the temporary died",
           DiagnosticIDs::Note)
          << E.Name;
    break;
  }
}

} // namespace asynclint
