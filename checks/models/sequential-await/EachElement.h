//===--- EachElement.h - one await per element, for its effect --*- C++ -*-===//
//
// A loop that stops, closes or sends to each element of a collection in
// turn: every iteration waits for the one before, so one slow element
// stalls the rest, although each operation concerns its own element.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_EACHELEMENT_H
#define ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_EACHELEMENT_H

#include "models/sequential-await/AwaitRuns.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"

namespace asynclint {

/// The await of \p Body, the body of a loop over \p Source whose iterations
/// differ by \p Element (the range element or the index), when each
/// iteration awaits one operation on its own element and nothing carries
/// from one iteration to the next:
///
/// - the body awaits once, as a statement of its own (`co_await s->stop();`,
///   `auto ok = co_await c->send(m);`), perhaps inside a `try` whose
///   handlers only look on;
/// - the operation works on the element (its object, or a free function's
///   first argument) and ends it or delivers to it (a teardown or delivery
///   verb in its name); it modifies nothing but the element, and reads
///   besides only values no iteration changes, no pointer to shared state;
/// - the other statements do not leave the loop and change neither what the
///   operation reads nor the collection (a log line, a counter).
///
/// Null otherwise.
const clang::CoawaitExpr *awaitForEachElement(const clang::Stmt *Body,
                                              const clang::VarDecl &Element,
                                              const clang::Expr &Source, const AwaitSteps &Steps);

} // namespace asynclint

#endif
