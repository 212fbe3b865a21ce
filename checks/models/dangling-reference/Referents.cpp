#include "models/dangling-reference/Referents.h"
#include "core/Names.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// Following a local reference or view variable to its initialiser goes
/// this deep, which is as far as code chains them in practice.
constexpr unsigned MaxHops = 4;

bool isViewRecord(const CXXRecordDecl &RD) {
  if (RD.hasAttr<PointerAttr>())
    return true;
  std::string Name = qualifiedName(RD);
  return Name == "std::basic_string_view" || Name == "std::span";
}

/// The expression that names the object \p E refers to: through
/// parentheses, cleanups, casts that keep the object (no-op, to a base,
/// lvalue-to-rvalue, a conversion by constructor or operator), std::move and
/// static_cast to a reference. Unlike skipTransparent, it stops at a
/// temporary, which is what this model looks for, and looks through the
/// calls and casts that hand the same object on.
const Expr *objectExpression(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      switch (Cast->getCastKind()) {
      case CK_NoOp:
      case CK_DerivedToBase:
      case CK_UncheckedDerivedToBase:
      case CK_LValueToRValue:
      case CK_ConstructorConversion:
      case CK_UserDefinedConversion:
        E = Cast->getSubExpr();
        continue;
      default:
        return E;
      }
    }
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1)
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->isInStdNamespace() &&
          llvm::is_contained({"move", "forward", "as_const"}, Callee->getName())) {
        E = Call->getArg(0);
        continue;
      }
    if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(E);
        Cast && Cast->getType()->isReferenceType()) {
      E = Cast->getSubExpr();
      continue;
    }
    return E;
  }
}

Referent local(const VarDecl &Var) {
  Referent R;
  R.K = Referent::Kind::Local;
  R.Var = &Var;
  return R;
}

Referent temporary(const Expr &E) {
  Referent R;
  R.K = Referent::Kind::Temporary;
  R.Temporary = &E;
  return R;
}

/// The range-for statement whose loop variable is \p Var.
const CXXForRangeStmt *rangeForOf(const VarDecl &Var, ASTContext &Ctx) {
  for (const DynTypedNode &Parent : Ctx.getParents(Var))
    if (const auto *Decl = Parent.get<DeclStmt>())
      for (const DynTypedNode &Above : Ctx.getParents(*Decl))
        if (const auto *For = Above.get<CXXForRangeStmt>(); For && For->getLoopVariable() == &Var)
          return For;
  return nullptr;
}

Referent objectOfImpl(const Expr &E, ASTContext &Ctx, unsigned Hops);
Referent pointeeOf(const Expr &E, ASTContext &Ctx, unsigned Hops);
Referent viewedBy(const Expr &E, ASTContext &Ctx, unsigned Hops);

Referent variable(const VarDecl &Var, ASTContext &Ctx, unsigned Hops,
                  Referent (*Follow)(const Expr &, ASTContext &, unsigned)) {
  if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var) && Var.getType()->isReferenceType())
    return {};
  if (Follow == objectOfImpl && !Var.getType()->isReferenceType())
    return local(Var);
  // A reference, pointer or view variable: what it was made from.
  if (Hops >= MaxHops || isa<ParmVarDecl>(Var))
    return {};
  if (const CXXForRangeStmt *For = rangeForOf(Var, Ctx)) {
    // `for (auto &x : items)`: an element of the range.
    if (Var.getType()->isReferenceType() && Follow == objectOfImpl)
      return objectOfImpl(*For->getRangeInit(), Ctx, Hops + 1);
    return {};
  }
  const Expr *Init = Var.getInit();
  return Init ? Follow(*Init, Ctx, Hops + 1) : Referent{};
}

Referent objectOfImpl(const Expr &Written, ASTContext &Ctx, unsigned Hops) {
  const Expr *E = objectExpression(&Written);
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    return Temp->getExtendingDecl() ? Referent{} : temporary(*Temp);
  if (isa<CXXTemporaryObjectExpr, LambdaExpr>(E))
    return temporary(*E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    return Var ? variable(*Var, Ctx, Hops, objectOfImpl) : Referent{};
  }
  // A reference member refers elsewhere; only a member object is part of
  // the object it is a member of.
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->isArrow() || !isa<FieldDecl>(Member->getMemberDecl()) ||
                   Member->getMemberDecl()->getType()->isReferenceType()
               ? Referent{}
               : objectOfImpl(*Member->getBase(), Ctx, Hops);
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = Subscript->getBase()->IgnoreParens();
    if (const auto *Decay = dyn_cast<ImplicitCastExpr>(Base);
        Decay && Decay->getCastKind() == CK_ArrayToPointerDecay)
      return objectOfImpl(*Decay->getSubExpr(), Ctx, Hops);
    return {};
  }
  // An element of a container the calling code owns: v[i], v.at(i),
  // v.front(), opt.value().
  if (!E->isGLValue())
    return {};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return objectOfImpl(*Op->getArg(0), Ctx, Hops);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() &&
        llvm::is_contained({"at", "front", "back", "value"}, Method->getName()))
      return objectOfImpl(*Call->getImplicitObjectArgument(), Ctx, Hops);
  return {};
}

