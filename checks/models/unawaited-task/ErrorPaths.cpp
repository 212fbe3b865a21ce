#include "models/unawaited-task/ErrorPaths.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace asynclint {
namespace {

/// Whether dropping a handle of \p T cancels its work: its destructor
/// calls a cancel or stop of its own (boost::cobalt's promise does).
bool cancelsWhenDropped(QualType T) {
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  const CXXDestructorDecl *Destructor = Record ? Record->getDestructor() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Destructor || !Destructor->hasBody(Definition))
    return false;
  return anyOwnNode(Definition->getBody(), [](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    return Method && Method->getIdentifier() &&
           llvm::is_contained({"cancel", "request_stop", "stop"}, Method->getName());
  });
}

/// An await whose awaiter is always ready neither suspends nor fails
/// (`co_await this_coro::executor`).
bool neverFails(const CoawaitExpr &Await) {
  const Expr *Common = Await.getCommonExpr();
  const CXXRecordDecl *Awaiter =
      Common ? Common->getType().getNonReferenceType()->getAsCXXRecordDecl() : nullptr;
  return Awaiter && isAlwaysReady(*Awaiter);
}

bool startsWork(const Expr *E, TaskTypeClassifier &Tasks, ASTContext &Ctx) {
  E = skipTransparent(E);
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1)
    E = skipTransparent(Construct->getArg(0));
  return isa_and_nonnull<CallExpr>(E) && E->isPRValue() &&
         Tasks.classify(E->getType(), Ctx) == TaskStart::Eager && isObservableTask(E->getType()) &&
         !cancelsWhenDropped(E->getType());
}

/// The element type of a class template specialisation (a container), or
/// null.
QualType elementType(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return {};
  return Spec->getTemplateArgs()[0].getAsType();
}

bool mentions(const Stmt *S, const VarDecl &Var) {
  return anyOwnNode(S, [&](const Stmt &Node) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&Node);
    return Ref && Ref->getDecl() == &Var;
  });
}

/// Member calls on a container that add to it or only ask about it.
bool isAdding(StringRef Method) {
  return llvm::is_contained(
      {"push_back", "emplace_back", "push_front", "emplace_front", "push", "emplace", "insert"},
      Method);
}
bool isQuery(StringRef Method) {
  return llvm::is_contained({"size", "empty", "reserve", "capacity"}, Method);
}

const CXXMemberCallExpr *callOn(const DeclRefExpr &Ref, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(Ref);
  for (int Up = 0; Up < 3; ++Up) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *Call = Node.get<CXXMemberCallExpr>())
      return skipTransparent(Call->getImplicitObjectArgument()) == &Ref ? Call : nullptr;
    if (!Node.get<ImplicitCastExpr>() && !Node.get<MemberExpr>())
      return nullptr;
  }
  return nullptr;
}

} // namespace

