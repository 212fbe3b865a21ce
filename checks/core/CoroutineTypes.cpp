#include "core/CoroutineTypes.h"
#include "core/ApiConditions.h"
#include "core/Coroutines.h"
#include "core/Names.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// The definition of \p RD, or of the template member it will be
/// instantiated from when nothing has instantiated it yet.
const CXXRecordDecl *definitionOf(const CXXRecordDecl &RD) {
  if (const CXXRecordDecl *Def = RD.getDefinition())
    return Def;
  if (const CXXRecordDecl *Pattern = RD.getTemplateInstantiationPattern())
    return Pattern->getDefinition();
  return nullptr;
}

bool hasMember(const CXXRecordDecl &RD, llvm::StringRef Name) {
  const CXXRecordDecl *Def = definitionOf(RD);
  if (!Def)
    return false;
  for (const Decl *D : Def->decls()) {
    const auto *ND = dyn_cast<NamedDecl>(D);
    if (!ND)
      continue;
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(ND))
      ND = T->getTemplatedDecl();
    if (ND->getDeclName().isIdentifier() && ND->getName() == Name)
      return true;
  }
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl())
      if (hasMember(*B, Name))
        return true;
  return false;
}

bool hasCoawaitOperator(const CXXRecordDecl &RD) {
  const CXXRecordDecl *Def = definitionOf(RD);
  if (!Def)
    return false;
  for (const Decl *D : Def->decls()) {
    const auto *ND = dyn_cast<NamedDecl>(D);
    if (ND && ND->getDeclName().getCXXOverloadedOperator() == OO_Coawait)
      return true;
  }
  return false;
}

/// The return type of the member \p Name of \p RD, when it is a function.
QualType memberReturnType(const CXXRecordDecl &RD, llvm::StringRef Name) {
  const CXXRecordDecl *Def = RD.getDefinition();
  if (!Def)
    return {};
  for (const Decl *D : Def->decls())
    if (const auto *M = dyn_cast<CXXMethodDecl>(D))
      if (M->getDeclName().isIdentifier() && M->getName() == Name)
        return M->getReturnType();
  return {};
}

/// Whether \p E calls one of the catalogue's offload APIs. An entry with an
/// argument condition (asio's post onto a token bound to a pool's executor)
/// needs the types of an instantiation to be decided.
bool isOffloadCall(const Expr *E, const Catalog &Cat, ASTContext &Ctx) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E ? E->IgnoreImplicit()->IgnoreParens() : nullptr);
  return Call && llvm::any_of(Cat.offloadApis(), [&](const BlockingApi &Api) {
           return callNamesApi(*Call, Api) && (!Api.Argument || matchesApi(*Call, Api, Ctx));
         });
}

/// Whether \p T names (or points to, or shares) one of the executors that
/// run each task on a thread of its own.
bool isDedicatedThreadExecutor(QualType T, const Catalog &Cat) {
  const CXXRecordDecl *RD = heldRecord(T);
  if (!RD)
    return false;
  std::string Name = qualifiedName(*RD);
  return llvm::any_of(Cat.frameworks(), [&](const Framework &F) {
    return llvm::is_contained(F.DedicatedThreadExecutors, Name);
  });
}

/// concurrencpp's `f(executor_tag, std::shared_ptr<thread_executor>, ...)`:
/// the coroutine starts on the executor it is given.
bool startsOnDedicatedThread(const FunctionDecl &F, const Catalog &Cat) {
  if (F.getNumParams() < 2)
    return false;
  const CXXRecordDecl *Tag = recordOf(F.getParamDecl(0)->getType(), false);
  return Tag && Tag->getIdentifier() && Tag->getName() == "executor_tag" &&
         isDedicatedThreadExecutor(F.getParamDecl(1)->getType(), Cat);
}

} // namespace

bool isListedType(const CXXRecordDecl &RD, const Catalog &Cat) {
  for (const std::string &Name : recordAndBaseNames(RD))
    for (const Framework &F : Cat.frameworks())
      for (const std::string &Listed : F.AsyncTypes)
        if (Listed == Name)
          return true;
  return false;
}

