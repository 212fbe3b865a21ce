//===--- CoroutineTypes.h - what coroutine types are ------------*- C++ -*-===//
//
// Questions about types that the catalogue answers: which are awaitable,
// schedulers or a framework's own, and what one coroutine is (asynchronous,
// of which framework, offloading to which pool), computed once.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CORE_COROUTINETYPES_H
#define ASYNCLINT_CHECKS_CORE_COROUTINETYPES_H

#include "catalog/Catalog.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace asynclint {

/// Whether values of type \p T can be the operand of co_await on their own
/// (member or known awaiter protocol).
bool isAwaitableType(clang::QualType T);

/// Whether \p RD or a base is one of the catalogue's asynchronous types.
bool isListedType(const clang::CXXRecordDecl &RD, const Catalog &Cat);

/// The class an object of type \p T is or refers to: through references,
/// one pointer, std::shared_ptr and std::unique_ptr.
const clang::CXXRecordDecl *heldRecord(clang::QualType T);

/// Whether \p T holds one of the catalogue's schedulers (a thread pool, an
/// I/O context, an executor) or something derived from one.
bool isSchedulerType(clang::QualType T, const Catalog &Cat);

/// The framework that \p T comes from (asio for asio::awaitable<int>), or
/// null; the standard library is not a framework of its own.
const Framework *frameworkOfType(clang::QualType T, const Catalog &Cat);

/// What the rules need to know about one coroutine, computed once.
struct CoroutineFacts {
  bool Asynchronous = false;
  const Framework *Fw = nullptr;
  /// Where the coroutine awaits a move onto a thread pool meant for
  /// blocking work; what follows runs there, not on the event loop.
  std::vector<const clang::Stmt *> Offloads;
  /// Started on an executor that gives each task a thread of its own.
  bool OnDedicatedThread = false;
};

/// Caches CoroutineFacts per coroutine for one translation unit.
class CoroutineClassifier {
public:
  explicit CoroutineClassifier(const Catalog &Cat) : Cat(Cat) {}
  const CoroutineFacts &facts(const clang::FunctionDecl &Coroutine);
  void clear() { Cache.clear(); }

private:
  CoroutineFacts compute(const clang::FunctionDecl &Coroutine) const;
  const Catalog &Cat;
  llvm::DenseMap<const clang::FunctionDecl *, CoroutineFacts> Cache;
};

} // namespace asynclint

#endif
