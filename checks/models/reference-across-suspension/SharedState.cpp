#include "models/reference-across-suspension/SharedState.h"
#include "core/Coroutines.h"
#include "core/Names.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace asynclint {

ContainerFamily containerFamily(QualType T, const Catalog &Cat) {
  const CXXRecordDecl *Record =
      T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  return Record ? Cat.containerFamily(qualifiedName(*Record)) : ContainerFamily::None;
}

Invalidation invalidationOf(ContainerFamily Family, StringRef Method) {
  const Invalidation Both{true, true}, IteratorsOnly{false, true}, Nothing;
  // Removing elements invalidates what refers to them, in every family.
  bool Removes = llvm::is_contained({"erase", "erase_after", "extract", "clear", "pop_back",
                                     "pop_front", "remove", "remove_if", "unique"},
                                    Method);
  switch (Family) {
  case ContainerFamily::None:
    return Nothing;
  case ContainerFamily::Contiguous:
    return Removes || llvm::is_contained({"push_back", "emplace_back", "insert", "emplace",
                                          "resize", "reserve", "shrink_to_fit", "assign", "append",
                                          "operator+=", "append_range", "insert_range",
                                          "assign_range", "replace"},
                                         Method)
               ? Both
               : Nothing;
  case ContainerFamily::Deque:
    if (Removes || llvm::is_contained({"insert", "emplace", "resize", "shrink_to_fit", "assign",
                                       "insert_range", "assign_range"},
                                      Method))
      return Both;
    return llvm::is_contained({"push_back", "push_front", "emplace_back", "emplace_front",
                               "append_range", "prepend_range"},
                              Method)
               ? IteratorsOnly
               : Nothing;
  case ContainerFamily::NodeList:
    return Removes || llvm::is_contained({"resize", "assign", "assign_range"}, Method) ? Both
                                                                                       : Nothing;
  case ContainerFamily::Ordered:
    return Removes ? Both : Nothing;
  case ContainerFamily::Flat:
    return Removes || llvm::is_contained({"insert", "emplace", "emplace_hint", "try_emplace",
                                          "insert_or_assign", "operator[]", "rehash", "reserve",
                                          "insert_range", "merge"},
                                         Method)
               ? Both
               : Nothing;
  case ContainerFamily::Hashed:
    if (Removes)
      return Both;
    // A rehash moves no element: references stay, iterators do not.
    return llvm::is_contained({"insert", "emplace", "emplace_hint", "try_emplace",
                               "insert_or_assign", "operator[]", "rehash", "reserve",
                               "insert_range", "merge"},
                              Method)
               ? IteratorsOnly
               : Nothing;
  }
  return Nothing;
}

StringRef describeOperation(StringRef Method) {
  if (Method == "clear")
    return "clears";
  if (llvm::is_contained({"erase", "erase_after", "extract", "pop_back", "pop_front", "remove",
                          "remove_if", "unique"},
                         Method))
    return "erases from";
  if (llvm::is_contained({"resize", "reserve", "shrink_to_fit", "rehash"}, Method))
    return "resizes";
  if (llvm::is_contained({"assign", "assign_range", "replace"}, Method))
    return "replaces the contents of";
  return "inserts into";
}

bool StatePath::followsPointer() const {
  return llvm::any_of(Steps, [](const StateStep &S) { return S.ThroughPointer; });
}

namespace {

bool isPointerLike(QualType T) { return T->isPointerType() || isSmartPointer(T); }

} // namespace

bool isSmartPointer(QualType T) {
  const CXXRecordDecl *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  bool Arrow = llvm::any_of(Record->methods(), [](const CXXMethodDecl *M) {
    return M->getOverloadedOperator() == OO_Arrow;
  });
  ASTContext &Ctx = Record->getASTContext();
  return Arrow && Record->lookup(&Ctx.Idents.get("iterator_category")).empty();
}

namespace {

/// Whether \p Init makes a new object for the variable alone: the variable
/// owns what it points to.
bool createsItsObject(const Expr *Init) {
  Init = skipTransparent(Init);
  if (!Init)
    return true;
  if (isa<CXXNewExpr, CXXNullPtrLiteralExpr>(Init))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
    return Construct->getNumArgs() == 0 ||
           (Construct->getNumArgs() == 1 && createsItsObject(Construct->getArg(0)));
  if (const auto *Call = dyn_cast<CallExpr>(Init))
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      std::string Name = qualifiedName(*Callee);
      return Name == "std::make_shared" || Name == "std::make_unique" ||
             Name == "std::allocate_shared";
    }
  return false;
}

StatePath withStep(StatePath Path, StateStep Step) {
  if (Path.From != StatePath::Root::Owned)
    Path.Steps.push_back(Step);
  return Path;
}

} // namespace

