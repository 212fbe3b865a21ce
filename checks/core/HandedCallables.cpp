#include "core/HandedCallables.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

bool isStdCall(const CallExpr &Call, std::initializer_list<llvm::StringRef> Names) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         llvm::is_contained(Names, Callee->getName());
}

/// A construction that makes another holder of the same callable: a copy,
/// a move, a conversion to a std::function-like wrapper.
bool copiesTheCallable(const CXXConstructExpr &Construct) {
  const CXXConstructorDecl *Ctor = Construct.getConstructor();
  if (!Ctor || Construct.getNumArgs() == 0)
    return false;
  return Ctor->isCopyOrMoveConstructor() || isFunctionWrapper(*Ctor->getParent());
}

} // namespace

namespace {

/// The reference to a variable that \p E is, through what hands the same
/// object on.
const DeclRefExpr *handedReference(const Expr *E) {
  while (E) {
    E = skipTransparent(E);
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 && isStdCall(*Call, {"move", "forward"})) {
      E = Call->getArg(0);
      continue;
    }
    return dyn_cast<DeclRefExpr>(E);
  }
  return nullptr;
}

} // namespace

const VarDecl *handedVariable(const Expr *E) {
  const DeclRefExpr *Ref = handedReference(E);
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

bool isFunctionWrapper(const CXXRecordDecl &RD) {
  return RD.isInStdNamespace() && RD.getIdentifier() &&
         llvm::is_contained({"function", "move_only_function", "copyable_function", "function_ref"},
                            RD.getName());
}

bool callsReturnVoid(const CXXRecordDecl &RD) {
  if (isFunctionWrapper(RD)) {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&RD);
    if (!Spec || Spec->getTemplateArgs().size() == 0 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return false;
    const auto *Signature = Spec->getTemplateArgs()[0].getAsType()->getAs<FunctionType>();
    return Signature && Signature->getReturnType()->isVoidType();
  }
  if (RD.isLambda() || !RD.hasDefinition())
    return false;
  bool Any = false;
  for (const Decl *D : RD.decls()) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D);
        Template && Template->getTemplatedDecl()->getOverloadedOperator() == OO_Call)
      return false;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(D);
        Method && Method->getOverloadedOperator() == OO_Call) {
      if (!Method->getReturnType()->isVoidType())
        return false;
      Any = true;
    }
  }
  return Any;
}

const Expr *voidResultSource(const Expr &E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&E)) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    const CXXRecordDecl *RD = E.getType()->getAsCXXRecordDecl();
    return Ctor && Ctor->getPrimaryTemplate() && Construct->getNumArgs() > 0 && RD &&
                   callsReturnVoid(*RD)
               ? Construct->getArg(0)
               : nullptr;
  }
  const auto *Assign = dyn_cast<CXXOperatorCallExpr>(&E);
  const auto *Method = Assign ? dyn_cast_or_null<CXXMethodDecl>(Assign->getCalleeDecl()) : nullptr;
  if (!Method || Assign->getOperator() != OO_Equal || !Method->getPrimaryTemplate() ||
      Assign->getNumArgs() != 2)
    return nullptr;
  const CXXRecordDecl *RD = Assign->getArg(0)->getType()->getAsCXXRecordDecl();
  return RD && callsReturnVoid(*RD) ? Assign->getArg(1) : nullptr;
}

const Expr *voidResultConversionOf(llvm::ArrayRef<const VarDecl *> Holders, const Stmt &Body) {
  const Expr *Found = nullptr;
  walkOwnBody(Body, [&](const Stmt &S) {
    const auto *E = dyn_cast<Expr>(&S);
    const Expr *Source = E ? voidResultSource(*E) : nullptr;
    if (Source && llvm::is_contained(Holders, handedVariable(Source))) {
      Found = E;
      return Walk::Stop;
    }
    return Walk::Into;
  });
  return Found;
}

const VarDecl *captureOf(const LambdaExpr &Lambda, const VarDecl &Holder, bool ByCopyOnly) {
  for (const LambdaCapture &Capture : Lambda.captures()) {
    const auto *Var =
        Capture.capturesVariable() ? dyn_cast<VarDecl>(Capture.getCapturedVar()) : nullptr;
    if (!Var)
      continue;
    if (Var == &Holder && (!ByCopyOnly || Capture.getCaptureKind() == LCK_ByCopy))
      return Var;
    if (Var->isInitCapture() && Var->getInit() && !Var->getType()->isReferenceType())
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(skipTransparent(Var->getInit()));
          Construct && Construct->getNumArgs() > 0 &&
          handedVariable(Construct->getArg(0)) == &Holder)
        return Var;
  }
  return nullptr;
}

