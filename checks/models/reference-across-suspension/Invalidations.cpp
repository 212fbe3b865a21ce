#include "models/reference-across-suspension/Invalidations.h"
#include "core/Coroutines.h"
#include "core/Names.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

/// Code that runs while the object is alive and the coroutine may be
/// suspended: not its constructors, which run before, nor its destructor,
/// whose running while a coroutine still uses the object is a bug of
/// another kind.
bool runsBesideCoroutines(const FunctionDecl &F) {
  return !isa<CXXConstructorDecl, CXXDestructorDecl>(F);
}

} // namespace

void Invalidations::registerMatchers(MatchFinder &Finder, MatchFinder::MatchCallback &Callback) {
  Finder.addMatcher(
      cxxMemberCallExpr(
          callee(cxxMethodDecl(hasAnyName(
              "erase", "erase_after", "extract", "clear", "pop_back", "pop_front", "remove",
              "remove_if", "unique", "push_back", "push_front", "emplace_back", "emplace_front",
              "insert", "emplace", "emplace_hint", "try_emplace", "insert_or_assign", "resize",
              "reserve", "shrink_to_fit", "rehash", "assign", "append", "append_range",
              "prepend_range", "insert_range", "assign_range", "replace", "merge", "reset"))))
          .bind("mutating-call"),
      &Callback);
  Finder.addMatcher(
      cxxOperatorCallExpr(hasAnyOverloadedOperatorName("=", "[]", "+=")).bind("mutating-operator"),
      &Callback);
  Finder.addMatcher(cxxDeleteExpr().bind("delete"), &Callback);
}

bool Invalidations::record(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const Expr *Node = nullptr;
  const Expr *Object = nullptr;
  std::string Operation;
  bool ThroughArrow = false;
  if (const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("mutating-call")) {
    Node = Call;
    Object = Call->getImplicitObjectArgument();
    Operation = Call->getMethodDecl()->getName().str();
    if (const auto *Callee = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts()))
      ThroughArrow = Callee->isArrow();
  } else if (const auto *Op = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("mutating-operator")) {
    if (Op->getNumArgs() != 2)
      return true;
    Node = Op;
    Object = Op->getArg(0);
    Operation = getOperatorSpelling(Op->getOperator());
    Operation.insert(0, "operator");
  } else if (const auto *Delete = Result.Nodes.getNodeAs<CXXDeleteExpr>("delete")) {
    Node = Delete;
    Object = Delete->getArgument();
    Operation = "delete";
  } else {
    return false;
  }
  if (!Object)
    return true;
  const FunctionDecl *Function = enclosingFunction(*Node, Ctx);
  if (!Function || !runsBesideCoroutines(*Function) || Function->isDependentContext())
    return true;
  Mutation M;
  M.Function = Function;
  M.Loc = Node->getExprLoc();
  M.Target = writtenText(Object->getSourceRange(), Ctx);
  QualType ObjectType =
      ThroughArrow ? Object->getType()->getPointeeType() : Object->getType().getNonReferenceType();
  if (Operation == "delete") {
    M.K = Mutation::Kind::Destroys;
    add(statePathOf(Object), std::move(M), /*ThroughPointer=*/true);
    return true;
  }
  if (isSmartPointer(ObjectType) && (Operation == "reset" || Operation == "operator=")) {
    M.K = Mutation::Kind::Destroys;
    add(statePathOf(Object), std::move(M), /*ThroughPointer=*/true);
    return true;
  }
  StatePath Path = ThroughArrow ? pointeePath(Object) : statePathOf(Object);
  if (Operation == "operator=") {
    M.K = Mutation::Kind::Replaces;
    add(Path, std::move(M), Path.Steps.empty() ? false : Path.Steps.back().ThroughPointer);
    return true;
  }
  M.K = Mutation::Kind::Container;
  M.What = invalidationOf(containerFamily(ObjectType, Cat), Operation);
  M.Operation = Operation;
  if (M.What)
    add(Path, std::move(M), Path.Steps.empty() ? false : Path.Steps.back().ThroughPointer);
  return true;
}

void Invalidations::add(const StatePath &Path, Mutation M, bool ThroughPointer) {
  if (!Path.shared())
    return;
  ByStep[{Path.Steps.back().Decl, ThroughPointer}].push_back(std::move(M));
}

const Mutation *Invalidations::evidence(const StatePath &Path, HeldKind Kind,
                                        const FunctionDecl &Holder) const {
  const Mutation *First = nullptr;
  auto Consider = [&](const StateStep &Step, auto Accepts) {
    auto It = ByStep.find({Step.Decl, Step.ThroughPointer});
    if (It == ByStep.end())
      return;
    for (const Mutation &M : It->second)
      if (M.Function->getCanonicalDecl() != Holder.getCanonicalDecl() && Accepts(M) &&
          (!First || M.Loc < First->Loc))
        First = &M;
  };
  const auto &Steps = Path.Steps;
  if (Kind != HeldKind::Object)
    Consider(Steps.back(), [&](const Mutation &M) {
      return M.K == Mutation::Kind::Container &&
             (Kind == HeldKind::Element ? M.What.References : M.What.Iterators);
    });
  // Up through the objects that hold it by value, to the nearest pointer:
  // replacing any of them replaces it; destroying the pointee destroys it.
  for (size_t I = Steps.size(); I-- > 0;) {
    Consider(Steps[I], [&](const Mutation &M) {
      return M.K == Mutation::Kind::Destroys ||
             (M.K == Mutation::Kind::Replaces && Kind != HeldKind::Object);
    });
    if (Steps[I].ThroughPointer)
      break;
  }
  return First;
}

} // namespace asynclint