const Framework *frameworkOfType(QualType T, const Catalog &Cat) {
  const CXXRecordDecl *RD = recordOf(T, /*ThroughPointers=*/false);
  if (!RD)
    return nullptr;
  const Framework *Fw = Cat.frameworkOfName(qualifiedName(*RD));
  // The standard library is not a coroutine framework of its own.
  if (Fw && Fw->AsyncTypes.empty() && Fw->Advice.empty())
    return nullptr;
  return Fw;
}

const CXXRecordDecl *heldRecord(QualType T) {
  const CXXRecordDecl *RD = recordOf(T.getNonReferenceType(), /*ThroughPointers=*/true);
  // std::shared_ptr<thread_pool>: the object is the template argument.
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD)) {
    std::string Name = qualifiedName(*Spec);
    if ((Name == "std::shared_ptr" || Name == "std::unique_ptr") &&
        Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      RD = recordOf(Spec->getTemplateArgs()[0].getAsType(), false);
  }
  return RD;
}

bool isSchedulerType(QualType T, const Catalog &Cat) {
  const CXXRecordDecl *RD = heldRecord(T);
  if (!RD)
    return false;
  for (const std::string &Name : recordAndBaseNames(*RD))
    for (const Framework &F : Cat.frameworks())
      if (llvm::is_contained(F.SchedulerTypes, Name))
        return true;
  return false;
}

bool isAwaitableType(QualType T) {
  const CXXRecordDecl *RD = recordOf(T, /*ThroughPointers=*/false);
  if (!RD)
    return false;
  if (hasCoawaitOperator(*RD))
    return true;
  return hasMember(*RD, "await_ready") && hasMember(*RD, "await_suspend") &&
         hasMember(*RD, "await_resume");
}

const CoroutineFacts &CoroutineClassifier::facts(const FunctionDecl &F) {
  auto It = Cache.find(&F);
  if (It != Cache.end())
    return It->second;
  return Cache.try_emplace(&F, compute(F)).first->second;
}

CoroutineFacts CoroutineClassifier::compute(const FunctionDecl &F) const {
  CoroutineFacts Facts;
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(F.getBody());
  if (!Body)
    return Facts;
  QualType Ret = F.getReturnType();
  Facts.Fw = frameworkOfType(Ret, Cat);

  std::vector<const Stmt *> Suspensions = ownSuspensions(*Body->getBody());
  auto OperandOf = [](const Stmt *S) -> const Expr * {
    if (const auto *Await = dyn_cast<CoawaitExpr>(S))
      return Await->getOperand();
    if (const auto *Await = dyn_cast<DependentCoawaitExpr>(S))
      return Await->getOperand();
    return nullptr; // a co_yield
  };
  bool Awaits = llvm::any_of(Suspensions, OperandOf);
  if (Awaits || isAwaitableType(Ret)) {
    Facts.Asynchronous = true;
  } else if (const CXXRecordDecl *RD = recordOf(Ret, false)) {
    // A generator whose iteration is awaited is asynchronous.
    Facts.Asynchronous =
        isListedType(*RD, Cat) ||
        (!Suspensions.empty() && (isAwaitableType(memberReturnType(*RD, "begin")) ||
                                  isAwaitableType(memberReturnType(*RD, "next"))));
  }
  Facts.OnDedicatedThread = startsOnDedicatedThread(F, Cat);
  ASTContext &Ctx = F.getASTContext();
  for (const Stmt *S : Suspensions) {
    const Expr *Operand = OperandOf(S);
    if (!Operand)
      continue;
    if (!Cat.offloadApis().empty() && isOffloadCall(Operand, Cat, Ctx))
      Facts.Offloads.push_back(S);
    // What the coroutine awaits tells its framework when its own return
    // type does not.
    if (!Facts.Fw && isa<CoawaitExpr>(S))
      Facts.Fw = frameworkOfType(Operand->getType(), Cat);
  }
  return Facts;
}

} // namespace asynclint