llvm::SmallVector<const CallExpr *, 2>
discardedInvocationsOf(llvm::ArrayRef<const VarDecl *> Holders, const Stmt &Body, ASTContext &Ctx) {
  llvm::SmallVector<const CallExpr *, 2> Dropped;
  auto Collect = [&](const VarDecl &Holder, const Stmt &In, bool ThroughCapture) {
    for (const CallExpr *Call : invocationsOf(Holder, In, ThroughCapture))
      if (isResultDiscarded(*Call, Ctx))
        Dropped.push_back(Call);
  };
  for (const VarDecl *Holder : Holders)
    Collect(*Holder, Body, false);
  forEachOwnNode(&Body, [&](const Stmt &S) {
    const auto *Lambda = dyn_cast<LambdaExpr>(&S);
    if (!Lambda || !Lambda->getBody())
      return;
    for (const VarDecl *Holder : Holders)
      if (const VarDecl *Capture = captureOf(*Lambda, *Holder, /*ByCopyOnly=*/false))
        Collect(*Capture, *Lambda->getBody(), true);
  });
  return Dropped;
}

std::optional<HandedCallable> receiverOf(const CallExpr &Call, const Expr &Arg) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition))
    return std::nullopt;
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
                            !cast<CXXMethodDecl>(Callee)->hasCXXExplicitFunctionObjectParameter()
                        ? 1
                        : 0;
  for (unsigned I = Offset; I < Call.getNumArgs(); ++I)
    if (Call.getArg(I) == &Arg && I - Offset < Definition->getNumParams())
      return HandedCallable{&Call, Definition, Definition->getParamDecl(I - Offset)};
  return std::nullopt;
}

std::optional<HandedCallable> handedTo(const Expr &E, ASTContext &Ctx) {
  const Expr *Cur = &E;
  while (true) {
    auto Parents = Ctx.getParents(*Cur);
    const Expr *Parent = Parents.empty() ? nullptr : Parents[0].get<Expr>();
    if (!Parent)
      return std::nullopt;
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ParenExpr, FullExpr,
            CXXFunctionalCastExpr>(Parent)) {
      Cur = Parent;
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent)) {
      if (!copiesTheCallable(*Construct) || Construct->getArg(0) != Cur)
        return std::nullopt;
      Cur = Parent;
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(Parent);
    if (!Call || Call->getCallee() == Cur)
      return std::nullopt;
    if (Call->getNumArgs() == 1 && isStdCall(*Call, {"move", "forward"})) {
      Cur = Parent;
      continue;
    }
    return receiverOf(*Call, *Cur);
  }
}

const Stmt *writtenBody(const FunctionDecl &Definition) {
  const Stmt *Body = Definition.getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coroutine->getBody();
  return Body;
}

llvm::SmallVector<const VarDecl *, 4> holdersOf(const VarDecl &Holder, const Stmt &Body) {
  llvm::SmallVector<const VarDecl *, 4> From{&Holder};
  forEachOwnNode(&Body, [&](const Stmt &S) {
    const auto *Decls = dyn_cast<DeclStmt>(&S);
    if (!Decls)
      return;
    for (const Decl *D : Decls->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      if (!Var || Var->getType()->isReferenceType() || !Var->getInit())
        continue;
      const auto *Construct = dyn_cast<CXXConstructExpr>(skipTransparent(Var->getInit()));
      if (Construct && copiesTheCallable(*Construct) &&
          llvm::is_contained(From, handedVariable(Construct->getArg(0)))) {
        From.push_back(Var);
      }
    }
  });
  return From;
}

llvm::SmallVector<const CallExpr *, 2> invocationsOf(const VarDecl &Holder, const Stmt &Body,
                                                     bool ThroughCapture) {
  llvm::SmallVector<const CallExpr *, 2> Calls;
  forEachOwnNode(&Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call || Call->getNumArgs() == 0)
      return;
    bool Invokes = false;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
      Invokes = Op->getOperator() == OO_Call;
    else
      Invokes = isStdCall(*Call, {"invoke", "invoke_r"});
    // Through a capture (of a lambda called on the spot) it may be a copy.
    const DeclRefExpr *Ref = Invokes ? handedReference(Call->getArg(0)) : nullptr;
    if (Ref && Ref->getDecl() == &Holder &&
        Ref->refersToEnclosingVariableOrCapture() == ThroughCapture)
      Calls.push_back(Call);
  });
  return Calls;
}

} // namespace asynclint
