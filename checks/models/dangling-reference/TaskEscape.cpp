#include "models/dangling-reference/TaskEscape.h"
#include "core/ApiConditions.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

/// Member functions that put their argument into the container they are
/// called on.
bool isInsertion(const CXXMethodDecl &Method) {
  return Method.getIdentifier() &&
         llvm::is_contained({"push_back", "emplace_back", "push_front", "emplace_front", "push",
                             "emplace", "insert", "emplace_hint", "try_emplace",
                             "insert_or_assign"},
                            Method.getName());
}

/// Names of the member functions that run an executor or wait for what was
/// spawned into a scope or pool: `io.run()`, `co_await scope.join()`.
bool isJoin(llvm::StringRef Name) {
  return llvm::is_contained({"run", "run_one", "run_for", "run_until", "poll", "join", "joinAsync",
                             "join_async", "wait", "on_empty", "shutdown", "drain", "cleanup"},
                            Name);
}

bool isStdMoveLike(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Call.getNumArgs() == 1 && Callee && Callee->isInStdNamespace() &&
         Callee->getIdentifier() && llvm::is_contained({"move", "forward"}, Callee->getName());
}

std::string nameOf(const Expr &E) {
  const Expr *Stripped = E.IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Stripped))
    return Ref->getDecl()->getNameAsString();
  if (const auto *Member = dyn_cast<MemberExpr>(Stripped))
    return Member->getMemberDecl()->getNameAsString();
  return "";
}

} // namespace

bool EscapeFinder::isTaskLike(QualType T) const {
  if (T.isNull() || T->isVoidType())
    return false;
  T = T.getNonReferenceType();
  if (Tasks.classify(T, Ctx) != TaskStart::NotATask || isAwaitableType(T))
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (isListedType(*RD, Cat))
    return true;
  // A container of tasks, or an optional one.
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    return Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type &&
           Tasks.classify(Args[0].getAsType(), Ctx) != TaskStart::NotATask;
  }
  return false;
}

std::optional<Escape> EscapeFinder::find(const Expr &Work, const Referent &Object) {
  if (!Object)
    return std::nullopt;
  Trace T{Object, nullptr, {}};
  if (Object.K == Referent::Kind::Local) {
    T.ObjectScope = scopeOf(*Object.Var, Ctx);
    if (!T.ObjectScope)
      return std::nullopt;
  }
  return follow(Work, T, nullptr, nullptr);
}

std::optional<Escape> EscapeFinder::follow(const Expr &E, Trace &T, const CallExpr *StartedBy,
                                           const BlockingApi *Starter) {
  const Expr *Cur = &E;
  auto Dropped = [&]() -> std::optional<Escape> {
    if (StartedBy)
      return Escape{Escape::Kind::Spawned, StartedBy, Starter->displayName()};
    if (Tasks.classify(Cur->getType(), Ctx) != TaskStart::Eager)
      return std::nullopt;
    // It runs on whatever executor the thread has: running an event loop
    // later, before the object dies, finishes it.
    const auto *Call = dyn_cast<CallExpr>(&E);
    if (T.Object.K == Referent::Kind::Local &&
        (runsLoopAfter(*Cur, T) || (Call && joinedBeforeDeath(*Call, E, T))))
      return std::nullopt;
    return Escape{Escape::Kind::LeftRunning, Cur, ""};
  };
  while (true) {
    auto Parents = Ctx.getParents(*Cur);
    if (Parents.empty())
      return std::nullopt;
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Var = Parent.get<VarDecl>()) {
      if (Var->getInit() != Cur)
        return std::nullopt;
      if (Var->hasLocalStorage())
        return heldIn(*Var, *Cur, T);
      return Escape{Escape::Kind::Stored, Cur, Var->getNameAsString()};
    }
    if (const auto *Return = Parent.get<ReturnStmt>()) {
      const FunctionDecl *From = enclosingFunction(*Return, Ctx);
      bool Owns = T.Object.K == Referent::Kind::Temporary ||
                  (From && T.Object.Var->getParentFunctionOrMethod() == From);
      if (!Owns)
        return std::nullopt;
      return Escape{Escape::Kind::Returned, Return, From ? From->getNameAsString() : ""};
    }
    if (Parent.get<CoreturnStmt>())
      return std::nullopt;
    const auto *P = Parent.get<Expr>();
    if (!P) {
      if (Parent.get<Stmt>() && isResultDiscarded(*Cur, Ctx))
        return Dropped();
      return std::nullopt;
    }
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ParenExpr,
            ExprWithCleanups, InitListExpr, CXXStdInitializerListExpr, ConstantExpr,
            ConditionalOperator>(P)) {
      Cur = P;
      continue;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P)) {
      if (Cast->getType()->isVoidType())
        return Dropped();
      Cur = P;
      continue;
    }
    if (isa<CoroutineSuspendExpr, DependentCoawaitExpr>(P))
      return std::nullopt; // awaited before the full-expression ends
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = Construct->getConstructor();
      if ((Ctor && Ctor->isCopyOrMoveConstructor()) || isTaskLike(Construct->getType())) {
        Cur = P;
        continue;
      }
      return std::nullopt;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(P)) {
      // The task is the object of a member call: `f(x).start(cb)`.
      auto Above = Ctx.getParents(*Member);
      const auto *Call = Above.empty() ? nullptr : Above[0].get<CXXMemberCallExpr>();
      if (!Call || Call->getCallee() != Member)
        return std::nullopt;
      return viaCall(*Call, *Cur, T, StartedBy, Starter);
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (Call->getCallee() == Cur)
        return std::nullopt;
      if (isStdMoveLike(*Call)) {
        Cur = P;
        continue;
      }
      return viaCall(*Call, *Cur, T, StartedBy, Starter);
    }
    if (const auto *Assign = dyn_cast<BinaryOperator>(P);
        Assign && Assign->getOpcode() == BO_Assign && Assign->getRHS() == Cur)
      return held(*Assign->getLHS(), *Assign, T);
    return std::nullopt;
  }
}

