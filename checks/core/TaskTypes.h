//===--- TaskTypes.h - coroutine return types and how they start -*- C++ -*-===//

#ifndef ASYNCLINT_CHECKS_CORE_TASKTYPES_H
#define ASYNCLINT_CHECKS_CORE_TASKTYPES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace asynclint {

enum class TaskStart {
  NotATask, ///< no promise type, or one whose start cannot be told
  Lazy,     ///< initial_suspend() suspends: nothing runs until awaited
  Eager,    ///< initial_suspend() does not suspend: runs at the call
};

/// Classifies coroutine return types through their promise type, found as
/// std::coroutine_traits<R, Args...>::promise_type does: R::promise_type or
/// a (partial) specialisation of std::coroutine_traits for R.
class TaskTypeClassifier {
public:
  TaskStart classify(clang::QualType T, clang::ASTContext &Ctx);
  void clear() { Cache.clear(); }

private:
  TaskStart compute(const clang::CXXRecordDecl &Record, clang::ASTContext &Ctx);
  llvm::DenseMap<const clang::CXXRecordDecl *, TaskStart> Cache;
};

/// Whether \p Awaiter's await_ready is `return true;`: awaiting it hands
/// the value back without suspending.
bool isAlwaysReady(const clang::CXXRecordDecl &Awaiter);

/// Whether values of \p T can be awaited or otherwise observed by a caller.
bool isObservableTask(clang::QualType T);

} // namespace asynclint

#endif
