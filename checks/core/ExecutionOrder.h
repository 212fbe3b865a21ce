//===--- ExecutionOrder.h - what runs before what in one function -*- C++ -*-===//
//
// Source order says little about run order: a statement on one branch of an
// `if` is written before the other branch but never runs before it, and a
// statement late in a loop body runs before an early one on the next round.
// The rules ask the function's CFG instead, as clang-tidy's ExprSequence
// does, and run flow analyses with clang's own dataflow worklist.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CORE_EXECUTIONORDER_H
#define ASYNCLINT_CHECKS_CORE_EXECUTIONORDER_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/Analyses/CFGReachabilityAnalysis.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include <memory>
#include <optional>

namespace asynclint {

/// The control flow of one function body, built once and asked many times.
class ExecutionOrder {
public:
  /// Null when clang cannot build a CFG for \p Body (the written body of
  /// \p F; for a coroutine, the statements inside its CoroutineBodyStmt).
  static std::unique_ptr<ExecutionOrder> build(const clang::FunctionDecl &F,
                                               const clang::Stmt &Body, clang::ASTContext &Ctx);

  /// Whether every path from the entry to \p Later runs one of \p Earlier
  /// first (not necessarily the same one on every path).
  bool mustPrecede(llvm::ArrayRef<const clang::Stmt *> Earlier, const clang::Stmt &Later) const;
  bool mustPrecede(const clang::Stmt &Earlier, const clang::Stmt &Later) const {
    return mustPrecede(llvm::ArrayRef<const clang::Stmt *>(&Earlier), Later);
  }

  /// Whether one of \p Earlier runs anew before each run of \p Later: on
  /// every path from the entry to it, and on every way round a loop from it
  /// back to it.
  bool mustPrecedeEachRun(llvm::ArrayRef<const clang::Stmt *> Earlier,
                          const clang::Stmt &Later) const;

  /// Whether every way through the function runs one of \p Sites: every
  /// path from the entry that returns, and every path that loops for ever.
  /// A path that leaves by a throw or a call that does not return, or that
  /// runs a `catch` handler, is an error's path and asks nothing; so is a
  /// path through one of \p Excused.
  bool runsOnEveryPath(llvm::ArrayRef<const clang::Stmt *> Sites,
                       llvm::ArrayRef<const clang::Stmt *> Excused = {}) const;

  /// Whether some path runs \p Earlier and afterwards \p Later, including a
  /// path around a loop.
  bool mayPrecede(const clang::Stmt &Earlier, const clang::Stmt &Later) const;

  /// Whether some path runs \p From and afterwards \p To without running
  /// one of \p Avoid in between (nor \p From again).
  bool mayReachAvoiding(const clang::Stmt &From, const clang::Stmt &To,
                        llvm::ArrayRef<const clang::Stmt *> Avoid) const;

  /// Whether every way on from \p From runs one of \p Targets before it
  /// runs one of \p Stops (or \p From again) or returns. A way that leaves
  /// by an exception or a call that does not return asks nothing, and one
  /// that goes round a loop is followed to where it leaves the loop.
  bool mustReachBefore(const clang::Stmt &From, llvm::ArrayRef<const clang::Stmt *> Targets,
                       llvm::ArrayRef<const clang::Stmt *> Stops) const;

  /// Whether \p S runs in this function (its own statement, or one nested in
  /// a statement of the function, such as a lambda invoked on the spot).
  bool contains(const clang::Stmt &S) const { return positionOf(S).has_value(); }

  const clang::CFG &cfg() const { return *Graph; }

  /// A forward flow analysis to its fixpoint, with no bound on rounds:
  /// \p Join combines the states flowing in from two predecessors (it must
  /// be commutative and settle), \p Transfer runs one block. Returns each
  /// reachable block's state on entry; unreachable blocks are absent.
  template <typename State>
  llvm::DenseMap<const clang::CFGBlock *, State>
  forwardFixpoint(const State &AtEntry,
                  llvm::function_ref<State(const State &, const State &)> Join,
                  llvm::function_ref<void(const clang::CFGBlock &, State &)> Transfer) const;

private:
  ExecutionOrder() = default;
  struct Position {
    const clang::CFGBlock *Block = nullptr;
    unsigned Index = 0;
  };
  /// Where \p S runs: its own element, or that of the nearest enclosing
  /// statement the CFG lists (a call in a lambda invoked on the spot runs
  /// where the lambda is called).
  std::optional<Position> positionOf(const clang::Stmt &S) const;
  /// A statement a path search stops at: a target it looks for, or not.
  struct Mark {
    unsigned Index;
    bool IsTarget;
  };
  using Marks = llvm::DenseMap<const clang::CFGBlock *, llvm::SmallVector<Mark, 2>>;
  Marks marksOf(llvm::ArrayRef<const clang::Stmt *> Targets,
                llvm::ArrayRef<const clang::Stmt *> Stops) const;
  /// The first of \p All in \p Block at or after \p From, if any.
  static const Mark *firstMark(const Marks &All, const clang::CFGBlock *Block, unsigned From);
  bool coversPathsTo(llvm::ArrayRef<const clang::Stmt *> Earlier, const clang::Stmt &Later,
                     bool FromLaterToo) const;

  std::unique_ptr<clang::CFG> Graph;
  std::unique_ptr<clang::ParentMap> Parents;
  std::unique_ptr<clang::PostOrderCFGView> PostOrder;
  /// Answers are computed on demand and remembered.
  mutable std::unique_ptr<clang::CFGReverseBlockReachabilityAnalysis> Reachability;
  llvm::DenseMap<const clang::Stmt *, Position> Elements;
  /// The blocks that begin a catch handler: only an exception enters them.
  llvm::SmallVector<const clang::CFGBlock *, 4> Handlers;
};

/// The ExecutionOrder of each function of a translation unit that a rule
/// asks about, built on first use. A coroutine's order covers the
/// statements its author wrote, not the promise machinery around them.
class ExecutionOrders {
public:
  /// Null when no CFG can be built.
  const ExecutionOrder *of(const clang::FunctionDecl &F);
  void clear() { Cache.clear(); }

private:
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<ExecutionOrder>> Cache;
};

template <typename State>
llvm::DenseMap<const clang::CFGBlock *, State> ExecutionOrder::forwardFixpoint(
    const State &AtEntry, llvm::function_ref<State(const State &, const State &)> Join,
    llvm::function_ref<void(const clang::CFGBlock &, State &)> Transfer) const {
  llvm::DenseMap<const clang::CFGBlock *, State> In, Out;
  clang::ForwardDataflowWorklist Worklist(*Graph, PostOrder.get());
  const clang::CFGBlock *Entry = &Graph->getEntry();
  In[Entry] = AtEntry;
  Worklist.enqueueBlock(Entry);
  while (const clang::CFGBlock *Block = Worklist.dequeue()) {
    // A predecessor not reached yet constrains nothing.
    std::optional<State> Incoming;
    if (Block == Entry)
      Incoming = AtEntry;
    for (const clang::CFGBlock *Pred : Block->preds()) {
      auto It = Pred ? Out.find(Pred) : Out.end();
      if (It != Out.end())
        Incoming = Incoming ? Join(*Incoming, It->second) : It->second;
    }
    if (!Incoming)
      continue;
    In[Block] = *Incoming;
    State After = std::move(*Incoming);
    Transfer(*Block, After);
    auto Previous = Out.find(Block);
    if (Previous != Out.end() && Previous->second == After)
      continue;
    Out[Block] = std::move(After);
    Worklist.enqueueSuccessors(Block);
  }
  return In;
}

} // namespace asynclint

#endif
