#include "models/detached-task/FailureValues.h"
#include "core/ApiConditions.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang-tidy/utils/ExceptionAnalyzer.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace asynclint {
namespace {

bool isPairOrTuple(const ClassTemplateSpecializationDecl &Spec) {
  std::string Name = qualifiedName(Spec);
  return Name == "std::pair" || Name == "std::tuple";
}

/// Whether \p D sits in a `this_coro` namespace: asio's and cobalt's
/// queries of the running coroutine (`co_await this_coro::executor`).
bool isThisCoroQuery(const Decl *D) {
  for (const DeclContext *DC = D ? D->getDeclContext() : nullptr; DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC); NS && NS->getName() == "this_coro")
      return true;
  return false;
}

/// The awaits, calls and throws of one coroutine's own statements.
struct AwaitsAndThrows {
  std::vector<const CoroutineSuspendExpr *> Awaits;
  std::vector<const CallExpr *> Calls;
  bool Throws = false;
  bool Dependent = false;

  explicit AwaitsAndThrows(const Stmt &Body) {
    walkOwnBody(Body, [this](const Stmt &S) {
      if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(&S))
        Awaits.push_back(Await);
      else if (const auto *Call = dyn_cast<CallExpr>(&S))
        Calls.push_back(Call);
      Dependent |= isa<DependentCoawaitExpr>(S);
      Throws |= isa<CXXThrowExpr>(S);
      return Throws || Dependent ? Walk::Stop : Walk::Into;
    });
  }
};

} // namespace

bool FailureValues::callThrows(const CallExpr &Call, const FunctionDecl &Work,
                               ASTContext &Ctx) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition))
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.getFileID(SM.getExpansionLoc(Definition->getLocation())) !=
      SM.getFileID(SM.getExpansionLoc(Work.getLocation())))
    return false;
  // Its own statements, not everything it calls in turn: in a header-only
  // library every call is of the same file, and following them all costs
  // more than a spawn is worth.
  return anyOwnNode(Definition->getBody(), [](const Stmt &S) { return isa<CXXThrowExpr>(S); });
}

bool FailureValues::cannotThrow(const Stmt &Body) const {
  return Analyzer.analyze(&Body).getBehaviour() ==
         clang::tidy::utils::ExceptionAnalyzer::State::NotThrowing;
}

FailureValues::FailureValues(const Catalog &Cat) : Cat(Cat) {
  Analyzer.ignoreBadAlloc(true);
  for (const Framework &F : Cat.frameworks())
    for (const std::string &Type : F.ErrorValueTypes)
      ErrorTypes.insert(Type);
}

bool FailureValues::isFailureValue(QualType T) const {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isBooleanType())
    return true;
  if (const auto *Enum = T->getAs<EnumType>())
    return ErrorTypes.contains(qualifiedName(*Enum->getDecl()));
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (isOrDerivesFromAny(Record, ErrorTypes))
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Spec || !isPairOrTuple(*Spec))
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() == 0)
    return false;
  const TemplateArgument &First =
      Args[0].getKind() == TemplateArgument::Pack ? *Args[0].pack_begin() : Args[0];
  return First.getKind() == TemplateArgument::Type && isFailureValue(First.getAsType());
}

bool FailureValues::failsOnlyWhenCancelled(const Expr &Operand, ASTContext &Ctx,
                                           bool &OnlyWaits) const {
  const Expr *E = Operand.IgnoreImplicit()->IgnoreParens();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return isThisCoroQuery(Ref->getDecl());
  if (const auto *Record = E->getType()->getAsCXXRecordDecl(); isThisCoroQuery(Record))
    return true;
  for (const BlockingApi &Api : Cat.timerApis())
    if (matchesApi(*E, Api, Ctx))
      return true;
  // A scheduling point (an accept, a channel, a queue) may also fail when
  // what it waits on closes: only beside an await that hands failures back
  // is it taken for one that does not throw.
  OnlyWaits = false;
  for (const BlockingApi &Api : Cat.schedulingPointApis())
    if (matchesApi(*E, Api, Ctx))
      return true;
  return false;
}

bool FailureValues::rethrowsFailure(const CallExpr &Call) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  if (Callee->isInStdNamespace() &&
      llvm::is_contained({"rethrow_exception", "rethrow_if_nested", "throw_with_nested"},
                         Callee->getName()))
    return true;
  // `result.value()` throws what the failure value holds.
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr;
  return Object && Callee->getName() == "value" && !Object->getType()->isBooleanType() &&
         isFailureValue(Object->getType());
}

bool FailureValues::awaitsSafeCoroutine(const Expr &Operand, ASTContext &Ctx,
                                        unsigned Depth) const {
  const auto *Call = dyn_cast<CallExpr>(Operand.IgnoreImplicit()->IgnoreParens());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition) || !isa<CoroutineBodyStmt>(Definition->getBody()))
    return false;
  return reportsFailuresAsValues(*Definition, Ctx, Depth + 1);
}

bool FailureValues::reportsFailuresAsValues(const FunctionDecl &Work, ASTContext &Ctx,
                                            unsigned Depth) const {
  const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Work.getBody());
  if (!Coroutine)
    return false;
  // Declared to let nothing out: its author says its failures are values.
  if (const auto *Proto = Work.getType()->getAs<FunctionProtoType>(); Proto && Proto->isNothrow())
    return true;
  if (Depth > 3)
    return false;
  if (Depth > 0)
    return letsNothingOut(Work, *Coroutine, Ctx, Depth);
  // Every spawn of the same work asks again: the answer from the top, where
  // the depth allowed is always the same, is kept.
  auto [Known, Inserted] = Verdicts.try_emplace(&Work, false);
  if (Inserted)
    Known->second = letsNothingOut(Work, *Coroutine, Ctx, Depth);
  return Known->second;
}

bool FailureValues::letsNothingOut(const FunctionDecl &Work, const CoroutineBodyStmt &Coroutine,
                                   ASTContext &Ctx, unsigned Depth) const {
  AwaitsAndThrows Body(*Coroutine.getBody());
  // Without an await, the body's calls alone decide (ExceptionAnalyzer).
  if (Body.Throws || Body.Dependent || Body.Awaits.empty())
    return false;
  // Every await hands its failure back, or waits for a timer or the
  // coroutine's own state; a scheduling point counts only beside one that
  // hands a failure back.
  bool HandsBackAFailure = false, OnlyWaits = true;
  for (const CoroutineSuspendExpr *Await : Body.Awaits) {
    const Expr *Operand = Await->getOperand();
    if (isFailureValue(Await->getType()) ||
        (Operand && awaitsSafeCoroutine(*Operand, Ctx, Depth))) {
      HandsBackAFailure = true;
      continue;
    }
    if (!Operand || !failsOnlyWhenCancelled(*Operand, Ctx, OnlyWaits))
      return false;
  }
  return (HandsBackAFailure || OnlyWaits) && llvm::none_of(Body.Calls, [&](const CallExpr *Call) {
           return callThrows(*Call, Work, Ctx) || rethrowsFailure(*Call);
         });
}

} // namespace asynclint
