//===--- TaskEscape.h - where a task goes after the call that made it -*- C++ -*-===//
//
// The escape side of async-dangling-reference: follows the task a
// coroutine call creates (or the callable a launcher is given) up through
// the code that receives it, and says whether it can still run after a
// given object of the calling code has died.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_TASKESCAPE_H
#define ASYNCLINT_CHECKS_MODELS_DANGLING_REFERENCE_TASKESCAPE_H

#include "catalog/Catalog.h"
#include "core/TaskTypes.h"
#include "models/dangling-reference/Referents.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>
#include <string>

namespace asynclint {

struct Escape {
  enum class Kind {
    Spawned,     ///< started by a launcher, and nothing waits for it here
    Stored,      ///< kept in something that outlives the object
    Returned,    ///< returned to the caller of the function that owns the object
    LeftRunning, ///< an eager task whose result is dropped: it runs on
    UsedLater,   ///< kept in a local and used after the object died
  };
  Kind K;
  const clang::Stmt *Where = nullptr;
  std::string Name; ///< the launcher, the holder or the function
};

/// Follows tasks for one translation unit.
class EscapeFinder {
public:
  EscapeFinder(const Catalog &Cat, clang::ASTContext &Ctx, TaskTypeClassifier &Tasks)
      : Cat(Cat), Ctx(Ctx), Tasks(Tasks) {}

  /// How the task made by \p Work can outlive \p Object, if it can: \p Work
  /// is a coroutine call, a lambda or another callable handed to a launcher.
  std::optional<Escape> find(const clang::Expr &Work, const Referent &Object);

private:
  struct Trace {
    const Referent &Object;
    const clang::Stmt *ObjectScope; ///< null for a temporary
    llvm::SmallPtrSet<const clang::VarDecl *, 4> Holders;
  };
  std::optional<Escape> follow(const clang::Expr &E, Trace &T, const clang::CallExpr *StartedBy,
                               const BlockingApi *Starter);
  std::optional<Escape> held(const clang::Expr &Holder, const clang::Expr &At, Trace &T);
  std::optional<Escape> heldIn(const clang::VarDecl &Holder, const clang::Expr &At, Trace &T);
  std::optional<Escape> viaCall(const clang::CallExpr &Call, const clang::Expr &Arg, Trace &T,
                                const clang::CallExpr *StartedBy, const BlockingApi *Starter);
  /// Whether the calling code runs or joins what \p Launch handed the work
  /// to before \p Object dies: `co_spawn(io, f(buf), detached); io.run();`.
  bool joinedBeforeDeath(const clang::CallExpr &Launch, const clang::Expr &Work,
                         const Trace &T) const;
  /// Whether the calling code runs an event loop after \p After and before
  /// the object dies (an eager task started on the thread's executor ends
  /// there).
  bool runsLoopAfter(const clang::Stmt &After, const Trace &T) const;
  bool isTaskLike(clang::QualType T) const;

  const Catalog &Cat;
  clang::ASTContext &Ctx;
  TaskTypeClassifier &Tasks;
};

} // namespace asynclint

#endif
