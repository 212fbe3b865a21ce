//===--- CombinedAwaitFix.h - one await of a combinator ---------*- C++ -*-===//
//
// The fix-it of async-sequential-await: a run of `auto x = co_await f();`
// rewritten as one await of the framework's combinator, where that is exact.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_COMBINEDAWAITFIX_H
#define ASYNCLINT_CHECKS_MODELS_SEQUENTIAL_AWAIT_COMBINEDAWAITFIX_H

#include "catalog/Catalog.h"
#include "models/sequential-await/AwaitRuns.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"

#include <optional>

namespace asynclint {

/// `auto [x, y] = co_await (f() && g());` for the run, with the operator
/// spelled out when no using-directive among \p UsingDirectives brings it
/// into scope. None when the rewrite would not be exact (see
/// docs/checks/async-sequential-await.md, Fix-its).
std::optional<clang::FixItHint>
combinedAwaitFix(llvm::ArrayRef<AwaitStep> Run, const BlockingApi &Combinator, const Catalog &Cat,
                 llvm::ArrayRef<const clang::UsingDirectiveDecl *> UsingDirectives,
                 clang::ASTContext &Ctx);

} // namespace asynclint

#endif
