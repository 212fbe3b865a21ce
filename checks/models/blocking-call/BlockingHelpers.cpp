#include "models/blocking-call/BlockingHelpers.h"
#include "core/CoroutineTypes.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"
#include "models/blocking-call/NonBlocking.h"
#include "models/blocking-call/OnceGuards.h"
#include "models/blocking-call/ReadyResult.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace asynclint {
namespace {

/// Deeper chains than this are not followed: generated code can nest calls
/// without end, and the stack of the summary is the call stack.
constexpr unsigned MaxDepth = 200;

/// The function a call names, resolving a virtual call only where the
/// static type leaves one candidate (a final class or method, an object
/// rather than a reference, a qualified call).
const FunctionDecl *calledFunction(const Expr &E) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&E))
    return Construct->getConstructor();
  const auto *Call = dyn_cast<CallExpr>(&E);
  if (!Call)
    return nullptr;
  const FunctionDecl *Callee = Call->getDirectCallee();
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (!Method || !Method->isVirtual())
    return Callee;
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens());
        ME && ME->hasQualifier())
      return Method;
    Object = Member->getImplicitObjectArgument();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
    Object = Op->getArg(0);
  }
  return Object ? Method->getDevirtualizedMethod(Object, /*IsAppleKext=*/false) : nullptr;
}

/// Whether a macro's name says it logs: one of its words, between
/// underscores, is LOG with a short prefix or suffix (LOG_INFO, ELOGV,
/// SPDLOG_WARN, DLOG, LOGF, CINATRA_LOG_DEBUG).
bool namesLogMacro(StringRef Macro) {
  llvm::SmallVector<StringRef, 4> Words;
  Macro.split(Words, '_', -1, /*KeepEmpty=*/false);
  return llvm::any_of(Words, [](StringRef Word) {
    size_t At = Word.find("LOG");
    // find() gives npos, past 3, when there is no LOG.
    return At <= 3 && Word.size() - At - 3 <= 4 &&
           llvm::all_of(Word, [](char C) { return llvm::isUpper(C) || llvm::isDigit(C); });
  });
}

bool isLambdaCallOperator(const FunctionDecl &F) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&F);
  return Method && Method->getParent()->isLambda();
}

} // namespace

BlockingHelpers::BlockingHelpers(const Catalog &Cat, const BlockingApiIndex &Index,
                                 ExecutionOrders &Orders, llvm::StringRef NonBlockingFunctions,
                                 llvm::StringRef LogMacroNames, bool Audit)
    : Cat(Cat), Index(Index), Orders(Orders), Audit(Audit) {
  insertNames(LogMacros, LogMacroNames);
  insertNames(NonBlocking, NonBlockingFunctions);
  for (const std::string &Name : Cat.nonBlockingFunctions())
    insertNames(NonBlocking, Name);
}

bool BlockingHelpers::isInLogMacro(const Expr &E, ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  for (SourceLocation Loc = E.getBeginLoc(); Loc.isMacroID();
       Loc = SM.getImmediateMacroCallerLoc(Loc)) {
    // What a macro's argument holds is the caller's own code.
    if (SM.isMacroArgExpansion(Loc))
      return false;
    StringRef Macro = Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
    if (LogMacros.contains(Macro) || namesLogMacro(Macro))
      return true;
  }
  return false;
}

bool BlockingHelpers::isLibraryCode(const FunctionDecl &F, ASTContext &Ctx) const {
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.isInSystemHeader(SM.getExpansionLoc(F.getLocation())))
    return true;
  // A lambda belongs to the function that wrote it.
  const Decl *Named = &F;
  while (const auto *Method = dyn_cast<CXXMethodDecl>(Named)) {
    if (!Method->getParent()->isLambda())
      break;
    const auto *Outer = dyn_cast_or_null<Decl>(Method->getParent()->getDeclContext());
    if (!Outer || !isa<FunctionDecl>(Outer))
      break;
    Named = Outer;
  }
  return Cat.frameworkOfName(qualifiedName(*cast<NamedDecl>(Named))) != nullptr;
}

bool BlockingHelpers::isFollowable(const FunctionDecl &F, ASTContext &Ctx) const {
  // Asked for every call of every body walked: the names are built once.
  auto [It, Inserted] = Followable.try_emplace(&F, false);
  if (!Inserted)
    return It->second;
  if (F.isImplicit() || F.isDefaulted() || F.isDeleted() || F.isDependentContext() ||
      isLibraryCode(F, Ctx))
    return false;
  std::string Name = qualifiedName(F);
  bool Result = !Cat.isLogging(Name) && (isLambdaCallOperator(F) || !NonBlocking.contains(Name));
  Followable[&F] = Result;
  return Result;
}

