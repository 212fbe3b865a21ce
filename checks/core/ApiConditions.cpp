#include "core/ApiConditions.h"
#include "core/Names.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace asynclint {

static bool isZeroValue(const APValue &Value) {
  switch (Value.getKind()) {
  case APValue::Int:
    return Value.getInt().isZero();
  case APValue::Float:
    return Value.getFloat().isZero();
  case APValue::Struct: {
    if (Value.getStructNumFields() + Value.getStructNumBases() == 0)
      return false;
    for (unsigned I = 0; I < Value.getStructNumBases(); ++I)
      if (!isZeroValue(Value.getStructBase(I)))
        return false;
    for (unsigned I = 0; I < Value.getStructNumFields(); ++I)
      if (!isZeroValue(Value.getStructField(I)))
        return false;
    return true;
  }
  default:
    return false;
  }
}

bool isZeroDuration(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreImplicit();
  if (E->isValueDependent())
    return false;
  Expr::EvalResult Result;
  return E->EvaluateAsRValue(Result, Ctx) && isZeroValue(Result.Val);
}

std::string referencedVariable(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return qualifiedName(*Var);
  return "";
}

static bool conditionHolds(const ArgumentCondition &Cond, const Expr *const *Args, unsigned NumArgs,
                           ASTContext &Ctx) {
  if (Cond.Index >= NumArgs)
    return false;
  const Expr *Arg = Args[Cond.Index];
  if (!Cond.Objects.empty() && llvm::is_contained(Cond.Objects, referencedVariable(Arg)))
    return true;
  if (!Cond.Types.empty())
    if (const CXXRecordDecl *RD = recordOf(Arg->IgnoreParenImpCasts()->getType(), true))
      for (const std::string &Name : recordAndBaseNames(*RD))
        if (llvm::is_contained(Cond.Types, Name))
          return true;
  if (!Cond.Values.empty() && !Arg->isValueDependent()) {
    Expr::EvalResult Result;
    if (Arg->EvaluateAsInt(Result, Ctx) &&
        llvm::is_contained(Cond.Values, Result.Val.getInt().getExtValue()))
      return true;
  }
  return false;
}

bool argumentsMatch(const BlockingApi &Api, const FunctionDecl *Callee, const Expr *const *Args,
                    unsigned NumArgs, ASTContext &Ctx) {
  unsigned Written = 0;
  for (unsigned I = 0; I < NumArgs; ++I)
    if (!isa<CXXDefaultArgExpr>(Args[I]))
      ++Written;
  if (Written < Api.MinArgs)
    return false;
  if (Api.Argument && !conditionHolds(*Api.Argument, Args, NumArgs, Ctx))
    return false;
  if (Api.UnlessArgument && conditionHolds(*Api.UnlessArgument, Args, NumArgs, Ctx))
    return false;
  if (Api.UnlessZeroDuration && *Api.UnlessZeroDuration < NumArgs &&
      isZeroDuration(Args[*Api.UnlessZeroDuration], Ctx))
    return false;
  if (Api.ParameterType) {
    auto [Index, Spelled] = *Api.ParameterType;
    if (!Callee || Index >= Callee->getNumParams())
      return false;
    // `ns::Class *` asks for a pointer to the class, `ns::Class` for the
    // class itself (by value or reference).
    llvm::StringRef TypeName = llvm::StringRef(Spelled).rtrim();
    bool Pointer = TypeName.consume_back("*");
    QualType Param = Callee->getParamDecl(Index)->getType();
    const CXXRecordDecl *RD =
        Param->isPointerType() == Pointer ? recordOf(Param, Pointer) : nullptr;
    if (!RD || qualifiedName(*RD) != TypeName.rtrim())
      return false;
  }
  if (!Api.Returns.empty()) {
    const CXXRecordDecl *Result = Callee ? recordOf(Callee->getReturnType(), false) : nullptr;
    if (!Result || qualifiedName(*Result) != Api.Returns)
      return false;
  }
  return true;
}

bool callNamesApi(const CallExpr &Call, const BlockingApi &Api) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call)) {
    // An operator declared as a free function is named like one:
    // asio::experimental::awaitable_operators::operator&&.
    if (Api.Kind == ApiKind::Function) {
      const FunctionDecl *Callee = Call.getDirectCallee();
      return Callee && qualifiedName(*Callee) == Api.Name;
    }
    return Api.Kind == ApiKind::Operator && !Api.Object.empty() && Op->getNumArgs() > 0 &&
           Api.Member == getOperatorSpelling(Op->getOperator()) &&
           Api.Object == referencedVariable(Op->getArg(0));
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    // Any member function may have the signature; argumentsMatch decides.
    if (Api.Kind == ApiKind::Signature)
      return true;
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const Expr *Receiver = Member->getImplicitObjectArgument();
    if (Api.Kind != ApiKind::Method || !Method || !Receiver || !Method->getIdentifier() ||
        Method->getName() != Api.Member)
      return false;
    const CXXRecordDecl *Record = recordOf(Receiver->IgnoreParenImpCasts()->getType(), true);
    return Record && llvm::is_contained(recordAndBaseNames(*Record), Api.Name);
  }
  if (Api.Kind != ApiKind::Function)
    return false;
  if (const FunctionDecl *Callee = Call.getDirectCallee())
    return qualifiedName(*Callee) == Api.Name;
  // In a template, `resume_on(ex)` may still be an unresolved overload set.
  if (const auto *Lookup =
          dyn_cast_or_null<UnresolvedLookupExpr>(Call.getCallee()->IgnoreImplicit()))
    return llvm::any_of(Lookup->decls(), [&](const NamedDecl *D) {
      return qualifiedName(*D->getUnderlyingDecl()) == Api.Name;
    });
  return false;
}

llvm::ArrayRef<const Expr *> writtenArguments(const CallExpr &Call) {
  llvm::ArrayRef<const Expr *> Args(Call.getArgs(), Call.getNumArgs());
  if (isa<CXXOperatorCallExpr>(Call) && !Args.empty() &&
      isa_and_nonnull<CXXMethodDecl>(Call.getCalleeDecl()))
    return Args.drop_front();
  return Args;
}

llvm::StringRef spelledName(const BlockingApi &Api) {
  return Api.Kind == ApiKind::Method ? llvm::StringRef(Api.Member) : unqualifiedName(Api.Name);
}

bool matchesApi(const Expr &E, const BlockingApi &Api, ASTContext &Ctx) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&E)) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    return Api.Kind == ApiKind::Constructor && Ctor &&
           llvm::is_contained(recordAndBaseNames(*Ctor->getParent()), Api.Name) &&
           argumentsMatch(Api, Ctor, Construct->getArgs(), Construct->getNumArgs(), Ctx);
  }
  const auto *Call = dyn_cast<CallExpr>(&E);
  if (!Call || !callNamesApi(*Call, Api))
    return false;
  llvm::ArrayRef<const Expr *> Args = writtenArguments(*Call);
  return argumentsMatch(Api, dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()), Args.data(),
                        Args.size(), Ctx);
}

bool argumentsMention(const CallExpr &Call, llvm::function_ref<bool(const NamedDecl &)> Matches) {
  llvm::SmallVector<const Stmt *, 16> Pending(Call.arg_begin(), Call.arg_end());
  while (!Pending.empty()) {
    const Stmt *S = Pending.pop_back_val();
    if (!S)
      continue;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Matches(*Ref->getDecl()))
      return true;
    Pending.append(S->child_begin(), S->child_end());
  }
  return false;
}

} // namespace asynclint
