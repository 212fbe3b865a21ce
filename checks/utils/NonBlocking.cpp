#include "utils/NonBlocking.h"
#include "utils/ApiConditions.h"
#include "utils/Names.h"
#include "utils/OwnBody.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
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

} // namespace

bool usesNonBlockingDescriptor(const CallExpr &Call, const FunctionDecl &Coroutine,
                               const Catalog &Cat, ASTContext &Ctx) {
  if (passesDontWait(Call) || passesFrameworkHandle(Call, Cat))
    return true;
  const Stmt *Body = Coroutine.getBody();
  if (const auto *Written = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Written->getBody();
  return anyOwnNode(Body, [&](const Stmt &S) { return isNonBlockingEvidence(S, Ctx); });
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
