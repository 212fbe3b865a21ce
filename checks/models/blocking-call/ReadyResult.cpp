#include "models/blocking-call/ReadyResult.h"
#include "core/ApiConditions.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

/// The variable a member call is made on: `res` in `res.get()`.
const ValueDecl *receiverVariable(const CXXMemberCallExpr &Call) {
  const Expr *Receiver = Call.getImplicitObjectArgument();
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(Receiver ? Receiver->IgnoreParenImpCasts() : nullptr);
  return Ref ? Ref->getDecl() : nullptr;
}

} // namespace

bool isReadyBefore(const CXXMemberCallExpr &Call, const Stmt &Body, const ExecutionOrder &Order,
                   ASTContext &Ctx) {
  const ValueDecl *Var = receiverVariable(Call);
  if (!Var)
    return false;
  auto CallOnSameObject = [&](llvm::ArrayRef<StringRef> Names) {
    return cxxMemberCallExpr(on(declRefExpr(to(equalsNode(Var)))),
                             callee(cxxMethodDecl(hasAnyName(Names))), unless(equalsNode(&Call)))
        .bind("wait");
  };
  // `while (f.wait_for(0s) != ready) co_await yield();`: a poll with a zero
  // timeout.
  std::vector<const Stmt *> Waits;
  for (const BoundNodes &Match :
       match(findAll(CallOnSameObject({"wait_for"})), const_cast<Stmt &>(Body), Ctx)) {
    const auto *Poll = Match.getNodeAs<CXXMemberCallExpr>("wait");
    if (Poll->getNumArgs() == 1 && isZeroDuration(Poll->getArg(0), Ctx))
      Waits.push_back(Poll);
  }
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (Method && Method->getIdentifier() && Method->getName() == "get") {
    // `res.wait(); return res.get();`
    for (const BoundNodes &Match :
         match(findAll(CallOnSameObject({"wait"})), const_cast<Stmt &>(Body), Ctx))
      Waits.push_back(Match.getNodeAs<Stmt>("wait"));
    // `while (res.wait_for(5ms) == timeout) {}`: a loop that ends once the
    // result is ready.
    auto ReadinessTest = CallOnSameObject({"wait_for", "wait_until", "is_ready", "ready"});
    auto Loop = mapAnyOf(whileStmt, doStmt, forStmt)
                    .with(hasCondition(eachOf(ReadinessTest, forEachDescendant(ReadinessTest))));
    for (const BoundNodes &Match : match(findAll(Loop), const_cast<Stmt &>(Body), Ctx))
      Waits.push_back(Match.getNodeAs<Stmt>("wait"));
  }
  return !Waits.empty() && Order.mustPrecede(Waits, Call);
}

} // namespace asynclint
