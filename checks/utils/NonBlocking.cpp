#include "utils/NonBlocking.h"
#include "utils/ApiConditions.h"
#include "utils/Names.h"

#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace asynclint {
namespace {

bool isNonBlockingErrno(llvm::StringRef Macro) {
  return Macro == "EAGAIN" || Macro == "EWOULDBLOCK" || Macro == "EINPROGRESS";
}

/// Looks through a coroutine's own body for errno checks of EAGAIN and
/// friends, and for awaited readiness polls.
class EvidenceFinder : public DynamicRecursiveASTVisitor {
public:
  explicit EvidenceFinder(ASTContext &Ctx) : Ctx(Ctx) {}
  bool Found = false;

  bool TraverseLambdaExpr(LambdaExpr *) override { return true; }
  bool VisitIntegerLiteral(IntegerLiteral *Literal) override {
    SourceLocation Loc = Literal->getBeginLoc();
    if (Loc.isMacroID() && isNonBlockingErrno(Lexer::getImmediateMacroName(
                               Loc, Ctx.getSourceManager(), Ctx.getLangOpts())))
      Found = true;
    return !Found;
  }
  bool VisitCoawaitExpr(CoawaitExpr *Await) override {
    const Expr *Operand = Await->getOperand();
    if (const auto *Call =
            dyn_cast_or_null<CallExpr>(Operand ? Operand->IgnoreImplicit() : nullptr))
      if (const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()))
        if (Callee->getIdentifier() && Callee->getName().contains_insensitive("poll"))
          Found = true;
    return !Found;
  }

private:
  ASTContext &Ctx;
};

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
  EvidenceFinder Finder(Ctx);
  Finder.TraverseStmt(Coroutine.getBody());
  return Finder.Found;
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