/// `buffer.data()`, `name.c_str()`, `items.begin()`: a pointer or iterator
/// into the object.
const Expr *objectOfAccessor(const Expr &E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(&E);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() ||
      !llvm::is_contained({"data", "c_str", "begin", "cbegin", "end", "cend"}, Method->getName()))
    return nullptr;
  return Call->getImplicitObjectArgument();
}

/// What an object that owns or views memory refers to: itself when it owns
/// it (a std::string, a vector, an array), what it views otherwise.
Referent ownerOrViewed(const Expr &E, ASTContext &Ctx, unsigned Hops) {
  const CXXRecordDecl *RD = recordOf(E.getType(), false);
  if (RD && isViewRecord(*RD))
    return viewedBy(E, Ctx, Hops);
  return objectOfImpl(E, Ctx, Hops);
}

Referent pointeeOf(const Expr &Written, ASTContext &Ctx, unsigned Hops) {
  const Expr *E = objectExpression(&Written);
  if (const auto *Decay = dyn_cast<ImplicitCastExpr>(E);
      Decay && Decay->getCastKind() == CK_ArrayToPointerDecay)
    return isa<StringLiteral>(Decay->getSubExpr()->IgnoreParens())
               ? Referent{}
               : objectOfImpl(*Decay->getSubExpr(), Ctx, Hops);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_AddrOf)
    return objectOfImpl(*Unary->getSubExpr(), Ctx, Hops);
  if (const Expr *Object = objectOfAccessor(*E))
    return ownerOrViewed(*Object, Ctx, Hops);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->getType()->isPointerType())
      return variable(*Var, Ctx, Hops, pointeeOf);
  return {};
}

Referent viewedBy(const Expr &Written, ASTContext &Ctx, unsigned Hops) {
  const Expr *E = objectExpression(&Written);
  while (true) {
    if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = objectExpression(Temp->getSubExpr());
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = objectExpression(Cast->getSubExpr());
    else
      break;
  }
  if (isa<StringLiteral>(E))
    return {};
  // string -> string_view goes through the string's conversion operator.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(Call->getMethodDecl()))
      return ownerOrViewed(*Call->getImplicitObjectArgument(), Ctx, Hops);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() >= 1) {
    const Expr *Source = Construct->getArg(0);
    if (Source->getType()->isPointerType() || Source->getType()->isArrayType())
      return Construct->getNumArgs() == 1 && isa<StringLiteral>(objectExpression(Source))
                 ? Referent{}
                 : pointeeOf(*Source, Ctx, Hops);
    return Construct->getNumArgs() == 1 ? ownerOrViewed(*Source, Ctx, Hops) : Referent{};
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return variable(*Var, Ctx, Hops, viewedBy);
  return {};
}

} // namespace

Holding holdingOf(QualType ParamType) {
  if (ParamType->isReferenceType())
    return Holding::Reference;
  if (ParamType->isPointerType() && !ParamType->getPointeeType()->isFunctionType())
    return Holding::Pointer;
  if (const CXXRecordDecl *RD = ParamType->getAsCXXRecordDecl())
    if (isViewRecord(*RD))
      return Holding::View;
  return Holding::Copy;
}

Referent objectOf(const Expr &E, ASTContext &Ctx) { return objectOfImpl(E, Ctx, 0); }

Referent objectOfVariable(const VarDecl &Var, ASTContext &Ctx) {
  return variable(Var, Ctx, 0, objectOfImpl);
}

Referent referentOfArgument(const Expr &Arg, Holding H, ASTContext &Ctx) {
  switch (H) {
  case Holding::Copy:
    return {};
  case Holding::Reference:
    return objectOfImpl(Arg, Ctx, 0);
  case Holding::Pointer:
    return pointeeOf(Arg, Ctx, 0);
  case Holding::View:
    return viewedBy(Arg, Ctx, 0);
  }
  return {};
}

const Stmt *scopeOf(const VarDecl &Var, ASTContext &Ctx) {
  if (const auto *Param = dyn_cast<ParmVarDecl>(&Var)) {
    const auto *Function = dyn_cast<FunctionDecl>(Param->getDeclContext());
    const Stmt *Body = Function ? Function->getBody() : nullptr;
    if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
      Body = Coroutine->getBody();
    // A coroutine's function-try-block sits in an unwritten block, which
    // has no place in the source.
    while (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body))
      if (Block->getBeginLoc().isInvalid() && Block->size() == 1)
        Body = Block->body_front();
      else
        break;
    return Body;
  }
  DynTypedNode Node = DynTypedNode::create(Var);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *S = Node.get<Stmt>();
        S &&
        isa<CompoundStmt, ForStmt, CXXForRangeStmt, WhileStmt, IfStmt, SwitchStmt, CXXCatchStmt>(S))
      return S;
    if (Node.get<Decl>() && !Node.get<VarDecl>())
      return nullptr;
  }
}

} // namespace asynclint
