#include "models/sequential-await/EachElement.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"
#include "models/sequential-await/AwaitLoops.h"
#include "models/sequential-await/Effects.h"

#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace asynclint {
namespace {

/// Verbs of operations that concern only the object they act on: ending it
/// (each service stops on its own) or handing it something (each peer reads
/// its own copy). Other effects (`init`, `apply`, `migrate`) are often in
/// an order the collection encodes.
constexpr llvm::StringLiteral EndingVerbs[] = {"stop",       "close",     "shutdown", "cancel",
                                               "disconnect", "terminate", "quit"};
constexpr llvm::StringLiteral DeliveryVerbs[] = {"send",   "write",   "publish",
                                                 "notify", "deliver", "broadcast"};

/// Whether \p Call ends the object it works on, or delivers something to
/// it. A free function delivers to its first argument only when it is
/// given what to deliver besides: `send(message)` sends the element on a
/// connection nobody sees.
bool endsOrDeliversTo(const CallExpr &Call, const FunctionDecl &Callee) {
  if (!Callee.getIdentifier())
    return false;
  auto Has = [Words = wordsOf(Callee.getName())](llvm::ArrayRef<llvm::StringLiteral> Verbs) {
    return llvm::any_of(Words, [&](const std::string &W) { return llvm::is_contained(Verbs, W); });
  };
  if (Has(EndingVerbs))
    return true;
  return Has(DeliveryVerbs) && (isa<CXXMemberCallExpr>(Call) || Call.getNumArgs() >= 2);
}

/// The statements a body runs, a `try`'s block and handlers spelled out:
/// a handler that only logs a failure does not stop the others.
void flatten(const Stmt *S, llvm::SmallVectorImpl<const Stmt *> &Out,
             llvm::SmallVectorImpl<const Stmt *> &Handlers) {
  for (const Stmt *Child : statementsOf(S)) {
    if (const auto *Try = dyn_cast<CXXTryStmt>(Child)) {
      flatten(Try->getTryBlock(), Out, Handlers);
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        Handlers.push_back(Try->getHandler(I)->getHandlerBlock());
      continue;
    }
    Out.push_back(Child);
  }
}

bool suspends(const Stmt &S) {
  return anyOwnNode(&S, [](const Stmt &Node) { return isa<CoawaitExpr, CoyieldExpr>(Node); });
}

/// `co_await f(...)` as a statement, or `auto v = co_await f(...);`.
const CoawaitExpr *awaitStatement(const Stmt &S) {
  const Stmt *Plain = skipTransparent(&S);
  if (const auto *E = dyn_cast<Expr>(Plain))
    return awaitIn(E);
  const auto *Decl = dyn_cast<DeclStmt>(Plain);
  const auto *Var =
      Decl && Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
  return Var && Var->getInit() ? awaitIn(Var->getInit()) : nullptr;
}

bool isPointerLike(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    return true;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  return Record && Record->hasDefinition() &&
         llvm::any_of(Record->methods(), [](const CXXMethodDecl *M) {
           return M->getOverloadedOperator() == OO_Arrow;
         });
}

/// What the operation works on: a member call's object, a free function's
/// first argument.
const Expr *targetOf(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return Member->getImplicitObjectArgument();
  return Call.getNumArgs() > 0 ? Call.getArg(0) : nullptr;
}

/// `std::views::reverse`, `rbegin()`: stopping in the reverse order of
/// starting says that the elements depend on each other.
bool walksBackwards(const Expr &Source) {
  return anyOwnNode(&Source, [](const Stmt &Node) {
    const NamedDecl *Named = nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node))
      Named = Ref->getDecl();
    else if (const auto *Member = dyn_cast<MemberExpr>(&Node))
      Named = Member->getMemberDecl();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Node))
      Named = Construct->getConstructor()->getParent();
    if (const auto *Call = dyn_cast<CallExpr>(&Node); Call && !Named)
      Named = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
    return Named && Named->getIdentifier() &&
           (Named->getName().contains_insensitive("reverse") ||
            Named->getName().starts_with("rbegin"));
  });
}

} // namespace

const CoawaitExpr *awaitForEachElement(const Stmt *Body, const VarDecl &Element, const Expr &Source,
                                       const AwaitSteps &Steps) {
  if (walksBackwards(Source))
    return nullptr;
  llvm::SmallVector<const Stmt *, 8> Statements, Handlers;
  flatten(Body, Statements, Handlers);
  const Stmt *AwaitStmt = nullptr;
  const CoawaitExpr *Await = nullptr;
  for (const Stmt *S : Statements) {
    if (!suspends(*S))
      continue;
    if (Await)
      return nullptr;
    Await = awaitStatement(*S);
    if (!Await)
      return nullptr;
    AwaitStmt = S;
  }
  if (!Await)
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || isa<CXXOperatorCallExpr>(Call) || !endsOrDeliversTo(*Call, *Callee) ||
      !Steps.isWork(*Call))
    return nullptr;
  const Expr *Target = targetOf(*Call);
  if (!Target || isPlainData(Target->getType()))
    return nullptr;
  // In a counting loop, `conns[i]` is the element.
  llvm::SmallPtrSet<const Decl *, 4> Elements = readOnlyAtIndex(*Call, Element);
  Elements.insert(&Element);
  if (const auto *Bindings = dyn_cast<DecompositionDecl>(&Element))
    Elements.insert(Bindings->bindings().begin(), Bindings->bindings().end());
  Effects TargetFx = effectsOf(*Target);
  bool OnElement = llvm::any_of(TargetFx.Reads, [&](const Decl *D) {
    return D == &Element || (isa<BindingDecl>(D) && Elements.contains(D));
  });
  if (!OnElement || TargetFx.MentionsThis || TargetFx.MentionsFields ||
      llvm::any_of(TargetFx.Reads, [&](const Decl *D) { return !Elements.contains(D); }))
    return nullptr;
  Effects Fx = Steps.withoutSchedulers(effectsOf(*Call));
  if (Fx.ModifiesThis || Fx.MentionsThis ||
      llvm::any_of(Fx.Writes, [&](const Decl *D) { return !Elements.contains(D); }))
    return nullptr;
  // What else the operation reads, every iteration reads alike: a value,
  // not a pointer through which it could reach what another one changes.
  for (const Decl *D : Fx.Reads) {
    const auto *Value = dyn_cast<ValueDecl>(D);
    if (!Elements.contains(D) && (!Value || isPointerLike(Value->getType())))
      return nullptr;
  }
  // The statements around it only look on: they do not leave the loop,
  // and change neither what the next operation reads nor the collection.
  // What the body declares is new in every iteration.
  llvm::SmallPtrSet<const Decl *, 8> Fresh;
  forEachOwnNode(Body, [&](const Stmt &Node) {
    if (const auto *Decl = dyn_cast<DeclStmt>(&Node))
      Fresh.insert(Decl->decl_begin(), Decl->decl_end());
  });
  Effects RangeFx = effectsOf(Source);
  Handlers.append(Statements.begin(), Statements.end());
  for (const Stmt *S : Handlers) {
    if (S == AwaitStmt)
      continue;
    if (mayLeave(*S))
      return nullptr;
    Effects Side = effectsOfStatement(*S);
    for (const Decl *D : Side.Writes)
      if ((Fx.Reads.contains(D) && !Elements.contains(D) && !Fresh.contains(D)) ||
          RangeFx.Reads.contains(D))
        return nullptr;
    if (Side.ModifiesThis && (RangeFx.MentionsThis || RangeFx.MentionsFields))
      return nullptr;
  }
  return Await;
}

} // namespace asynclint
