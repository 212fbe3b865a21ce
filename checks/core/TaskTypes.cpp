#include "core/TaskTypes.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "core/Names.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// The class behind \p T, for dependent template specialisations too: the
/// pattern of the template it names.
const CXXRecordDecl *patternRecordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (RD->hasDefinition())
      return RD->getDefinition();
    if (const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern())
      return Pattern;
    return RD;
  }
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
      if (const auto *RD = dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl()))
        return RD->getDefinition() ? RD->getDefinition() : RD;
  return nullptr;
}

/// The member named \p Name of \p RD or of one of its bases.
const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name, unsigned Depth = 0) {
  if (!RD || Depth > 8)
    return nullptr;
  if (const CXXRecordDecl *Def = RD->getDefinition())
    RD = Def;
  else if (const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern())
    RD = Pattern;
  for (const Decl *D : RD->decls()) {
    const auto *ND = dyn_cast<NamedDecl>(D);
    if (const auto *FT = dyn_cast_or_null<FunctionTemplateDecl>(ND))
      ND = FT->getTemplatedDecl();
    if (ND && ND->getIdentifier() && ND->getName() == Name)
      return ND;
  }
  if (!RD->hasDefinition())
    return nullptr;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const NamedDecl *Found = findMember(patternRecordOf(Base.getType()), Name, Depth + 1))
      return Found;
  return nullptr;
}

QualType typeOfMember(const NamedDecl *Member) {
  if (const auto *Alias = dyn_cast_or_null<TypedefNameDecl>(Member))
    return Alias->getUnderlyingType();
  if (const auto *Record = dyn_cast_or_null<CXXRecordDecl>(Member))
    return Record->getASTContext().getCanonicalTagType(Record);
  return {};
}

/// `return false;` or `return true;` as the whole body of await_ready.
std::optional<bool> constantAwaitReady(const CXXRecordDecl *Awaiter) {
  const auto *Ready = dyn_cast_or_null<FunctionDecl>(findMember(Awaiter, "await_ready"));
  // A member of a class template specialisation that nothing called yet
  // has no body of its own: its pattern's says the same.
  if (Ready && !Ready->hasBody() && Ready->getTemplateInstantiationPattern())
    Ready = Ready->getTemplateInstantiationPattern();
  if (!Ready || !Ready->hasBody())
    return std::nullopt;
  const auto *Body = dyn_cast<CompoundStmt>(Ready->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Return || !Return->getRetValue())
    return std::nullopt;
  if (const auto *Literal = dyn_cast<CXXBoolLiteralExpr>(Return->getRetValue()->IgnoreImplicit()))
    return Literal->getValue();
  return std::nullopt;
}

TaskStart startOfPromise(const CXXRecordDecl *Promise) {
  const auto *Initial = dyn_cast_or_null<FunctionDecl>(findMember(Promise, "initial_suspend"));
  if (!Initial)
    return TaskStart::NotATask;
  QualType Returned = Initial->getReturnType();
  // `auto initial_suspend() { return suspend_always(); }` in a template:
  // the written return statement says what it will be.
  if (Returned->getContainedAutoType() && Initial->hasBody())
    if (const auto *Body = dyn_cast<CompoundStmt>(Initial->getBody()))
      for (const Stmt *S : Body->body())
        if (const auto *Return = dyn_cast<ReturnStmt>(S))
          if (Return->getRetValue())
            Returned = Return->getRetValue()->getType();
  const CXXRecordDecl *Awaiter = patternRecordOf(Returned);
  if (!Awaiter)
    return TaskStart::NotATask;
  std::string Name = qualifiedName(*Awaiter);
  if (Name == "std::suspend_always" || Name == "std::experimental::suspend_always")
    return TaskStart::Lazy;
  if (Name == "std::suspend_never" || Name == "std::experimental::suspend_never")
    return TaskStart::Eager;
  if (std::optional<bool> Ready = constantAwaitReady(Awaiter))
    return *Ready ? TaskStart::Eager : TaskStart::Lazy;
  return TaskStart::NotATask;
}

/// promise_type from a specialisation of std::coroutine_traits whose first
/// argument is \p Record (or its template, for partial specialisations).
const CXXRecordDecl *promiseFromTraits(const CXXRecordDecl &Record, ASTContext &Ctx) {
  const auto *Std = [&]() -> const NamespaceDecl * {
    for (const NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
      if (const auto *NS = dyn_cast<NamespaceDecl>(D))
        return NS;
    return nullptr;
  }();
  if (!Std)
    return nullptr;
  const ClassTemplateDecl *Traits = nullptr;
  for (const NamedDecl *D : Std->lookup(&Ctx.Idents.get("coroutine_traits")))
    if (const auto *CT = dyn_cast<ClassTemplateDecl>(D))
      Traits = CT;
  if (!Traits)
    return nullptr;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&Record);
  const ClassTemplateDecl *RecordTemplate = Spec ? Spec->getSpecializedTemplate() : nullptr;

  llvm::SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  const_cast<ClassTemplateDecl *>(Traits)->getPartialSpecializations(Partials);
  for (const ClassTemplatePartialSpecializationDecl *Partial : Partials) {
    const TemplateArgumentList &Args = Partial->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
      continue;
    const auto *TST = Args[0].getAsType()->getAs<TemplateSpecializationType>();
    const TemplateDecl *Named = TST ? TST->getTemplateName().getAsTemplateDecl() : nullptr;
    if (!Named || !RecordTemplate ||
        Named->getCanonicalDecl() != RecordTemplate->getCanonicalDecl())
      continue;
    return patternRecordOf(typeOfMember(findMember(Partial, "promise_type")));
  }
  for (const ClassTemplateSpecializationDecl *S : Traits->specializations()) {
    const TemplateArgumentList &Args = S->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
      continue;
    const CXXRecordDecl *First = Args[0].getAsType()->getAsCXXRecordDecl();
    if (First && First->getCanonicalDecl() == Record.getCanonicalDecl() &&
        S->getSpecializationKind() == TSK_ExplicitSpecialization)
      return patternRecordOf(typeOfMember(findMember(S, "promise_type")));
  }
  return nullptr;
}

} // namespace

TaskStart TaskTypeClassifier::classify(QualType T, ASTContext &Ctx) {
  if (T.isNull() || T->isReferenceType() || T->isPointerType())
    return TaskStart::NotATask;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return TaskStart::NotATask;
  Record = Record->getCanonicalDecl();
  auto It = Cache.find(Record);
  if (It != Cache.end())
    return It->second;
  TaskStart Start = compute(*Record, Ctx);
  Cache[Record] = Start;
  return Start;
}

TaskStart TaskTypeClassifier::compute(const CXXRecordDecl &Record, ASTContext &Ctx) {
  const CXXRecordDecl *Promise = patternRecordOf(typeOfMember(findMember(&Record, "promise_type")));
  if (!Promise)
    Promise = promiseFromTraits(Record, Ctx);
  if (!Promise)
    return TaskStart::NotATask;
  return startOfPromise(Promise);
}

bool isObservableTask(QualType T) {
  if (isAwaitableType(T))
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && (findMember(RD, "get") || findMember(RD, "result"));
}

bool isAlwaysReady(const CXXRecordDecl &Awaiter) {
  return constantAwaitReady(&Awaiter).value_or(false);
}

} // namespace asynclint
