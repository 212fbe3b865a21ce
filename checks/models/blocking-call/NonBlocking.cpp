#include "models/blocking-call/NonBlocking.h"
#include "core/ApiConditions.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace asynclint {
namespace {

bool isNonBlockingErrno(llvm::StringRef Macro) {
  return Macro == "EAGAIN" || Macro == "EWOULDBLOCK" || Macro == "EINPROGRESS";
}

/// An errno check of EAGAIN and friends, or an awaited readiness poll.
bool isNonBlockingEvidence(const Stmt &S, ASTContext &Ctx) {
  if (const auto *Literal = dyn_cast<IntegerLiteral>(&S)) {
    SourceLocation Loc = Literal->getBeginLoc();
    return Loc.isMacroID() && isNonBlockingErrno(Lexer::getImmediateMacroName(
                                  Loc, Ctx.getSourceManager(), Ctx.getLangOpts()));
  }
  const auto *Await = dyn_cast<CoawaitExpr>(&S);
  const Expr *Operand = Await ? Await->getOperand() : nullptr;
  const auto *Call = dyn_cast_or_null<CallExpr>(Operand ? Operand->IgnoreImplicit() : nullptr);
  const auto *Callee = Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
  return Callee && Callee->getIdentifier() && Callee->getName().contains_insensitive("poll");
}

/// MSG_DONTWAIT, possibly or-ed with other flags.
bool passesDontWait(const CallExpr &Call) {
  return argumentsMention(
      Call, [](const NamedDecl &D) { return D.getIdentifier() && D.getName() == "MSG_DONTWAIT"; });
}

/// `::recv(socket.native_handle(), ...)` on a coroutine framework's socket.
bool passesFrameworkHandle(const CallExpr &Call, const Catalog &Cat) {
  for (const Expr *Arg : Call.arguments()) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Arg->IgnoreParenImpCasts());
    if (!Member || !Member->getMethodDecl() || !Member->getMethodDecl()->getIdentifier() ||
        Member->getMethodDecl()->getName() != "native_handle")
      continue;
    const CXXRecordDecl *Owner = Member->getRecordDecl();
    if (!Owner)
      continue;
    const Framework *Fw = Cat.frameworkOfName(qualifiedName(*Owner));
    if (Fw && !Fw->AsyncTypes.empty())
      return true;
  }
  return false;
}

/// Whether \p E is made from \p Variable: it names it, or names a local or
/// a member whose initialiser is made from it (`Event ev{.fd = fd_}; auto
/// w = loop.wait_event(ev);` makes `w` from `fd_`).
bool isMadeFrom(const Stmt &E, const ValueDecl &Variable, unsigned Depth,
                llvm::SmallPtrSetImpl<const ValueDecl *> &Seen) {
  // An instantiated template's `co_await x` keeps `x` behind an opaque value.
  if (const auto *Opaque = dyn_cast<OpaqueValueExpr>(&E))
    return Opaque->getSourceExpr() && isMadeFrom(*Opaque->getSourceExpr(), Variable, Depth, Seen);
  const ValueDecl *Named = isa<DeclRefExpr, MemberExpr>(E) ? namedObject(cast<Expr>(&E)) : nullptr;
  if (Named == &Variable)
    return true;
  if (Named && Depth > 0 && Seen.insert(Named).second) {
    const Expr *Init = nullptr;
    if (const auto *Local = dyn_cast<VarDecl>(Named); Local && Local->isLocalVarDecl())
      Init = Local->getInit();
    else if (const auto *Field = dyn_cast<FieldDecl>(Named))
      Init = Field->getInClassInitializer();
    if (Init && isMadeFrom(*Init, Variable, Depth - 1, Seen))
      return true;
  }
  return llvm::any_of(E.children(), [&](const Stmt *Child) {
    return Child && isMadeFrom(*Child, Variable, Depth, Seen);
  });
}

/// The operand of an await whose result is void. In a template, where the
/// promise type is not known yet, the awaiter's own `await_resume` tells.
const Expr *handsNothingBack(const Stmt &S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
    return Await->getType()->isVoidType() ? Await->getOperand() : nullptr;
  const auto *Dependent = dyn_cast<DependentCoawaitExpr>(&S);
  const Expr *Operand = Dependent ? Dependent->getOperand() : nullptr;
  const CXXRecordDecl *Awaiter =
      Operand && !Operand->isTypeDependent() ? Operand->getType()->getAsCXXRecordDecl() : nullptr;
  if (!Awaiter || !Awaiter->hasDefinition())
    return nullptr;
  auto Resumes = Awaiter->lookup(&Awaiter->getASTContext().Idents.get("await_resume"));
  bool AllVoid = !Resumes.empty() && llvm::all_of(Resumes, [](const NamedDecl *D) {
    const auto *Method = dyn_cast<CXXMethodDecl>(D);
    return Method && Method->getReturnType()->isVoidType();
  });
  return AllVoid ? Operand : nullptr;
}

/// `co_await ev_awaiter; ::accept(fd_, ...)`: an await that hands nothing
/// back, made from the descriptor, only waits for it to be ready; when one
/// runs before each call, the call finds data (or a peer) waiting.
bool awaitsReadinessBeforeEachCall(const CallExpr &Call, const Stmt &Body,
                                   const ExecutionOrder &Order) {
  const ValueDecl *Descriptor = Call.getNumArgs() > 0 ? namedObject(Call.getArg(0)) : nullptr;
  if (!Descriptor)
    return false;
  llvm::SmallVector<const Stmt *, 4> Waits;
  forEachOwnNode(&Body, [&](const Stmt &S) {
    const Expr *Operand = handsNothingBack(S);
    llvm::SmallPtrSet<const ValueDecl *, 8> Seen;
    if (Operand && isMadeFrom(*Operand, *Descriptor, /*Depth=*/3, Seen))
      Waits.push_back(&S);
  });
  return !Waits.empty() && Order.mustPrecedeEachRun(Waits, Call);
}

} // namespace

bool usesNonBlockingDescriptor(const CallExpr &Call, const FunctionDecl &Coroutine,
                               const ExecutionOrder *Order, const Catalog &Cat, ASTContext &Ctx) {
  if (passesDontWait(Call) || passesFrameworkHandle(Call, Cat))
    return true;
  const Stmt *Body = Coroutine.getBody();
  if (const auto *Written = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Written->getBody();
  if (!Body)
    return false;
  if (anyOwnNode(Body, [&](const Stmt &S) { return isNonBlockingEvidence(S, Ctx); }))
    return true;
  return Order && awaitsReadinessBeforeEachCall(Call, *Body, *Order);
}

bool isWakeUpWrite(const Expr &E, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(&E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier() || Callee->getName() != "write" ||
      Call->getNumArgs() != 3 || !Callee->isExternC())
    return false;
  Expr::EvalResult Size;
  return Call->getArg(2)->EvaluateAsInt(Size, Ctx) && Size.Val.getInt().isNonNegative() &&
         Size.Val.getInt().getZExtValue() <= 8;
}

} // namespace asynclint
