//===--- Coroutines.h - where coroutine bodies begin and end ----*- C++ -*-===//
//
// Which coroutine runs a statement, walking up the AST as the code is
// written (a lambda's body leads to the code that wrote it), and what a
// coroutine's own body suspends on. What its types are is CoroutineTypes.h.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CORE_COROUTINES_H
#define ASYNCLINT_CHECKS_CORE_COROUTINES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/iterator_range.h"
#include <iterator>

namespace asynclint {

/// Whether \p F is a coroutine (its body is a CoroutineBodyStmt).
bool isCoroutine(const clang::FunctionDecl &F);

/// The coroutine that runs \p S on its own thread of execution: \p S is in
/// that coroutine's written body and not inside a nested lambda (unless the
/// lambda is invoked on the spot), block or local class, nor in an
/// unevaluated operand. Null when there is none.
const clang::FunctionDecl *enclosingCoroutine(const clang::Stmt &S, clang::ASTContext &Ctx);

/// \p E without the nodes its value passes through unchanged on the way
/// up: implicit casts, temporaries, parentheses, full-expression cleanups.
/// Null for null.
const clang::Expr *skipTransparent(const clang::Expr *E);
/// The same of a statement that is an expression; any other as it is.
inline const clang::Stmt *skipTransparent(const clang::Stmt *S) {
  if (const auto *E = llvm::dyn_cast_or_null<clang::Expr>(S))
    return skipTransparent(E);
  return S;
}

/// Nodes an expression's value passes through unchanged: implicit casts,
/// temporaries, parentheses, cleanups.
bool isTransparentNode(const clang::DynTypedNode &N);

/// The parent of \p Node in the code as written: for a lambda's body, the
/// lambda expression rather than its call operator, so that a walk upward
/// continues into the code that wrote the lambda. Empty at the top.
clang::DynTypedNode lexicalParent(const clang::DynTypedNode &Node, clang::ASTContext &Ctx);

/// Walks from a node up to the translation unit along lexicalParent.
class AncestorIterator {
public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = clang::DynTypedNode;
  using difference_type = std::ptrdiff_t;
  using pointer = const clang::DynTypedNode *;
  using reference = const clang::DynTypedNode &;

  AncestorIterator() = default;
  AncestorIterator(clang::DynTypedNode Node, clang::ASTContext &Ctx) : Node(Node), Ctx(&Ctx) {}
  reference operator*() const { return Node; }
  pointer operator->() const { return &Node; }
  AncestorIterator &operator++() {
    Node = lexicalParent(Node, *Ctx);
    return *this;
  }
  bool operator==(const AncestorIterator &Other) const {
    bool AtEnd = Node.getNodeKind().isNone(), OtherAtEnd = Other.Node.getNodeKind().isNone();
    return AtEnd || OtherAtEnd ? AtEnd == OtherAtEnd : Node == Other.Node;
  }
  bool operator!=(const AncestorIterator &Other) const { return !(*this == Other); }

private:
  clang::DynTypedNode Node;
  clang::ASTContext *Ctx = nullptr;
};

/// The nodes above \p Node, nearest first, with no bound on the depth. A
/// lambda's body leads to the lambda expression; where a node has two
/// parents (the syntactic and semantic forms of an initialiser list) both
/// lead to the same ancestors above them.
inline llvm::iterator_range<AncestorIterator> ancestors(const clang::DynTypedNode &Node,
                                                        clang::ASTContext &Ctx) {
  return {AncestorIterator(lexicalParent(Node, Ctx), Ctx), AncestorIterator()};
}
template <typename NodeT>
llvm::iterator_range<AncestorIterator> ancestors(const NodeT &Node, clang::ASTContext &Ctx) {
  return ancestors(clang::DynTypedNode::create(Node), Ctx);
}

/// The answers of a walk up from a statement, remembered for every
/// statement the walk passed: a rule that asks about every call or await of
/// a long expression pays its depth once, not once per operand. One per
/// question; cleared at the end of each translation unit.
using RememberedWalks = llvm::DenseMap<const clang::Stmt *, const clang::FunctionDecl *>;

/// enclosingCoroutine, remembering its answers in \p Known.
const clang::FunctionDecl *enclosingCoroutine(const clang::Stmt &S, clang::ASTContext &Ctx,
                                              RememberedWalks &Known);

/// The first function above \p S along ancestors() (a lambda's body leads
/// past the lambda to the function that wrote it), remembering its answers
/// in \p Known.
const clang::FunctionDecl *firstFunctionAbove(const clang::Stmt &S, clang::ASTContext &Ctx,
                                              RememberedWalks &Known);

/// The function or lambda whose body holds \p S, whatever it is.
const clang::FunctionDecl *enclosingFunction(const clang::Stmt &S, clang::ASTContext &Ctx);

/// Whether \p E is the operand of a co_await or co_yield, looking through
/// implicit conversions and temporaries.
bool isAwaitedDirectly(const clang::Expr &E, clang::ASTContext &Ctx);

/// Whether the value of \p E is thrown away: an expression statement, or a
/// cast to void.
bool isResultDiscarded(const clang::Expr &E, clang::ASTContext &Ctx);

/// Whether the value of \p E is cast to void (`(void)f();`), looking through
/// implicit conversions and temporaries.
bool isCastToVoid(const clang::Expr &E, clang::ASTContext &Ctx);

/// Whether \p F is a coroutine whose visible body never awaits or yields:
/// awaiting it runs it to completion on the spot, with no latency to
/// overlap.
bool neverSuspends(const clang::FunctionDecl &F);

/// The statements the author of coroutine \p F wrote (inside its
/// CoroutineBodyStmt), when \p F is one whose types are known: not a
/// template's own body, which its instantiations speak for. Null otherwise.
const clang::Stmt *analysableCoroutineBody(const clang::FunctionDecl &F);

/// The co_awaits and co_yields written in a coroutine's body \p Body, not
/// those of nested lambdas, blocks or local classes, in source order.
std::vector<const clang::Stmt *> ownSuspensions(const clang::Stmt &Body);

/// Whether \p F is a function template's own body that this translation
/// unit also has an instantiation of with a body: the instantiations, where
/// types are known and a CFG can be built, then speak for it. (A member of a
/// class template is still judged in its own body as well.)
bool isInstantiatedPattern(const clang::FunctionDecl &F);

/// "coroutine 'name'" or "coroutine lambda", for messages.
std::string describeCoroutine(const clang::FunctionDecl &F);

} // namespace asynclint

#endif
