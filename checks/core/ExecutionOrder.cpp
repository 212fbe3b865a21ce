#include "core/ExecutionOrder.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace asynclint {

std::unique_ptr<ExecutionOrder> ExecutionOrder::build(const FunctionDecl &F, const Stmt &Body,
                                                      ASTContext &Ctx) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = false;
  // Every sub-expression an element of its own: a co_await or a call nested
  // in a larger expression has a position.
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph = CFG::buildCFG(&F, const_cast<Stmt *>(&Body), &Ctx, Options);
  if (!Graph)
    return nullptr;
  std::unique_ptr<ExecutionOrder> Order(new ExecutionOrder());
  Order->Graph = std::move(Graph);
  Order->Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(&Body));
  Order->PostOrder = std::make_unique<PostOrderCFGView>(Order->Graph.get());
  Order->Reachability = std::make_unique<CFGReverseBlockReachabilityAnalysis>(*Order->Graph);
  for (const CFGBlock *Block : *Order->Graph) {
    unsigned Index = 0;
    for (const CFGElement &Element : *Block) {
      if (auto S = Element.getAs<CFGStmt>())
        Order->Elements.try_emplace(S->getStmt(), Position{Block, Index});
      ++Index;
    }
    // A condition that is only a terminator runs after the block's elements.
    if (const Stmt *Terminator = Block->getTerminatorStmt())
      Order->Elements.try_emplace(Terminator, Position{Block, Index});
    if (isa_and_nonnull<CXXCatchStmt>(Block->getLabel()))
      Order->Handlers.push_back(Block);
  }
  return Order;
}

namespace {

/// Whether a way out of the function through \p Block is an error's: a
/// throw, or a call that does not return.
bool leavesByError(const CFGBlock &Block) {
  return Block.hasNoReturnElement() || llvm::any_of(Block, [](const CFGElement &Element) {
           std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
           return S && isa<CXXThrowExpr>(S->getStmt());
         });
}

} // namespace

std::optional<ExecutionOrder::Position> ExecutionOrder::positionOf(const Stmt &S) const {
  for (const Stmt *Node = &S; Node; Node = Parents->getParent(Node)) {
    auto It = Elements.find(Node);
    if (It != Elements.end())
      return It->second;
  }
  return std::nullopt;
}

bool ExecutionOrder::mustPrecede(llvm::ArrayRef<const Stmt *> Earlier, const Stmt &Later) const {
  return coversPathsTo(Earlier, Later, /*FromLaterToo=*/false);
}

bool ExecutionOrder::mustPrecedeEachRun(llvm::ArrayRef<const Stmt *> Earlier,
                                        const Stmt &Later) const {
  return coversPathsTo(Earlier, Later, /*FromLaterToo=*/true);
}

bool ExecutionOrder::coversPathsTo(llvm::ArrayRef<const Stmt *> Earlier, const Stmt &Later,
                                   bool FromLaterToo) const {
  std::optional<Position> Target = positionOf(Later);
  if (!Target)
    return false;
  // The first element of each block that is one of Earlier: a path through
  // it is covered from there on.
  llvm::DenseMap<const CFGBlock *, unsigned> Covering;
  for (const Stmt *S : Earlier)
    if (std::optional<Position> P = S ? positionOf(*S) : std::nullopt) {
      auto [It, Inserted] = Covering.try_emplace(P->Block, P->Index);
      if (!Inserted)
        It->second = std::min(It->second, P->Index);
    }
  // Search for a path from the entry (and from just after Later) to Later
  // that none of them covers.
  llvm::SmallVector<const CFGBlock *, 16> Pending{&Graph->getEntry()};
  llvm::DenseSet<const CFGBlock *> Seen{&Graph->getEntry()};
  if (FromLaterToo) {
    bool CoveredAfterLater = llvm::any_of(Earlier, [&](const Stmt *S) {
      std::optional<Position> P = S ? positionOf(*S) : std::nullopt;
      return P && P->Block == Target->Block && P->Index > Target->Index;
    });
    if (!CoveredAfterLater)
      for (const CFGBlock *Succ : Target->Block->succs())
        if (Succ && Seen.insert(Succ).second)
          Pending.push_back(Succ);
  }
  while (!Pending.empty()) {
    const CFGBlock *Block = Pending.pop_back_val();
    auto Cover = Covering.find(Block);
    if (Block == Target->Block)
      if (Cover == Covering.end() || Cover->second >= Target->Index)
        return false;
    if (Cover != Covering.end())
      continue;
    for (const CFGBlock *Succ : Block->succs())
      if (Succ && Seen.insert(Succ).second)
        Pending.push_back(Succ);
  }
  return true;
}

