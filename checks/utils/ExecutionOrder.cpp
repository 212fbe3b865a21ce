#include "utils/ExecutionOrder.h"

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
  }
  return Order;
}

std::optional<ExecutionOrder::Position> ExecutionOrder::positionOf(const Stmt &S) const {
  for (const Stmt *Node = &S; Node; Node = Parents->getParent(Node)) {
    auto It = Elements.find(Node);
    if (It != Elements.end())
      return It->second;
  }
  return std::nullopt;
}

bool ExecutionOrder::mustPrecede(llvm::ArrayRef<const Stmt *> Earlier, const Stmt &Later) const {
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
  // Search for a path from the entry to Later that none of them covers.
  llvm::SmallVector<const CFGBlock *, 16> Pending{&Graph->getEntry()};
  llvm::DenseSet<const CFGBlock *> Seen{&Graph->getEntry()};
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
