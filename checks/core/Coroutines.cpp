#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace asynclint {
namespace {

/// The call that invokes \p Lambda on the spot, if any: `[&] { ... }()`.
const Expr *immediateInvocation(const LambdaExpr &Lambda, ASTContext &Ctx) {
  for (const DynTypedNode &Parent : ancestors(Lambda, Ctx)) {
    if (isTransparentNode(Parent))
      continue;
    const auto *Call = Parent.get<CXXOperatorCallExpr>();
    if (Call && Call->getOperator() == OO_Call && Call->getNumArgs() > 0 &&
        skipTransparent(Call->getArg(0)) == &Lambda)
      return Call;
    return nullptr;
  }
  return nullptr;
}

/// The lambda expression whose call operator is \p F, if any.
const LambdaExpr *lambdaOf(const FunctionDecl &F, ASTContext &Ctx) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&F);
  if (!Method || !Method->getParent()->isLambda())
    return nullptr;
  // The closure class sits right under its lambda expression; any other
  // statement on the way up belongs to some enclosing code.
  for (const DynTypedNode &Ancestor : ancestors(*Method->getParent(), Ctx)) {
    if (const auto *Lambda = Ancestor.get<LambdaExpr>())
      return Lambda;
    if (Ancestor.get<Stmt>())
      return nullptr;
  }
  return nullptr;
}

} // namespace

const Expr *skipTransparent(const Expr *E) {
  while (E) {
    if (const auto *C = dyn_cast<ImplicitCastExpr>(E))
      E = C->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *P = dyn_cast<ParenExpr>(E))
      E = P->getSubExpr();
    else if (const auto *Full = dyn_cast<FullExpr>(E))
      E = Full->getSubExpr();
    else
      return E;
  }
  return E;
}

bool isTransparentNode(const DynTypedNode &N) {
  return N.get<ImplicitCastExpr>() || N.get<MaterializeTemporaryExpr>() ||
         N.get<CXXBindTemporaryExpr>() || N.get<ParenExpr>() || N.get<ExprWithCleanups>() ||
         N.get<OpaqueValueExpr>();
}

DynTypedNode lexicalParent(const DynTypedNode &Node, ASTContext &Ctx) {
  auto Parents = Ctx.getParents(Node);
  if (Parents.empty())
    return {};
  for (const DynTypedNode &P : Parents)
    if (P.get<LambdaExpr>())
      return P;
  return Parents[0];
}

bool isCoroutine(const FunctionDecl &F) { return isa_and_nonnull<CoroutineBodyStmt>(F.getBody()); }

namespace {

/// One walk up the tree that remembers its answer, when asked to, for every
/// statement it passed, and stops at a statement whose answer is known.
class RememberingWalk {
public:
  explicit RememberingWalk(RememberedWalks *Known) : Known(Known) {}
  /// The answer known for \p S; else \p S is remembered as walked.
  std::optional<const FunctionDecl *> at(const Stmt *S) {
    if (!Known || !S)
      return std::nullopt;
    if (auto It = Known->find(S); It != Known->end())
      return It->second;
    Walked.push_back(S);
    return std::nullopt;
  }
  const FunctionDecl *done(const FunctionDecl *Answer) {
    if (Known)
      for (const Stmt *Each : Walked)
        (*Known)[Each] = Answer;
    return Answer;
  }

private:
  RememberedWalks *Known;
  llvm::SmallVector<const Stmt *, 16> Walked;
};

} // namespace

const FunctionDecl *firstFunctionAbove(const Stmt &S, ASTContext &Ctx, RememberedWalks &Known) {
  RememberingWalk Walk(&Known);
  if (auto Answer = Walk.at(&S))
    return *Answer;
  for (const DynTypedNode &Node : ancestors(S, Ctx)) {
    if (const auto *F = Node.get<FunctionDecl>())
      return Walk.done(F);
    if (auto Answer = Walk.at(Node.get<Stmt>()))
      return Walk.done(*Answer);
  }
  return Walk.done(nullptr);
}

namespace {

/// enclosingCoroutine's walk; with \p Known, answers are remembered.
const FunctionDecl *walkToCoroutine(const Stmt &S, ASTContext &Ctx, RememberedWalks *Known) {
  RememberingWalk Walk(Known);
  DynTypedNode Node = DynTypedNode::create(S);
  while (true) {
    if (auto Answer = Walk.at(Node.get<Stmt>()))
      return Walk.done(*Answer);
    // A lambda body has both the LambdaExpr and its call operator as
    // parents; the expression tells whether it is invoked on the spot.
    DynTypedNode Parent = lexicalParent(Node, Ctx);
    if (Parent.getNodeKind().isNone())
      return Walk.done(nullptr);

    if (const auto *Body = Parent.get<CoroutineBodyStmt>()) {
      // Only the statements the user wrote, not the promise machinery.
      if (Node.get<Stmt>() != Body->getBody())
        return Walk.done(nullptr);
    } else if (const auto *Lambda = Parent.get<LambdaExpr>()) {
      if (Node.get<Stmt>() == Lambda->getBody()) {
        const CXXMethodDecl *Op = Lambda->getCallOperator();
        if (Op && isCoroutine(*Op))
          return Walk.done(Op);
        const Expr *Call = immediateInvocation(*Lambda, Ctx);
        if (!Call)
          return Walk.done(nullptr);
        Node = DynTypedNode::create(*Call);
        continue;
      }
    } else if (const auto *F = Parent.get<FunctionDecl>()) {
      if (const LambdaExpr *Lambda = lambdaOf(*F, Ctx); Lambda && !isCoroutine(*F)) {
        const Expr *Call = immediateInvocation(*Lambda, Ctx);
        if (!Call)
          return Walk.done(nullptr);
        Node = DynTypedNode::create(*Call);
        continue;
      }
      if (!isCoroutine(*F))
        return Walk.done(nullptr);
      // Default arguments and the like belong to the caller.
      if (Node.get<Stmt>() != F->getBody())
        return Walk.done(nullptr);
      return Walk.done(F);
    } else if (Parent.get<BlockExpr>() || Parent.get<UnaryExprOrTypeTraitExpr>() ||
               Parent.get<CXXNoexceptExpr>() || Parent.get<RequiresExpr>() ||
               (Parent.get<Decl>() && !Parent.get<VarDecl>())) {
      // Blocks, unevaluated operands, and any declaration other than a
      // local variable (a local class, a field's initialiser) end the walk.
      return Walk.done(nullptr);
    } else if (const auto *Typeid = Parent.get<CXXTypeidExpr>()) {
      if (!Typeid->isPotentiallyEvaluated())
        return Walk.done(nullptr);
    }
    Node = Parent;
  }
}

} // namespace