bool ExecutionOrder::runsOnEveryPath(llvm::ArrayRef<const Stmt *> Sites,
                                     llvm::ArrayRef<const Stmt *> Excused) const {
  llvm::DenseSet<const CFGBlock *> Covered;
  for (const Stmt *S : Sites)
    if (std::optional<Position> P = S ? positionOf(*S) : std::nullopt)
      Covered.insert(P->Block);
  if (Covered.empty())
    return false;
  // Blocks that end the search of a path as a site does: excused ones, and
  // handlers, which only an exception enters.
  llvm::DenseSet<const CFGBlock *> Ends;
  for (const Stmt *S : Excused)
    if (std::optional<Position> P = S ? positionOf(*S) : std::nullopt)
      Ends.insert(P->Block);
  Ends.insert(Handlers.begin(), Handlers.end());
  // A depth-first search of the blocks no site covers: one that returns,
  // or a cycle among them, is a path that avoids every site.
  const CFGBlock *Exit = &Graph->getExit();
  llvm::DenseMap<const CFGBlock *, bool> OnStack;
  llvm::SmallVector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>, 16> Stack;
  auto Enter = [&](const CFGBlock *Block) {
    OnStack[Block] = true;
    Stack.push_back({Block, Block->succ_begin()});
  };
  Enter(&Graph->getEntry());
  while (!Stack.empty()) {
    auto &[Block, Next] = Stack.back();
    if (Next == Block->succ_end()) {
      OnStack[Block] = false;
      Stack.pop_back();
      continue;
    }
    const CFGBlock *Succ = *Next++;
    if (!Succ || Covered.contains(Succ) || Ends.contains(Succ))
      continue;
    if (Succ == Exit) {
      if (!leavesByError(*Block))
        return false;
      continue;
    }
    auto Seen = OnStack.find(Succ);
    if (Seen == OnStack.end())
      Enter(Succ);
    else if (Seen->second)
      return false;
  }
  return true;
}

bool ExecutionOrder::mayPrecede(const Stmt &Earlier, const Stmt &Later) const {
  std::optional<Position> First = positionOf(Earlier), Second = positionOf(Later);
  if (!First || !Second)
    return false;
  if (First->Block == Second->Block && First->Index < Second->Index)
    return true;
  // Around a loop back to the same block, or on to another one.
  return llvm::any_of(First->Block->succs(), [&](const CFGBlock *Succ) {
    return Succ && (Succ == Second->Block || Reachability->isReachable(Succ, Second->Block));
  });
}

ExecutionOrder::Marks ExecutionOrder::marksOf(llvm::ArrayRef<const Stmt *> Targets,
                                              llvm::ArrayRef<const Stmt *> Stops) const {
  Marks Result;
  for (auto [List, IsTarget] : {std::pair{Targets, true}, std::pair{Stops, false}})
    for (const Stmt *S : List)
      if (std::optional<Position> P = S ? positionOf(*S) : std::nullopt)
        Result[P->Block].push_back({P->Index, IsTarget});
  for (auto &[Block, List] : Result)
    llvm::sort(List, [](const Mark &A, const Mark &B) {
      // At one position a stop comes first: the path does not get past it.
      return A.Index != B.Index ? A.Index < B.Index : !A.IsTarget && B.IsTarget;
    });
  return Result;
}

const ExecutionOrder::Mark *ExecutionOrder::firstMark(const Marks &All, const CFGBlock *Block,
                                                      unsigned From) {
  auto It = All.find(Block);
  if (It == All.end())
    return nullptr;
  for (const Mark &M : It->second)
    if (M.Index >= From)
      return &M;
  return nullptr;
}

bool ExecutionOrder::mayReachAvoiding(const Stmt &From, const Stmt &To,
                                      llvm::ArrayRef<const Stmt *> Avoid) const {
  std::optional<Position> Start = positionOf(From);
  if (!Start)
    return false;
  llvm::SmallVector<const Stmt *, 8> Stops(Avoid.begin(), Avoid.end());
  Stops.push_back(&From);
  Marks All = marksOf({&To}, Stops);
  // A block is entered at its start once; the first block from just after From.
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Pending{
      {Start->Block, Start->Index + 1}};
  llvm::DenseSet<const CFGBlock *> Seen;
  while (!Pending.empty()) {
    auto [Block, Index] = Pending.pop_back_val();
    if (const Mark *M = firstMark(All, Block, Index)) {
      if (M->IsTarget)
        return true;
      continue;
    }
    for (const CFGBlock *Succ : Block->succs())
      if (Succ && Seen.insert(Succ).second)
        Pending.push_back({Succ, 0});
  }
  return false;
}

bool ExecutionOrder::mustReachBefore(const Stmt &From, llvm::ArrayRef<const Stmt *> Targets,
                                     llvm::ArrayRef<const Stmt *> Stops) const {
  std::optional<Position> Start = positionOf(From);
  if (!Start)
    return false;
  llvm::SmallVector<const Stmt *, 8> AllStops(Stops.begin(), Stops.end());
  AllStops.push_back(&From);
  Marks All = marksOf(Targets, AllStops);
  const CFGBlock *Exit = &Graph->getExit();
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Pending{
      {Start->Block, Start->Index + 1}};
  llvm::DenseSet<const CFGBlock *> Seen;
  while (!Pending.empty()) {
    auto [Block, Index] = Pending.pop_back_val();
    // Only an exception enters a handler: an error's path asks nothing.
    if (Index == 0 && llvm::is_contained(Handlers, Block))
      continue;
    if (const Mark *M = firstMark(All, Block, Index)) {
      if (M->IsTarget)
        continue;
      return false;
    }
    for (const CFGBlock *Succ : Block->succs()) {
      if (!Succ)
        continue;
      if (Succ == Exit) {
        if (!leavesByError(*Block))
          return false;
        continue;
      }
      if (Seen.insert(Succ).second)
        Pending.push_back({Succ, 0});
    }
  }
  return true;
}

const ExecutionOrder *ExecutionOrders::of(const FunctionDecl &F) {
  auto [It, Inserted] = Cache.try_emplace(&F);
  if (!Inserted)
    return It->second.get();
  const Stmt *Body = F.getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  if (Body)
    It->second = ExecutionOrder::build(F, *Body, F.getASTContext());
  return It->second.get();
}

} // namespace asynclint