std::vector<AbandonedWork> abandonedOnError(const Stmt &Body, const ExecutionOrder &Order,
                                            TaskTypeClassifier &Tasks, ASTContext &Ctx) {
  // What can carry the coroutine away: its own awaits and throws, outside
  // the try blocks of the body (whose handlers may await the work first).
  std::vector<SourceRange> Guarded;
  std::vector<const Stmt *> Throws;
  forEachOwnNode(&Body, [&](const Stmt &S) {
    if (const auto *Try = dyn_cast<CXXTryStmt>(&S))
      Guarded.push_back(Try->getTryBlock()->getSourceRange());
    else if (const auto *Await = dyn_cast<CoawaitExpr>(&S);
             (Await && !neverFails(*Await)) || isa<CXXThrowExpr>(S))
      Throws.push_back(&S);
  });
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::erase_if(Throws, [&](const Stmt *S) {
    return llvm::any_of(Guarded, [&](SourceRange R) {
      return !SM.isBeforeInTranslationUnit(S->getBeginLoc(), R.getBegin()) &&
             !SM.isBeforeInTranslationUnit(R.getEnd(), S->getBeginLoc());
    });
  });

  struct Holder {
    const VarDecl *Var;
    std::vector<const Stmt *> Starts, Ends;
  };
  std::vector<Holder> Holders;
  forEachOwnNode(&Body, [&](const Stmt &S) {
    const auto *Decl = dyn_cast<DeclStmt>(&S);
    const auto *Var =
        Decl && Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
    if (!Var || Var->isImplicit() || !Var->hasLocalStorage() || Var->getType()->isReferenceType())
      return;
    Holder H{Var, {}, {}};
    if (startsWork(Var->getInit(), Tasks, Ctx)) {
      H.Starts.push_back(Decl);
    } else {
      QualType Element = elementType(Var->getType());
      if (Element.isNull() || Tasks.classify(Element, Ctx) != TaskStart::Eager)
        return;
    }
    forEachOwnNode(&Body, [&](const Stmt &Node) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&Node);
      if (!Ref || Ref->getDecl() != Var)
        return;
      const CXXMemberCallExpr *Call = callOn(*Ref, Ctx);
      const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
      StringRef Name = Method && Method->getIdentifier() ? Method->getName() : "";
      if (Call && isAdding(Name) && Call->getNumArgs() > 0 &&
          startsWork(Call->getArg(Call->getNumArgs() - 1), Tasks, Ctx))
        H.Starts.push_back(Call);
      else if (!Call || !isQuery(Name))
        H.Ends.push_back(Ref);
    });
    if (!H.Starts.empty() && !H.Ends.empty())
      Holders.push_back(std::move(H));
  });
  // Awaiting started work in turn is the join itself: whether to await it
  // all at once is async-sequential-await's question, not a lost task.
  llvm::erase_if(Throws, [&](const Stmt *Throw) {
    return llvm::any_of(Holders, [&](const Holder &H) { return mentions(Throw, *H.Var); });
  });

  std::vector<AbandonedWork> Found;
  for (const Holder &H : Holders) {
    auto Abandoned = [&]() -> std::optional<AbandonedWork> {
      for (const Stmt *Start : H.Starts)
        for (const Stmt *Throw : Throws) {
          if (!Order.mayReachAvoiding(*Start, *Throw, H.Ends))
            continue;
          for (const Stmt *Join : H.Ends)
            if (Order.mayReachAvoiding(*Throw, *Join, {}))
              return AbandonedWork{H.Var, Start, Throw, Join};
        }
      return std::nullopt;
    }();
    if (Abandoned)
      Found.push_back(*Abandoned);
  }
  return Found;
}

std::optional<ReturnedFromTry> returnedFromTry(const ReturnStmt &Return, TaskTypeClassifier &Tasks,
                                               ASTContext &Ctx) {
  const Expr *Value = skipTransparent(Return.getRetValue());
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Value);
      Construct && Construct->getNumArgs() == 1)
    Value = skipTransparent(Construct->getArg(0));
  const auto *Call = dyn_cast_or_null<CallExpr>(Value);
  if (!Call || !Call->isPRValue())
    return std::nullopt;
  TaskStart Start = Tasks.classify(Call->getType(), Ctx);
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (Callee)
    Callee->hasBody(Definition);
  bool RunsLater = Start == TaskStart::Lazy ||
                   (Start == TaskStart::Eager && Definition && isCoroutine(*Definition));
  if (!RunsLater || !isObservableTask(Call->getType()))
    return std::nullopt;
  // The try block the return sits in, within its own function.
  const Stmt *Child = &Return;
  const Stmt *Statement = &Return; // the try block's statement that holds it
  for (DynTypedNode Node : ancestors(Return, Ctx)) {
    if (Node.get<FunctionDecl>() || Node.get<LambdaExpr>() || Node.get<BlockDecl>())
      return std::nullopt;
    const auto *Try = Node.get<CXXTryStmt>();
    if (Try && Try->getTryBlock() == Child) {
      const FunctionDecl *Function = enclosingFunction(*Try, Ctx);
      if (!Function || isCoroutine(*Function))
        return std::nullopt;
      bool OnlyAllocation = true;
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
        QualType Caught = Try->getHandler(I)->getCaughtType();
        const CXXRecordDecl *Record =
            Caught.isNull() ? nullptr : Caught.getNonReferenceType()->getAsCXXRecordDecl();
        OnlyAllocation &= Record && qualifiedName(*Record) == "std::bad_alloc";
      }
      // The try is there for the task only when nothing before the return
      // can throw: otherwise its handler is for that work.
      bool OnlyTheTask = false;
      for (const Stmt *S : Try->getTryBlock()->body()) {
        if (S == Statement) {
          OnlyTheTask = true;
          break;
        }
        if (anyOwnNode(S, [](const Stmt &Node) {
              const auto *Construct = dyn_cast<CXXConstructExpr>(&Node);
              return isa<CallExpr, CXXThrowExpr, CXXNewExpr>(Node) ||
                     (Construct && !Construct->getConstructor()->isTrivial());
            }))
          break;
      }
      if (OnlyAllocation || !OnlyTheTask)
        return std::nullopt;
      return ReturnedFromTry{Call, Try};
    }
    if (const auto *S = Node.get<Stmt>()) {
      Statement = Child;
      Child = S;
    }
  }
  return std::nullopt;
}

} // namespace asynclint