const FunctionDecl *BlockingHelpers::followedCallee(const Expr &E, ASTContext &Ctx) const {
  const FunctionDecl *Callee = calledFunction(E);
  const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
  if (!Definition || !Definition->getBody() || isCoroutine(*Definition) || isInLogMacro(E, Ctx))
    return nullptr;
  return isFollowable(*Definition, Ctx) ? Definition : nullptr;
}

const FunctionDecl *BlockingHelpers::externalCallee(const Expr &E, ASTContext &Ctx) const {
  const FunctionDecl *Callee = calledFunction(E);
  // A definition whose body the parser skipped (clangd's preamble) is
  // known from the facts as well.
  const FunctionDecl *Definition = Callee ? Callee->getDefinition() : nullptr;
  if (!Callee || (Definition && Definition->getBody()) || Callee->getBuiltinID() ||
      isAwaitableType(Callee->getReturnType()) || !isFollowable(*Callee, Ctx) ||
      isInLogMacro(E, Ctx))
    return nullptr;
  return Callee->getCanonicalDecl();
}

bool BlockingHelpers::runsOnEveryWay(const FunctionDecl &F, llvm::ArrayRef<const Stmt *> Sites) {
  const ExecutionOrder *Order = Orders.of(F);
  if (!Order)
    return false;
  auto [It, Inserted] = GuardExits.try_emplace(&F);
  if (Inserted)
    It->second = onceGuardExits(F);
  return Order->runsOnEveryPath(Sites, It->second);
}

std::string BlockingHelpers::usrOf(const FunctionDecl &F) {
  const Decl *Key = F.getCanonicalDecl();
  auto [It, Inserted] = Usrs.try_emplace(Key);
  if (Inserted) {
    llvm::SmallString<128> Buffer;
    if (!index::generateUSRForDecl(Key, Buffer))
      It->second = std::string(Buffer);
  }
  return It->second;
}

const BlockingApi *BlockingHelpers::blockingApiAt(const Expr &E, const FunctionDecl &Function,
                                                  ASTContext &Ctx) {
  const BlockingApi *Api = Index.lookup(E, Ctx);
  // Some APIs matter only in a coroutine (detaching a thread from one).
  if (!Api || Api->InCoroutine || isInLogMacro(E, Ctx))
    return nullptr;
  if (Api->WhenDiscarded && !isResultDiscarded(E, Ctx))
    return nullptr;
  if (isWakeUpWrite(E, Ctx))
    return nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(&E);
      Call && Api->Descriptor &&
      usesNonBlockingDescriptor(*Call, Function, Orders.of(Function), Cat, Ctx))
    return nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&E))
    if (const ExecutionOrder *Order = Orders.of(Function);
        Order && isReadyBefore(*Member, *Function.getBody(), *Order, Ctx))
      return nullptr;
  return Api;
}

const BlockingHelpers::Summary &BlockingHelpers::summarize(const FunctionDecl &F, ASTContext &Ctx,
                                                           unsigned Depth) {
  if (auto It = Summaries.find(&F); It != Summaries.end())
    return It->second;
  // Under way higher up the stack, or found not to block in this walk:
  // taken as not blocking, which the outermost summary settles.
  if (auto It = Tentative.find(&F); It != Tentative.end())
    return It->second;
  Tentative[&F] = Summary();
  // Every place where the body reaches blocking, in source order.
  std::vector<Summary> Sites;
  if (Depth < MaxDepth)
    walkOwnBody(*F.getBody(), [&](const Stmt &S) {
      const auto *E = dyn_cast<Expr>(&S);
      if (!E || !isa<CallExpr, CXXConstructExpr>(E))
        return Walk::Into;
      if (const BlockingApi *Api = blockingApiAt(*E, F, Ctx)) {
        Sites.push_back({E, Api, nullptr, nullptr, nullptr});
        return Walk::Into;
      }
      const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      if (Op && lambdaCalledOnTheSpot(*Op))
        return Walk::Into; // its body is part of this walk
      if (const FunctionDecl *Callee = followedCallee(*E, Ctx)) {
        if (summarize(*Callee, Ctx, Depth + 1).blocks())
          Sites.push_back({E, nullptr, Callee, nullptr, nullptr});
        return Walk::Into;
      }
      if (const FunctionDecl *External = Project ? externalCallee(*E, Ctx) : nullptr)
        if (const BlockingSummary *Remote = Project->lookup(usrOf(*External));
            Remote && (Remote->Certain || Audit))
          Sites.push_back({E, nullptr, nullptr, External, Remote});
      return Walk::Into;
    });
  Summary Found = chooseSite(F, Sites);
  if (Found.blocks()) {
    Tentative.erase(&F);
    Summaries[&F] = Found;
  } else {
    Tentative[&F] = Found;
  }
  if (Depth == 0) {
    // Everything left tentative was settled against this summary: if it
    // does not block, none of them does; if it does, they are asked again.
    if (!Found.blocks())
      for (auto &[Function, Clean] : Tentative)
        Summaries.try_emplace(Function, Clean);
    Tentative.clear();
  }
  return Summaries.find(&F) != Summaries.end() ? Summaries[&F] : Tentative[&F];
}