std::optional<Escape> EscapeFinder::viaCall(const CallExpr &Call, const Expr &Arg, Trace &T,
                                            const CallExpr *StartedBy, const BlockingApi *Starter) {
  llvm::ArrayRef<const Expr *> Args = writtenArguments(Call);
  const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(&Call);
  bool IsObject = MemberCall && MemberCall->getImplicitObjectArgument() == &Arg;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
      Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && Op->getArg(1) == &Arg)
    return held(*Op->getArg(0), Call, T);
  for (const BlockingApi &Api : Cat.launcherApis()) {
    if (!callNamesApi(Call, Api))
      continue;
    bool Takes = Api.WorkArgument
                     ? *Api.WorkArgument < Args.size() && Args[*Api.WorkArgument] == &Arg
                     : IsObject;
    if (!Takes)
      continue;
    switch (Api.Launch) {
    case LaunchResult::Detached:
      if (joinedBeforeDeath(Call, Arg, T))
        return std::nullopt;
      return Escape{Escape::Kind::Spawned, &Call, Api.displayName()};
    case LaunchResult::Awaitable:
      if (auto Found = follow(Call, T, &Call, &Api)) {
        if (Found->K == Escape::Kind::Spawned && joinedBeforeDeath(Call, Arg, T))
          return std::nullopt;
        return Found;
      }
      return std::nullopt;
    case LaunchResult::Task:
      return follow(Call, T, StartedBy, Starter);
    }
  }
  for (const auto *Apis : {&Cat.combinatorApis(), &Cat.raceApis()})
    for (const BlockingApi &Api : *Apis)
      if (callNamesApi(Call, Api))
        return follow(Call, T, StartedBy, Starter);
  if (MemberCall && !IsObject)
    if (const CXXMethodDecl *Method = MemberCall->getMethodDecl(); Method && isInsertion(*Method))
      return held(*MemberCall->getImplicitObjectArgument(), Call, T);
  if (isTaskLike(Call.getType()))
    return follow(Call, T, StartedBy, Starter);
  return std::nullopt;
}

std::optional<Escape> EscapeFinder::held(const Expr &Holder, const Expr &At, Trace &T) {
  Referent Place = objectOf(Holder, Ctx);
  if (Place.K == Referent::Kind::Local)
    return heldIn(*Place.Var, At, T);
  if (Place)
    return std::nullopt;
  // Storage that outlives this function says nothing about a local of an
  // enclosing one (a lambda's by-reference capture): whoever owns that may
  // well outlive the storage.
  if (T.Object.K == Referent::Kind::Local &&
      T.Object.Var->getParentFunctionOrMethod() != enclosingFunction(At, Ctx))
    return std::nullopt;
  // Storage that outlives the calling code: a member, a global, a
  // container the caller was handed by reference.
  const Expr *Stripped = Holder.IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(Stripped)) {
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base) || Member->isArrow())
      return Escape{Escape::Kind::Stored, &At, nameOf(*Stripped)};
    return std::nullopt;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Stripped))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && (!Var->hasLocalStorage() || isa<ParmVarDecl>(Var)))
      return Escape{Escape::Kind::Stored, &At, Var->getNameAsString()};
  return std::nullopt;
}