const FunctionDecl *enclosingCoroutine(const Stmt &S, ASTContext &Ctx) {
  return walkToCoroutine(S, Ctx, nullptr);
}

const FunctionDecl *enclosingCoroutine(const Stmt &S, ASTContext &Ctx, RememberedWalks &Known) {
  return walkToCoroutine(S, Ctx, &Known);
}

bool isAwaitedDirectly(const Expr &E, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(E);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    for (const DynTypedNode &P : Parents) {
      if (const auto *Suspend = P.get<CoroutineSuspendExpr>()) {
        const Expr *Operand = Suspend->getOperand();
        return Operand && skipTransparent(Operand) == skipTransparent(&E);
      }
      if (P.get<DependentCoawaitExpr>())
        return true;
    }
    if (!isTransparentNode(Parents[0]))
      return false;
    Node = Parents[0];
  }
}

/// What uses the value of \p E: the first parent that is not a transparent
/// node, and the child of it that \p E's value arrives through.
static std::pair<DynTypedNode, DynTypedNode> userOfValue(const Expr &E, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(E);
  for (const DynTypedNode &Parent : ancestors(Node, Ctx)) {
    if (!isTransparentNode(Parent))
      return {Parent, Node};
    Node = Parent;
  }
  return {};
}

bool isCastToVoid(const Expr &E, ASTContext &Ctx) {
  const auto *Cast = userOfValue(E, Ctx).first.get<ExplicitCastExpr>();
  return Cast && Cast->getType()->isVoidType();
}

const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Ctx) {
  for (const DynTypedNode &Ancestor : ancestors(S, Ctx)) {
    if (const auto *F = Ancestor.get<FunctionDecl>())
      return F;
    if (const auto *Lambda = Ancestor.get<LambdaExpr>())
      return Lambda->getCallOperator();
  }
  return nullptr;
}

bool isResultDiscarded(const Expr &E, ASTContext &Ctx) {
  auto [Parent, Node] = userOfValue(E, Ctx);
  if (const auto *Cast = Parent.get<ExplicitCastExpr>())
    return Cast->getType()->isVoidType();
  // A full-expression statement; not a condition, an initialiser or a
  // return value, which all keep the result.
  const auto *Statement = Parent.get<Stmt>();
  const Stmt *Child = Node.get<Stmt>();
  if (!Statement || isa<Expr>(Statement))
    return false;
  if (const auto *If = dyn_cast<IfStmt>(Statement))
    return Child != If->getCond() && Child != If->getInit();
  if (const auto *For = dyn_cast<ForStmt>(Statement))
    return Child != For->getCond();
  if (const auto *While = dyn_cast<WhileStmt>(Statement))
    return Child != While->getCond();
  if (const auto *Do = dyn_cast<DoStmt>(Statement))
    return Child != Do->getCond();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Statement))
    return Child == Range->getBody();
  return isa<CompoundStmt>(Statement) || isa<CaseStmt>(Statement) || isa<DefaultStmt>(Statement) ||
         isa<LabelStmt>(Statement) || isa<AttributedStmt>(Statement);
}

bool neverSuspends(const FunctionDecl &F) {
  const FunctionDecl *Definition = nullptr;
  if (!F.hasBody(Definition))
    return false;
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Definition->getBody());
  if (!Body || !Body->getBody())
    return false;
  return ownSuspensions(*Body->getBody()).empty();
}

const Stmt *analysableCoroutineBody(const FunctionDecl &F) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(F.getBody());
  if (!Body || F.isDependentContext())
    return nullptr;
  return Body->getBody();
}

std::vector<const Stmt *> ownSuspensions(const Stmt &Body) {
  std::vector<const Stmt *> Found;
  forEachOwnNode(&Body, [&](const Stmt &S) {
    if (const auto *Await = dyn_cast<CoawaitExpr>(&S); Await && Await->isImplicit())
      return;
    if (isa<CoawaitExpr, DependentCoawaitExpr, CoyieldExpr>(S))
      Found.push_back(&S);
  });
  return Found;
}

bool isInstantiatedPattern(const FunctionDecl &F) {
  const FunctionTemplateDecl *Template = F.getDescribedFunctionTemplate();
  return Template && llvm::any_of(Template->specializations(),
                                  [](const FunctionDecl *Instance) { return Instance->hasBody(); });
}

std::string describeCoroutine(const FunctionDecl &F) {
  if (const auto *M = dyn_cast<CXXMethodDecl>(&F))
    if (M->getParent()->isLambda())
      return "coroutine lambda";
  return "coroutine '" + F.getNameAsString() + "'";
}

} // namespace asynclint
