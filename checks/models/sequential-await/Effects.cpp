#include "models/sequential-await/Effects.h"
#include "core/ApiConditions.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace asynclint {
namespace {

/// `v[i]` and `v.at(i)` hand out an element without changing the container;
/// what the caller then does with the element is judged where it does it.
bool isElementAccess(const FunctionDecl *F) {
  if (!F)
    return false;
  if (F->getOverloadedOperator() == OO_Subscript)
    return true;
  return isa<CXXMethodDecl>(F) && F->getIdentifier() && F->getName() == "at";
}

/// What an lvalue is part of: `x`, `x.f`, `x[i]`, `*x`, `std::move(x)` are
/// all x; `this->f` is the field f. Null when there is no such thing.
const Decl *rootOf(const Expr *E, bool &IsThis) {
  IsThis = false;
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temp->getSubExpr();
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      return isa<VarDecl, BindingDecl>(Ref->getDecl()) ? Ref->getDecl() : nullptr;
    } else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
        if (isa<FieldDecl>(Member->getMemberDecl()))
          return Member->getMemberDecl();
        IsThis = true;
        return nullptr;
      }
      E = Member->getBase();
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      E = Unary->getSubExpr();
    } else if (isa<CXXThisExpr>(E)) {
      IsThis = true;
      return nullptr;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getNumArgs() == 0)
        return nullptr;
      E = Op->getArg(0);
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
               Member && isElementAccess(Member->getMethodDecl())) {
      E = Member->getImplicitObjectArgument();
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee || Call->getNumArgs() == 0 ||
          !llvm::StringSwitch<bool>(qualifiedName(*Callee))
               .Cases({"std::move", "std::forward", "std::ref", "std::as_const"}, true)
               .Default(false))
        return nullptr;
      E = Call->getArg(0);
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// A parameter through which the callee can modify its argument.
bool mayModifyThrough(QualType Param) {
  if (Param->isReferenceType())
    return !Param.getNonReferenceType().isConstQualified() || Param->isRValueReferenceType();
  if (Param->isPointerType())
    return !Param->getPointeeType().isConstQualified();
  return false;
}

class Collector {
public:
  Effects Result;

  /// Records what \p S itself touches; the walk brings what lies below.
  Walk visit(const Stmt &S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && !Var->isConstexpr())
        Result.Reads.insert(Var);
      else if (isa<BindingDecl>(Ref->getDecl()))
        Result.Reads.insert(Ref->getDecl());
      return Walk::Over;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(&S);
        Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
      if (isa<FieldDecl>(Member->getMemberDecl())) {
        Result.Reads.insert(Member->getMemberDecl());
        Result.MentionsFields = true;
      } else {
        Result.MentionsThis = true;
      }
      return Walk::Over;
    }
    if (isa<CXXThisExpr>(S))
      Result.MentionsThis = true;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(&S))
      visitCaptures(*Lambda);
    if (const auto *Unary = dyn_cast<UnaryOperator>(&S);
        Unary && (Unary->isIncrementDecrementOp() || Unary->getOpcode() == UO_AddrOf))
      modified(Unary->getSubExpr());
    if (const auto *Binary = dyn_cast<BinaryOperator>(&S); Binary && Binary->isAssignmentOp())
      modified(Binary->getLHS());
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      visitCall(*Call);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
      if (const CXXConstructorDecl *Ctor = Construct->getConstructor())
        for (unsigned I = 0; I < Construct->getNumArgs() && I < Ctor->getNumParams(); ++I)
          if (mayModifyThrough(Ctor->getParamDecl(I)->getType()))
            modified(Construct->getArg(I));
    return Walk::Into;
  }

  void collect(const Stmt &S) {
    walkOwnBody(S, [this](const Stmt &Node) { return visit(Node); });
  }

private:
  void modified(const Expr *E) {
    bool IsThis = false;
    if (const Decl *Root = rootOf(E, IsThis))
      Result.Writes.insert(Root);
    else if (IsThis)
      Result.ModifiesThis = true;
  }

  void visitCall(const CallExpr &Call) {
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
    llvm::ArrayRef<const Expr *> Args = writtenArguments(Call);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (!Method || (!Method->isConst() && !isElementAccess(Method)))
        modified(Member->getImplicitObjectArgument());
    } else if (Args.size() < Call.getNumArgs() && !cast<CXXMethodDecl>(Callee)->isConst() &&
               !isElementAccess(Callee)) {
      // A member operator: its object is the first operand.
      modified(Call.getArg(0));
    }
    if (!Callee) {
      // Calling through something we cannot see: assume it modifies its
      // arguments.
      for (const Expr *Arg : Args)
        modified(Arg);
      return;
    }
    for (unsigned I = 0; I < Args.size(); ++I) {
      // Unknown parameters count as modifiable; a C variadic tail gets a
      // copy of what is not a pointer (printf's numbers).
      bool Copied = I >= Callee->getNumParams() && Callee->isVariadic() &&
                    !Args[I]->IgnoreParenImpCasts()->getType()->isPointerType() &&
                    !Args[I]->IgnoreParenImpCasts()->getType()->isArrayType();
      if (!Copied &&
          (I >= Callee->getNumParams() || mayModifyThrough(Callee->getParamDecl(I)->getType())))
        modified(Args[I]);
    }
  }

  void visitCaptures(const LambdaExpr &Lambda) {
    for (const LambdaCapture &Capture : Lambda.captures()) {
      if (Capture.capturesThis()) {
        Result.MentionsThis = Result.ModifiesThis = true;
        continue;
      }
      if (!Capture.capturesVariable())
        continue;
      const ValueDecl *Var = Capture.getCapturedVar();
      Result.Reads.insert(Var);
      if (Capture.getCaptureKind() == LCK_ByRef)
        Result.Writes.insert(Var);
    }
  }
};