StatePath pointeePath(const Expr *E, unsigned Depth) {
  E = skipTransparent(E);
  if (!E)
    return {};
  if (isa<CXXThisExpr>(E))
    return {StatePath::Root::This, {}};
  // `sp->m` and `sp.get()`: the smart pointer's pointee.
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Arrow && Op->getNumArgs() == 1)
    return pointeePath(Op->getArg(0), Depth);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *Method = Member->getMethodDecl();
        Method && Method->getName() == "get" && isPointerLike(Member->getObjectType()))
      return pointeePath(Member->getImplicitObjectArgument(), Depth);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDeclOrParm() && !Var->isStaticLocal() && !isa<ParmVarDecl>(Var) &&
        !Var->getType()->isReferenceType()) {
      if (createsItsObject(Var->getInit()))
        return {};
      return {StatePath::Root::Pointer, {{Var, true}}};
    }
  if (!E->isGLValue())
    return {};
  StatePath Path = statePathOf(E, Depth);
  if (!Path.shared())
    return {};
  Path.Steps.back().ThroughPointer = true;
  return Path;
}

namespace {

/// An accessor, `const Topology &topology() const { return *topology_; }`,
/// names what its one return statement names, reached from the object it
/// is called on.
StatePath accessorPath(const CXXMemberCallExpr &Call, unsigned Depth) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const FunctionDecl *Definition = nullptr;
  if (!Method || !Method->getReturnType()->isReferenceType() || !Method->hasBody(Definition))
    return {};
  const auto *Body = dyn_cast<CompoundStmt>(Definition->getBody());
  const auto *Return =
      Body && Body->size() == 1 ? dyn_cast<ReturnStmt>(Body->body_front()) : nullptr;
  if (!Return)
    return {};
  StatePath Inner = statePathOf(Return->getRetValue(), Depth);
  if (Inner.From != StatePath::Root::This || Inner.Steps.empty())
    return Inner.From == StatePath::Root::Global ? Inner : StatePath{};
  const Expr *Object = Call.getImplicitObjectArgument();
  const auto *Callee = dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts());
  StatePath Outer =
      Callee && Callee->isArrow() ? pointeePath(Object, Depth) : statePathOf(Object, Depth);
  if (Outer.From == StatePath::Root::Owned)
    return {};
  llvm::append_range(Outer.Steps, Inner.Steps);
  return Outer;
}

} // namespace

StatePath statePathOf(const Expr *E, unsigned Depth) {
  E = skipTransparent(E);
  if (!E)
    return {};
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *Decl = Member->getMemberDecl();
    if (const auto *Static = dyn_cast<VarDecl>(Decl))
      return {StatePath::Root::Global, {{Static, false}}};
    if (!isa<FieldDecl>(Decl))
      return {};
    StatePath Base = Member->isArrow() ? pointeePath(Member->getBase(), Depth)
                                       : statePathOf(Member->getBase(), Depth);
    return withStep(std::move(Base), {Decl, false});
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return {};
    if (Var->hasGlobalStorage())
      return {StatePath::Root::Global, {{Var, false}}};
    if (const auto *Param = dyn_cast<ParmVarDecl>(Var))
      return Param->getType()->isReferenceType()
                 ? StatePath{StatePath::Root::Parameter, {{Param, false}}}
                 : StatePath{};
    if (Var->getType()->isReferenceType() && Var->getInit() && Depth > 0)
      return statePathOf(Var->getInit(), Depth - 1);
    return {};
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_Deref)
    return pointeePath(Unary->getSubExpr(), Depth);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E); Call && Depth > 0)
    return accessorPath(*Call, Depth - 1);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E); Op && Op->getOperator() == OO_Star &&
                                                         Op->getNumArgs() == 1 &&
                                                         isPointerLike(Op->getArg(0)->getType()))
    return pointeePath(Op->getArg(0), Depth);
  return {};
}

std::optional<ContainerAccess> elementAccess(const Expr *Init, bool WantIterator,
                                             const Catalog &Cat) {
  const Expr *E = skipTransparent(Init);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(E);
      Unary && Unary->getOpcode() == UO_AddrOf && !WantIterator)
    E = skipTransparent(Unary->getSubExpr());
  if (!E)
    return std::nullopt;
  const Expr *Object = nullptr;
  bool ThroughArrow = false;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() != OO_Subscript || WantIterator || Op->getNumArgs() != 2)
      return std::nullopt;
    Object = Op->getArg(0);
  } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier())
      return std::nullopt;
    StringRef Name = Method->getName();
    bool Wanted = WantIterator
                      ? llvm::is_contained({"find", "begin", "end", "cbegin", "cend", "rbegin",
                                            "rend", "lower_bound", "upper_bound"},
                                           Name)
                      : llvm::is_contained({"at", "front", "back", "data"}, Name);
    if (!Wanted)
      return std::nullopt;
    Object = Call->getImplicitObjectArgument();
    if (const auto *Callee = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts()))
      ThroughArrow = Callee->isArrow();
  } else {
    return std::nullopt;
  }
  ContainerAccess Access;
  Access.ContainerExpr = Object;
  Access.Family =
      containerFamily(ThroughArrow ? Object->getType()->getPointeeType() : Object->getType(), Cat);
  Access.Container = ThroughArrow ? pointeePath(Object, 3) : statePathOf(Object);
  if (Access.Family == ContainerFamily::None || !Access.Container.shared())
    return std::nullopt;
  return Access;
}

} // namespace asynclint
