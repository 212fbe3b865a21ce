//===--- AwaitBounds.h - the deadline an await itself carries ---*- C++ -*-===//
//
// A coroutine that bounds some waits on an object with a deadline shows
// that waits on that object need one: async-missing-timeout reads, for
// each await, the operations it waits for, the object each works on, and
// the deadline written in the await itself, to find the waits on the same
// object that have none.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_MISSING_TIMEOUT_AWAITBOUNDS_H
#define ASYNCLINT_CHECKS_MODELS_MISSING_TIMEOUT_AWAITBOUNDS_H

#include "catalog/Catalog.h"
#include "models/missing-timeout/Deadlines.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace asynclint {

/// One operation an await waits for.
struct AwaitedOperation {
  const clang::CallExpr *Operation = nullptr;
  /// The stream, socket, client or channel it works on; null if unknown.
  const clang::ValueDecl *Object = nullptr;
  /// How the deadline written in the await is named ("'asio::cancel_after'",
  /// "a race with a timer ('...')"); empty when the await carries none.
  std::string Deadline;
  /// Where that deadline is written.
  const clang::Expr *DeadlineAt = nullptr;
  /// The deadline is a race with a timer.
  bool Race = false;
  const clang::CoawaitExpr *Await = nullptr;
  /// The deadline is the operation's own timeout argument: it speaks for
  /// that operation only (an API whose other calls keep a configured
  /// timeout of their own has one).
  bool OwnTimeout = false;
};

/// A bounded wait of \p Evidence shows that \p Operation needs a deadline:
/// a race, a wrapper, a token or an expiry bound whatever waits on the
/// object; a timeout argument, calls of the same operation.
bool showsNeedOfDeadline(const AwaitedOperation &Evidence, const clang::CallExpr &Operation);

/// Whether \p Operation is written with a duration or time point argument.
bool givenDuration(const clang::CallExpr &Operation);

/// Whether \p Later runs only when the result of \p Bounded decides so
/// (`auto [ec] = co_await op(cancel_after(10s)); if (ec == timed_out) co_await
/// op();`): a fallback once the deadline has passed, which the code chose.
bool decidedByResultOf(const clang::CoawaitExpr &Later, const clang::CoawaitExpr &Bounded,
                       clang::ASTContext &Ctx);

/// The operations \p Await waits for: the call it awaits, or each operation
/// of a race with a timer or of a deadline wrapper (`timeout(op, d)`), each
/// with the deadline the await puts on it. Timers are not among them.
llvm::SmallVector<AwaitedOperation, 2> operationsOf(const clang::CoawaitExpr &Await,
                                                    const Deadlines &Bounds, const Catalog &Cat,
                                                    clang::ASTContext &Ctx);

} // namespace asynclint

#endif
