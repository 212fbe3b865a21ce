#include "models/unawaited-task/DroppedCallables.h"
#include "core/ApiConditions.h"
#include "core/Coroutines.h"

#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace asynclint {
namespace {

/// The return type of one operator() (each instantiation of a template
/// one), all of them task types; null otherwise.
QualType commonTask(llvm::ArrayRef<const FunctionDecl *> Calls, TaskTypeClassifier &Tasks,
                    ASTContext &Ctx) {
  QualType Task;
  for (const FunctionDecl *Call : Calls) {
    QualType R = Call->getReturnType();
    if (R->isDependentType() || Tasks.classify(R, Ctx) == TaskStart::NotATask)
      return {};
    Task = R;
  }
  return Task;
}

} // namespace

QualType taskOfCallable(QualType T, TaskTypeClassifier &Tasks, ASTContext &Ctx) {
  T = T.getNonReferenceType();
  if (const auto *Pointer = T->getAs<PointerType>())
    T = Pointer->getPointeeType();
  if (const auto *Function = T->getAs<FunctionType>()) {
    QualType R = Function->getReturnType();
    return Tasks.classify(R, Ctx) == TaskStart::NotATask ? QualType() : R;
  }
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return {};
  llvm::SmallVector<const FunctionDecl *, 2> Calls;
  // A lookup by name, not a walk of the members: most classes handed to a
  // call are no callables.
  for (const NamedDecl *D : RD->lookup(Ctx.DeclarationNames.getCXXOperatorName(OO_Call))) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(D))
      Calls.push_back(Method);
    else if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      llvm::append_range(Calls, Template->specializations());
  }
  return commonTask(Calls, Tasks, Ctx);
}

std::optional<DroppedCallable> droppedByWrapper(const Expr &E, TaskTypeClassifier &Tasks,
                                                ASTContext &Ctx) {
  const Expr *Source = voidResultSource(E);
  if (!Source)
    return std::nullopt;
  QualType Task = taskOfCallable(Source->getType(), Tasks, Ctx);
  if (Task.isNull())
    return std::nullopt;
  QualType Wrapper = E.getType();
  if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(&E))
    Wrapper = Assign->getArg(0)->getType();
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressScope = false;
  return DroppedCallable{
      skipTransparent(Source),
      Task,
      &E,
      Wrapper.getNonReferenceType().getCanonicalType().getUnqualifiedType().getAsString(Policy),
      "",
      false};
}

std::optional<DroppedCallable> droppedByWrapperHere(const Expr &E, TaskTypeClassifier &Tasks,
                                                    ASTContext &Ctx) {
  std::optional<DroppedCallable> Dropped = droppedByWrapper(E, Tasks, Ctx);
  // A callable that a template instantiation was handed is reported where
  // it was handed over (droppedByCallee).
  if (const VarDecl *Var = Dropped ? handedVariable(Dropped->Callable) : nullptr)
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var))
      if (const auto *Function = dyn_cast<FunctionDecl>(Param->getDeclContext());
          Function && Function->isTemplateInstantiation())
        return std::nullopt;
  return Dropped;
}

std::optional<DroppedCallable> droppedByCallee(const CallExpr &Call, const Catalog &Cat,
                                               TaskTypeClassifier &Tasks, ASTContext &Ctx) {
  for (const auto *Apis : {&Cat.spawnerApis(), &Cat.launcherApis()})
    if (llvm::any_of(*Apis, [&](const BlockingApi &Api) { return callNamesApi(Call, Api); }))
      return std::nullopt;
  for (const Expr *Arg : Call.arguments()) {
    QualType Task = taskOfCallable(Arg->getType(), Tasks, Ctx);
    if (Task.isNull())
      continue;
    std::optional<HandedCallable> Handed = receiverOf(Call, *Arg);
    if (!Handed)
      continue;
    const Stmt *Body = writtenBody(*Handed->Definition);
    if (!Body)
      continue;
    std::string Callee = Handed->Definition->getNameAsString();
    llvm::SmallVector<const VarDecl *, 4> Holders = holdersOf(*Handed->Param, *Body);
    for (const CallExpr *Invocation : discardedInvocationsOf(Holders, *Body, Ctx))
      if (Tasks.classify(Invocation->getType(), Ctx) != TaskStart::NotATask)
        return DroppedCallable{
            skipTransparent(Arg), Invocation->getType(), Invocation, Callee, "", true};
    // Or it converts it into a callable whose calls return void.
    const Expr *Conversion = voidResultConversionOf(Holders, *Body);
    std::optional<DroppedCallable> Converted =
        Conversion ? droppedByWrapper(*Conversion, Tasks, Ctx) : std::nullopt;
    if (Converted) {
      Converted->Via = Converted->By;
      Converted->By = Callee;
      Converted->Callable = skipTransparent(Arg);
      Converted->InCallee = true;
      return Converted;
    }
  }
  return std::nullopt;
}

} // namespace asynclint