std::optional<Escape> EscapeFinder::heldIn(const VarDecl &Holder, const Expr &At, Trace &T) {
  if (!T.Holders.insert(&Holder).second)
    return std::nullopt;
  const Stmt *Body = nullptr;
  if (const auto *Function = dyn_cast_or_null<FunctionDecl>(Holder.getParentFunctionOrMethod()))
    Body = Function->getBody();
  if (!Body)
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation After = At.getEndLoc();
  std::vector<const DeclRefExpr *> Uses;
  for (const BoundNodes &Nodes :
       match(findAll(declRefExpr(to(varDecl(equalsNode(&Holder)))).bind("use")), *Body, Ctx))
    if (const auto *Use = Nodes.getNodeAs<DeclRefExpr>("use");
        Use && SM.isBeforeInTranslationUnit(After, Use->getBeginLoc()))
      Uses.push_back(Use);
  llvm::sort(Uses, [&](const DeclRefExpr *A, const DeclRefExpr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  if (T.Object.K == Referent::Kind::Temporary)
    return Uses.empty() ? std::nullopt
                        : std::optional(Escape{Escape::Kind::UsedLater, Uses.front(),
                                               Holder.getNameAsString()});
  SourceRange Scope = T.ObjectScope->getSourceRange();
  bool DeclaredOutside = !SM.isPointWithin(Holder.getLocation(), Scope.getBegin(), Scope.getEnd());
  for (const DeclRefExpr *Use : Uses) {
    if (DeclaredOutside && SM.isBeforeInTranslationUnit(Scope.getEnd(), Use->getBeginLoc()))
      return Escape{Escape::Kind::UsedLater, Use, Holder.getNameAsString()};
    if (auto Found = follow(*Use, T, nullptr, nullptr))
      return Found;
  }
  return std::nullopt;
}

bool EscapeFinder::runsLoopAfter(const Stmt &After, const Trace &T) const {
  const SourceManager &SM = Ctx.getSourceManager();
  return anyOwnNode(T.ObjectScope, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    return Call && SM.isBeforeInTranslationUnit(After.getEndLoc(), Call->getBeginLoc()) &&
           llvm::any_of(Cat.blockingApis(), [&](const BlockingApi &Api) {
             return Api.Category == "sync-wait" && callNamesApi(*Call, Api);
           });
  });
}

bool EscapeFinder::joinedBeforeDeath(const CallExpr &Launch, const Expr &Work,
                                     const Trace &T) const {
  if (T.Object.K != Referent::Kind::Local)
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange WorkRange = Work.getSourceRange();
  SourceRange Scope = T.ObjectScope->getSourceRange();
  // The locals the work refers to or captures by reference (Shared), and
  // those the launching call hands it to: an executor, a context, a pool, a
  // scope, or what provides them (HandedTo).
  llvm::SmallPtrSet<const VarDecl *, 8> Shared, HandedTo;
  bool ObjectRunsTheWork = false;
  Shared.insert(T.Object.Var);
  auto AddCaptures = [&](const LambdaExpr &Lambda) {
    for (const LambdaCapture &Capture : Lambda.captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
        if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Shared.insert(Var);
  };
  for (const BoundNodes &Nodes : match(findAll(declRefExpr().bind("r")), Launch, Ctx)) {
    const auto *Ref = Nodes.getNodeAs<DeclRefExpr>("r");
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    // Not the parameters and locals of the lambdas written in the call.
    if (!Var || !Var->hasLocalStorage() ||
        SM.isPointWithin(Var->getLocation(), Launch.getBeginLoc(), Launch.getEndLoc()))
      continue;
    if (!SM.isPointWithin(Ref->getLocation(), WorkRange.getBegin(), WorkRange.getEnd())) {
      // The object itself may be the context the work runs on:
      // `co_spawn(ctx, [&] { ... ctx ... }, token); ctx.run();`.
      if (Var != T.Object.Var)
        HandedTo.insert(Var);
      else
        ObjectRunsTheWork = true;
      continue;
    }
    Shared.insert(Var);
    if (Var->getInit())
      if (const auto *Lambda = dyn_cast<LambdaExpr>(Var->getInit()->IgnoreImplicit()))
        AddCaptures(*Lambda);
  }
  for (const BoundNodes &Nodes : match(findAll(lambdaExpr().bind("l")), Work, Ctx))
    AddCaptures(*Nodes.getNodeAs<LambdaExpr>("l"));
  for (const VarDecl *Var : HandedTo)
    // Declared after the object in its scope, it goes first, and with it
    // the work it still holds.
    if (SM.isPointWithin(Var->getLocation(), Scope.getBegin(), Scope.getEnd()) &&
        SM.isBeforeInTranslationUnit(T.Object.Var->getLocation(), Var->getLocation()))
      return true;
  // A local lambda that captures what the work shares by reference shares
  // it too: `syncAwait(wait_all())` where wait_all awaits the work's latch.
  auto SharesWithWork = [&](const VarDecl &Var) {
    if (Shared.contains(&Var))
      return true;
    const auto *Lambda =
        Var.getInit() ? dyn_cast<LambdaExpr>(Var.getInit()->IgnoreImplicit()) : nullptr;
    return Lambda && llvm::any_of(Lambda->captures(), [&](const LambdaCapture &C) {
             return C.capturesVariable() && C.getCaptureKind() == LCK_ByRef &&
                    Shared.contains(dyn_cast<VarDecl>(C.getCapturedVar()));
           });
  };
  auto Mentions = [&](const Stmt &S, bool OrHandedTo) {
    return llvm::any_of(match(findAll(declRefExpr().bind("r")), S, Ctx), [&](const BoundNodes &N) {
      const auto *Var = dyn_cast<VarDecl>(N.getNodeAs<DeclRefExpr>("r")->getDecl());
      return Var && (SharesWithWork(*Var) || (OrHandedTo && HandedTo.contains(Var)));
    });
  };
  // Spinning on an atomic is waiting for other threads, the work's among
  // them, whatever the atomic is called.
  auto SpinsOnAtomic = [&](const Stmt &Condition) {
    return llvm::any_of(
        match(findAll(declRefExpr().bind("r")), Condition, Ctx), [&](const BoundNodes &N) {
          const CXXRecordDecl *RD =
              recordOf(N.getNodeAs<DeclRefExpr>("r")->getType(), /*ThroughPointers=*/false);
          return RD && llvm::is_contained({"std::atomic", "std::atomic_flag"}, qualifiedName(*RD));
        });
  };
  auto After = [&](const Stmt &S) {
    return SM.isBeforeInTranslationUnit(Launch.getEndLoc(), S.getBeginLoc());
  };
  // Runs the context the work was handed to: `ctx.run()`.
  auto RunsTheContext = [&](const CallExpr &Call) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
    const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() || !isJoin(Method->getName()))
      return false;
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Member->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && (HandedTo.contains(Var) || (ObjectRunsTheWork && Var == T.Object.Var));
  };
  // Threads of the scope that run that context: joining them waits for it
  // to run out of work.
  bool ThreadsRunTheContext = anyOwnNode(T.ObjectScope, [&](const Stmt &S) {
    const auto *Lambda = dyn_cast<LambdaExpr>(&S);
    return Lambda && anyOwnNode(Lambda->getBody(), [&](const Stmt &Inner) {
             const auto *Call = dyn_cast<CallExpr>(&Inner);
             return Call && RunsTheContext(*Call);
           });
  });
  auto JoinsAThread = [&](const CallExpr &Call) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
    const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
    const CXXRecordDecl *Thread = Method ? Method->getParent() : nullptr;
    return Thread && Method->getIdentifier() && Method->getName() == "join" &&
           llvm::is_contained({"std::thread", "std::jthread"}, qualifiedName(*Thread));
  };
  // The calling code waits for the work before the object dies: it awaits
  // or spins on something the work shares, runs or joins what the work was
  // handed to, or blocks on a wait. Only its own statements count, not
  // those of lambdas it merely creates.
  return anyOwnNode(T.ObjectScope, [&](const Stmt &S) {
    if (!After(S))
      return false;
    const Stmt *Watched = nullptr;
    if (const auto *While = dyn_cast<WhileStmt>(&S))
      Watched = While->getCond();
    else if (const auto *Do = dyn_cast<DoStmt>(&S))
      Watched = Do->getCond();
    else if (const auto *For = dyn_cast<ForStmt>(&S))
      Watched = For->getCond();
    else if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
      Watched = Await->getOperand();
    if (Watched)
      return Mentions(*Watched, false) || (!isa<CoawaitExpr>(S) && SpinsOnAtomic(*Watched));
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call || llvm::any_of(Cat.launcherApis(),
                              [&](const BlockingApi &Api) { return callNamesApi(*Call, Api); }))
      return false;
    if (Mentions(*Call, true) && llvm::any_of(Cat.blockingApis(), [&](const BlockingApi &Api) {
          return (Api.Category == "sync-wait" || Api.Category == "wait") &&
                 callNamesApi(*Call, Api);
        }))
      return true;
    return RunsTheContext(*Call) || (ThreadsRunTheContext && JoinsAThread(*Call));
  });
}

} // namespace asynclint