QualType typeOf(const Decl *D) {
  if (const auto *Value = dyn_cast<ValueDecl>(D))
    return Value->getType();
  return {};
}

bool isPlainData(QualType T, unsigned Depth) {
  if (T.isNull() || Depth > 4)
    return false;
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isArithmeticType() || T->isEnumeralType())
    return true;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  std::string Name = qualifiedName(*Record);
  if (Name == "std::basic_string" || Name == "std::basic_string_view" ||
      Name == "std::chrono::duration" || Name == "std::chrono::time_point")
    return true;
  if (!Record->hasDefinition() || !Record->isAggregate() || Record->isPolymorphic())
    return false;
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (!isPlainData(Base.getType(), Depth + 1))
      return false;
  return llvm::all_of(Record->fields(), [&](const FieldDecl *Field) {
    return isPlainData(Field->getType(), Depth + 1);
  });
}

bool modifiesWhatOtherMentions(const Effects &Writer, const Effects &Reader) {
  for (const Decl *D : Writer.Writes) {
    if (Reader.Reads.contains(D) || Reader.Writes.contains(D))
      return true;
    // A member function of the object may use any of its fields.
    if (isa<FieldDecl>(D) && Reader.MentionsThis)
      return true;
  }
  return Writer.ModifiesThis && (Reader.MentionsThis || Reader.MentionsFields);
}

/// Whether \p Use, where ExprMutationAnalyzer first found a container
/// changed, only hands out an element that nobody then changes: `f(v[i])`.
bool onlyReadsAnElement(const Stmt &Use, ExprMutationAnalyzer &Analyzer, ASTContext &Ctx) {
  for (const DynTypedNode &Parent : ancestors(Use, Ctx)) {
    if (isTransparentNode(Parent) || Parent.get<MemberExpr>())
      continue;
    const auto *Call = Parent.get<CallExpr>();
    return Call && isElementAccess(Call->getDirectCallee()) && !Analyzer.isMutated(Call);
  }
  return false;
}

/// Adds to \p Fx.Writes the variables \p S mentions that
/// ExprMutationAnalyzer (misc-const-correctness's analysis) finds changed:
/// through casts, conditional operators, references bound to them, range-for
/// loops over them, and their pointees, beside what the walk itself saw.
void addMutations(const Stmt &S, Effects &Fx) {
  const Decl *Any = nullptr;
  for (const Decl *D : Fx.Reads)
    if (isa<VarDecl>(D) && !Fx.Writes.contains(D))
      Any = D;
  if (!Any)
    return;
  ExprMutationAnalyzer Analyzer(S, Any->getASTContext());
  llvm::SmallVector<const Decl *, 8> Mutated;
  for (const Decl *D : Fx.Reads) {
    if (!isa<VarDecl>(D) || Fx.Writes.contains(D))
      continue;
    const Stmt *By = Analyzer.findMutation(D);
    if (!By && cast<VarDecl>(D)->getType()->isPointerType())
      By = Analyzer.findPointeeMutation(D);
    if (By && !onlyReadsAnElement(*By, Analyzer, Any->getASTContext()))
      Mutated.push_back(D);
  }
  Fx.Writes.insert(Mutated.begin(), Mutated.end());
}

} // namespace

Effects effectsOf(const Expr &E) {
  Collector C;
  C.collect(E);
  addMutations(E, C.Result);
  return std::move(C.Result);
}

Effects effectsOfStatement(const Stmt &S) {
  Collector C;
  C.collect(S);
  addMutations(S, C.Result);
  if (const auto *Decls = dyn_cast<DeclStmt>(&S))
    for (const Decl *D : Decls->decls())
      C.Result.Writes.insert(D);
  return std::move(C.Result);
}

bool isPlainData(QualType T) { return isPlainData(T, 0); }

std::optional<Effects> effectsOfLambdaCall(const CXXOperatorCallExpr &Call) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call.getDirectCallee());
  if (!Method || Call.getOperator() != OO_Call || !Method->getParent()->isLambda() ||
      !Method->hasBody() || Call.getNumArgs() == 0)
    return std::nullopt;
  Effects Fx = effectsOf(Call);
  // Calling a lambda that is not `mutable` changes nothing of the closure.
  bool IsThis = false;
  if (Method->isConst())
    if (const Decl *Closure = rootOf(Call.getArg(0), IsThis))
      Fx.Reads.erase(Closure);
  const Stmt *Body = Method->getBody();
  if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  Effects BodyFx = effectsOfStatement(*Body);
  // The lambda's own parameters and locals are new on every call.
  auto Outside = [&](const Decl *D) { return !Method->Encloses(D->getDeclContext()); };
  for (const Decl *D : BodyFx.Reads)
    if (Outside(D))
      Fx.Reads.insert(D);
  for (const Decl *D : BodyFx.Writes)
    if (Outside(D))
      Fx.Writes.insert(D);
  Fx.MentionsThis |= BodyFx.MentionsThis;
  Fx.ModifiesThis |= BodyFx.ModifiesThis;
  Fx.MentionsFields |= BodyFx.MentionsFields;
  return Fx;
}

bool interfere(const Effects &A, const Effects &B) {
  if (modifiesWhatOtherMentions(A, B) || modifiesWhatOtherMentions(B, A))
    return true;
  if (A.MentionsThis && B.MentionsThis)
    return true;
  for (const Decl *D : A.Reads)
    if (B.Reads.contains(D) && !isPlainData(typeOf(D)))
      return true;
  return false;
}

} // namespace asynclint
