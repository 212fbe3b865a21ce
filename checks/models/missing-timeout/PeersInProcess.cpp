#include "models/missing-timeout/PeersInProcess.h"
#include "core/Names.h"

#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;

namespace asynclint {

const ValueDecl *streamVariable(const Expr *E) {
  for (unsigned Layer = 0; E && Layer < 4; ++Layer) {
    E = E->IgnoreParenImpCasts();
    if (const ValueDecl *Named = namedObject(E))
      return Named;
    // A layer is a part of the stream, handed out by reference; what comes
    // back by value (an executor, an endpoint) is another object.
    // Through a smart pointer, to what it points to.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star)) {
      E = Op->getArg(0);
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || !Call->isLValue())
      return nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E); Member && Member->getNumArgs() == 0) {
      E = Member->getImplicitObjectArgument();
      continue;
    }
    if (!isa<CXXMemberCallExpr>(E) && Call->getNumArgs() == 1) {
      E = Call->getArg(0);
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

const ValueDecl *operatedStream(const CallExpr &Operation) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Operation))
    return streamVariable(Member->getImplicitObjectArgument());
  return Operation.getNumArgs() > 0 ? streamVariable(Operation.getArg(0)) : nullptr;
}

namespace {

bool calleeNameContains(const CallExpr &Call, llvm::StringRef Word) {
  const auto *Callee = dyn_cast_or_null<NamedDecl>(Call.getCalleeDecl());
  return Callee && Callee->getIdentifier() && Callee->getName().contains_insensitive(Word);
}

/// The object of an `X.local_endpoint()` in \p S, also through the
/// initialiser of a local variable it names.
const ValueDecl *localEndpointOwner(const Stmt &S, unsigned Depth = 2) {
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() && Method->getName() == "local_endpoint")
      return streamVariable(Call->getImplicitObjectArgument());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
    if (const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
        Local && Local->isLocalVarDecl() && Local->getInit() && Depth > 0)
      return localEndpointOwner(*Local->getInit(), Depth - 1);
  for (const Stmt *Child : S.children())
    if (const ValueDecl *Owner = Child ? localEndpointOwner(*Child, Depth) : nullptr)
      return Owner;
  return nullptr;
}

bool mentionsAny(const Stmt &S, const llvm::SmallPtrSetImpl<const ValueDecl *> &Vars) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&S); Ref && Vars.contains(Ref->getDecl()))
    return true;
  return llvm::any_of(S.children(),
                      [&](const Stmt *Child) { return Child && mentionsAny(*Child, Vars); });
}

} // namespace

const ValueDecl *initialisedBy(const Expr &Await, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(Await);
  for (unsigned Step = 0; Step < 6; ++Step) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    if (const auto *Var = Parents[0].get<VarDecl>())
      return Var;
    const auto *Above = Parents[0].get<Expr>();
    if (!Above || !(isa<ExprWithCleanups, ImplicitCastExpr, CXXConstructExpr,
                        MaterializeTemporaryExpr, CXXBindTemporaryExpr>(Above)))
      return nullptr;
    Node = Parents[0];
  }
  return nullptr;
}

void PeersInProcess::note(const CallExpr &Operation, const Expr &Await, ASTContext &Ctx) {
  if (calleeNameContains(Operation, "connect")) {
    const ValueDecl *Stream = operatedStream(Operation);
    for (unsigned I = isa<CXXMemberCallExpr>(Operation) ? 0 : 1; I < Operation.getNumArgs(); ++I)
      if (const ValueDecl *Acceptor = localEndpointOwner(*Operation.getArg(I));
          Acceptor && Stream) {
        Acceptors.insert(Acceptor);
        Streams.insert(Stream);
        return;
      }
    return;
  }
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Operation);
  if (!Member || !calleeNameContains(Operation, "accept"))
    return;
  const ValueDecl *Acceptor = streamVariable(Member->getImplicitObjectArgument());
  if (!Acceptor)
    return;
  // The socket an accept fills is taken by non-const reference; a
  // completion token in the same place is not.
  const FunctionDecl *Accept = Operation.getDirectCallee();
  if (Operation.getNumArgs() > 0 && Accept && Accept->getNumParams() > 0) {
    QualType Param = Accept->getParamDecl(0)->getType();
    if (Param->isLValueReferenceType() && !Param->getPointeeType().isConstQualified())
      if (const ValueDecl *Filled = streamVariable(Operation.getArg(0)))
        Accepts.emplace_back(Acceptor, Filled);
  }
  if (const ValueDecl *Returned = initialisedBy(Await, Ctx))
    Accepts.emplace_back(Acceptor, Returned);
}

void PeersInProcess::settle() {
  for (const auto &[Acceptor, Stream] : Accepts)
    if (Acceptors.contains(Acceptor))
      Streams.insert(Stream);
}

bool PeersInProcess::talksToItself(const CallExpr &Operation) const {
  const ValueDecl *Stream = operatedStream(Operation);
  if (!Stream)
    return false;
  if (Streams.contains(Stream))
    return true;
  // `ssl_stream<tcp_stream> stream(std::move(accepted), ctx)`: a stream
  // built on top of one that talks to this process does too.
  const auto *Local = dyn_cast<VarDecl>(Stream);
  const Expr *Init = Local && Local->isLocalVarDecl() ? Local->getInit() : nullptr;
  return Init && mentionsAny(*Init, Streams);
}

void PeersInProcess::clear() {
  Acceptors.clear();
  Streams.clear();
  Accepts.clear();
}

} // namespace asynclint
