#include "models/blocking-call/OnceGuards.h"
#include "core/OwnBody.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace asynclint {
namespace {

/// The field of `*this` that \p E names, through implicit casts and
/// parentheses.
const FieldDecl *ownField(const Expr *E) {
  const auto *Member = E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

/// Every node below \p S, the bodies of lambdas included: work a lambda
/// does for the function (posted, then waited for) changes the same object.
void forEachNode(const Stmt *S, llvm::function_ref<void(const Stmt &)> Visit) {
  llvm::SmallVector<const Stmt *, 32> Pending{S};
  while (!Pending.empty()) {
    const Stmt *Node = Pending.pop_back_val();
    if (!Node)
      continue;
    Visit(*Node);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Node))
      Pending.push_back(Lambda->getBody());
    Pending.append(Node->child_begin(), Node->child_end());
  }
}

/// The fields of `*this` that \p Body changes: assigns, increments, calls a
/// non-const member function or operator of.
llvm::DenseSet<const FieldDecl *> changedFields(const Stmt &Body) {
  llvm::DenseSet<const FieldDecl *> Changed;
  forEachNode(&Body, [&](const Stmt &S) {
    if (const auto *Binary = dyn_cast<BinaryOperator>(&S)) {
      if (Binary->isAssignmentOp())
        if (const FieldDecl *Field = ownField(Binary->getLHS()))
          Changed.insert(Field);
    } else if (const auto *Unary = dyn_cast<UnaryOperator>(&S)) {
      if (Unary->isIncrementDecrementOp())
        if (const FieldDecl *Field = ownField(Unary->getSubExpr()))
          Changed.insert(Field);
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (Method && !Method->isConst())
        if (const FieldDecl *Field = ownField(Call->getImplicitObjectArgument()))
          Changed.insert(Field);
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S)) {
      const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
      if (Method && !Method->isConst() && Op->getNumArgs() > 0)
        if (const FieldDecl *Field = ownField(Op->getArg(0)))
          Changed.insert(Field);
    }
  });
  return Changed;
}

/// Whether \p Record is a class of the standard library named \p Name, or
/// one of a family of them ("basic_fstream" for all file streams).
bool isStd(const CXXRecordDecl *Record, llvm::ArrayRef<llvm::StringRef> Names) {
  if (!Record || !Record->isInStdNamespace() || !Record->getIdentifier())
    return false;
  return llvm::is_contained(Names, Record->getName());
}

const llvm::StringRef FileStreams[] = {"basic_fstream", "basic_ifstream", "basic_ofstream",
                                       "basic_filebuf"};
const llvm::StringRef Containers[] = {"vector",
                                      "deque",
                                      "list",
                                      "forward_list",
                                      "map",
                                      "multimap",
                                      "set",
                                      "multiset",
                                      "unordered_map",
                                      "unordered_multimap",
                                      "unordered_set",
                                      "unordered_multiset",
                                      "basic_string",
                                      "queue",
                                      "priority_queue",
                                      "stack"};
const llvm::StringRef Handles[] = {"unique_ptr", "shared_ptr", "optional", "function"};

/// What \p Cond evaluates to on a new object, when that is known: members
/// with a constant initialiser, and members of standard types left as
/// default construction leaves them (a file stream not open, a container
/// empty, a smart pointer, optional or function empty).
std::optional<bool> onNewObject(const Expr *Cond, ASTContext &Ctx) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(Cond); Unary && Unary->getOpcode() == UO_LNot) {
    std::optional<bool> Inner = onNewObject(Unary->getSubExpr(), Ctx);
    return Inner ? std::optional<bool>(!*Inner) : std::nullopt;
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond); Binary && Binary->isLogicalOp()) {
    std::optional<bool> L = onNewObject(Binary->getLHS(), Ctx),
                        R = onNewObject(Binary->getRHS(), Ctx);
    bool And = Binary->getOpcode() == BO_LAnd;
    if ((L && *L != And) || (R && *R != And))
      return !And; // false && ..., true || ...
    if (L && R)
      return And;
    return std::nullopt;
  }
  if (const FieldDecl *Field = ownField(Cond)) {
    const Expr *Init = Field->getInClassInitializer();
    bool Value = false;
    if (Init && !Field->getType()->isRecordType() && Init->EvaluateAsBooleanCondition(Value, Ctx))
      return Value;
    return std::nullopt;
  }
  // `member.is_open()`, `member.empty()`, `member.has_value()`, and the
  // conversion of a handle to bool.
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Cond);
  const FieldDecl *Field = Call ? ownField(Call->getImplicitObjectArgument()) : nullptr;
  if (!Field || Field->hasInClassInitializer())
    return std::nullopt;
  const CXXRecordDecl *Record = Field->getType()->getAsCXXRecordDecl();
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (isa<CXXConversionDecl>(Method) && Method->getReturnType()->isBooleanType() &&
      isStd(Record, Handles))
    return false;
  if (!Method->getIdentifier())
    return std::nullopt;
  llvm::StringRef Name = Method->getName();
  if (Name == "is_open" && isStd(Record, FileStreams))
    return false;
  if (Name == "empty" && isStd(Record, Containers))
    return true;
  if (Name == "has_value" && isStd(Record, {"optional"}))
    return false;
  return std::nullopt;
}

/// The return statement that \p S is, or holds alone.
const ReturnStmt *loneReturn(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    S = Block->size() == 1 ? Block->body_front() : nullptr;
  return dyn_cast_or_null<ReturnStmt>(S);
}

} // namespace

llvm::SmallVector<const Stmt *, 2> onceGuardExits(const FunctionDecl &F) {
  llvm::SmallVector<const Stmt *, 2> Exits;
  const auto *Method = dyn_cast<CXXMethodDecl>(&F);
  if (!Method || Method->isStatic() || Method->getParent()->isLambda() || !F.getBody())
    return Exits;
  std::optional<llvm::DenseSet<const FieldDecl *>> Changed;
  forEachOwnNode(F.getBody(), [&](const Stmt &S) {
    const auto *If = dyn_cast<IfStmt>(&S);
    const ReturnStmt *Return = If && !If->getElse() ? loneReturn(If->getThen()) : nullptr;
    if (!Return)
      return;
    std::optional<bool> Fresh = onNewObject(If->getCond(), F.getASTContext());
    if (!Fresh || *Fresh)
      return;
    bool ReadsChangedState = false;
    forEachNode(If->getCond(), [&](const Stmt &Node) {
      if (const auto *E = dyn_cast<Expr>(&Node))
        if (const FieldDecl *Field = ownField(E)) {
          if (!Changed)
            Changed = changedFields(*F.getBody());
          ReadsChangedState |= Changed->contains(Field);
        }
    });
    if (ReadsChangedState)
      Exits.push_back(Return);
  });
  return Exits;
}

} // namespace asynclint