BlockingHelpers::Summary BlockingHelpers::chooseSite(const FunctionDecl &F,
                                                     llvm::ArrayRef<Summary> Sites) {
  if (Sites.empty())
    return {};
  // The audit mode takes any place that may block.
  if (Audit)
    return Sites.front();
  // A helper blocks for certain when every way through it reaches one of
  // them: a call on one branch only, or in a loop that may not run, is
  // not enough.
  std::vector<const Stmt *> Calls;
  for (const Summary &Site : Sites)
    Calls.push_back(Site.Call);
  if (!runsOnEveryWay(F, Calls))
    return {};
  // The chain shows one of them, preferably one that every way reaches.
  for (const Summary &Site : Sites)
    if (runsOnEveryWay(F, Site.Call))
      return Site;
  return Sites.front();
}

BlockingChain BlockingHelpers::chainOf(const FunctionDecl &Helper, ASTContext &Ctx) {
  BlockingChain Chain;
  const FunctionDecl *F = &Helper;
  // Each summary that blocks names a callee whose summary blocks and was
  // settled first, so the walk ends; the bound is only a guard.
  for (unsigned Step = 0; F && Step <= MaxDepth; ++Step) {
    Summary S = summarize(*F, Ctx, 0);
    if (!S.blocks())
      return {};
    Chain.Steps.push_back({F, S.Call, S.Callee});
    if (S.Api || S.Remote) {
      Chain.Api = S.Api;
      Chain.External = S.External;
      Chain.Remote = S.Remote;
      return Chain;
    }
    F = S.Callee;
  }
  return {};
}

BlockingChain BlockingHelpers::chainOfCall(const Expr &E, ASTContext &Ctx,
                                           const FunctionDecl *&Called) {
  Called = followedCallee(E, Ctx);
  if (Called)
    return chainOf(*Called, Ctx);
  Called = Project ? externalCallee(E, Ctx) : nullptr;
  if (!Called)
    return {};
  BlockingChain Chain;
  Chain.External = Called;
  Chain.Remote = Project->lookup(usrOf(*Called));
  if (Chain.Remote && !Chain.Remote->Certain && !Audit)
    Chain.Remote = nullptr;
  return Chain;
}

std::string BlockingHelpers::apiName(const BlockingApi &Api, const Expr &E, ASTContext &Ctx) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  auto TypeName = [&](QualType T) {
    return T.getNonReferenceType().getUnqualifiedType().getAsString(Policy);
  };
  if (Api.Kind == ApiKind::Constructor) {
    std::string Type = TypeName(E.getType());
    StringRef Last = StringRef(Type).rsplit("::").second;
    if (Last.empty())
      Last = Type;
    return Type + "::" + Last.split('<').first.str();
  }
  // A signature stands for many functions: name the one called.
  if (const auto *Call = dyn_cast<CallExpr>(&E); Call && Api.Kind == ApiKind::Signature)
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return qualifiedName(*Callee);
  if (Api.Kind == ApiKind::Operator && Api.Object.empty())
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&E))
      return TypeName(Op->getArg(0)->IgnoreParenImpCasts()->getType()) + "::operator" + Api.Member;
  return Api.displayName();
}

SourceLocation BlockingHelpers::callLocation(const Expr &E) {
  SourceLocation Loc = E.getExprLoc();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&E))
    if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()))
      Loc = ME->getMemberLoc();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&E); Op && Op->getOperator() == OO_Call)
    Loc = Op->getBeginLoc();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&E))
    Loc = Construct->getBeginLoc();
  return Loc;
}

SourceLocation BlockingHelpers::locationOf(const SourcePlace &Place, SourceManager &SM) {
  llvm::Expected<FileEntryRef> File = SM.getFileManager().getFileRef(Place.File);
  if (!File) {
    llvm::consumeError(File.takeError());
    return {};
  }
  FileID Id = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return Id.isValid() ? SM.translateLineCol(Id, Place.Line, Place.Column) : SourceLocation();
}

std::string BlockingHelpers::describeCallee(const Expr &Call, const FunctionDecl &Callee) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call); Op && Op->getNumArgs() > 0)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts());
        Ref && cast<CXXMethodDecl>(Callee).getParent()->isLambda())
      return "lambda '" + Ref->getDecl()->getNameAsString() + "'";
  std::string Name = displayName(Callee);
  return Name == "lambda" ? Name : "'" + Name + "'";
}

std::string BlockingHelpers::displayName(const FunctionDecl &F) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&F);
  if (!Method)
    return F.getNameAsString();
  const CXXRecordDecl *Record = Method->getParent();
  if (Record->isLambda())
    return "lambda";
  return Record->getNameAsString() + "::" + F.getNameAsString();
}

} // namespace asynclint
