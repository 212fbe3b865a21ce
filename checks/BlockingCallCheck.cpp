#include "BlockingCallCheck.h"
#include "utils/ApiConditions.h"
#include "utils/Names.h"
#include "utils/NonBlocking.h"
#include "utils/OptionLists.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {
namespace {

constexpr llvm::StringLiteral DefaultUserCategory = "wait";
constexpr llvm::StringLiteral UserFramework = "user";
constexpr llvm::StringLiteral SyncWaitCategory = "sync-wait";

/// The API as the code names it: 'std::ifstream::ifstream' rather than the
/// catalogue's 'std::basic_ifstream'.
std::string nameAsWritten(const BlockingApi &Api, const Expr &E, ASTContext &Ctx) {
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
  if (Api.Kind == ApiKind::Operator && Api.Object.empty())
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&E))
      return TypeName(Op->getArg(0)->IgnoreParenImpCasts()->getType()) + "::operator" + Api.Member;
  return Api.displayName();
}

/// The variable a member call is made on: `res` in `res.get()`.
const ValueDecl *receiverVariable(const CXXMemberCallExpr &Call) {
  const Expr *Receiver = Call.getImplicitObjectArgument();
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(Receiver ? Receiver->IgnoreParenImpCasts() : nullptr);
  return Ref ? Ref->getDecl() : nullptr;
}

/// `while (f.wait_for(0s) != ready) co_await yield(); f.get();`: once the
/// coroutine has polled the same future with a zero timeout, get() is a
/// read of a ready result, not a wait.
bool isPolledBefore(const Expr &E, const FunctionDecl &Coroutine, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(&E);
  const ValueDecl *Var = Call ? receiverVariable(*Call) : nullptr;
  if (!Var)
    return false;
  auto SameObject = on(declRefExpr(to(equalsNode(Var))));
  auto Poll =
      cxxMemberCallExpr(SameObject, callee(cxxMethodDecl(hasName("wait_for"))), argumentCountIs(1))
          .bind("poll");
  const SourceManager &SM = Ctx.getSourceManager();
  for (const BoundNodes &Match : match(findAll(Poll), *Coroutine.getBody(), Ctx)) {
    const auto *Found = Match.getNodeAs<CXXMemberCallExpr>("poll");
    if (Found != Call && isZeroDuration(Found->getArg(0), Ctx) &&
        SM.isBeforeInTranslationUnit(Found->getBeginLoc(), Call->getBeginLoc()))
      return true;
  }
  return false;
}

/// Whether \p S calls \p Method (one of \p Names) on \p Var.
bool callsOn(const Stmt *S, const ValueDecl &Var, llvm::ArrayRef<StringRef> Names,
             ASTContext &Ctx) {
  if (!S)
    return false;
  auto Call = cxxMemberCallExpr(on(declRefExpr(to(equalsNode(&Var)))),
                                callee(cxxMethodDecl(hasAnyName(Names))));
  return !match(findAll(Call.bind("c")), *S, Ctx).empty();
}

/// `res.wait(); return res.get();` or `while (res.wait_for(5ms) == idle) {}
/// res.get();`: a statement that runs before the call on every path has
/// waited for the same object, so get() reads a ready result.
bool isWaitedBefore(const Expr &E, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(&E);
  const ValueDecl *Var = Call ? receiverVariable(*Call) : nullptr;
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Var || !Method || !Method->getIdentifier() || Method->getName() != "get")
    return false;
  DynTypedNode Node = DynTypedNode::create(E);
  for (int Depth = 0; Depth < 64; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty() || Parents[0].get<Decl>())
      return false;
    if (const auto *Block = Parents[0].get<CompoundStmt>()) {
      for (const Stmt *Earlier : Block->body()) {
        if (Earlier == Node.get<Stmt>())
          break;
        const Stmt *Condition = nullptr;
        if (const auto *While = dyn_cast<WhileStmt>(Earlier))
          Condition = While->getCond();
        else if (const auto *Do = dyn_cast<DoStmt>(Earlier))
          Condition = Do->getCond();
        else if (const auto *For = dyn_cast<ForStmt>(Earlier))
          Condition = For->getCond();
        if (Condition
                ? callsOn(Condition, *Var, {"wait_for", "wait_until", "is_ready", "ready"}, Ctx)
                : isa<Expr>(Earlier) && callsOn(Earlier, *Var, {"wait"}, Ctx))
          return true;
      }
    }
    Node = Parents[0];
  }
  return false;
}

/// `write(wake_fd, &one, sizeof one)`: a write of at most eight bytes wakes a
/// poller through a pipe or an eventfd; it does not wait for a disk or a peer.
bool isWakeUpWrite(const Expr &E, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CallExpr>(&E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier() || Callee->getName() != "write" ||
      Call->getNumArgs() != 3 || !Callee->isExternC())
    return false;
  Expr::EvalResult Size;
  return Call->getArg(2)->EvaluateAsInt(Size, Ctx) && Size.Val.getInt().isNonNegative() &&
         Size.Val.getInt().getZExtValue() <= 8;
}

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), BlockingFunctions(Options.get("BlockingFunctions", "")),
      IgnoredFunctions(Options.get("IgnoredFunctions", "")),
      IgnoredCategories(Options.get("IgnoredCategories", "")),
      NonBlockingTypes(Options.get("NonBlockingTypes", "")),
      CatalogFile(Options.getLocalOrGlobal("CatalogFile", "")),
      SharedCatalog(Catalog::shared(CatalogFile,
                                    [this](const std::string &Problem) {
                                      configurationDiag("%0", DiagnosticIDs::Error) << Problem;
                                    })),
      Cat(*SharedCatalog), Classifier(Cat), SyncStarted(Cat),
      Tests(Options, Context, [this](const std::string &Problem) {
        configurationDiag("%0", DiagnosticIDs::Error) << Problem;
      }) {
  applyOptions();
  buildIndex();
}

void BlockingCallCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "IgnoredFunctions", IgnoredFunctions);
  Options.store(Opts, "IgnoredCategories", IgnoredCategories);
  Options.store(Opts, "NonBlockingTypes", NonBlockingTypes);
  Options.store(Opts, "CatalogFile", CatalogFile);
  Tests.storeOptions(Options, Opts);
}

void BlockingCallCheck::applyOptions() {
  llvm::StringSet<> IgnoredCats;
  for (const std::string &Id : parseList(IgnoredCategories)) {
    if (!Cat.category(Id))
      configurationDiag("invalid value '%0' in option '%1': unknown category", DiagnosticIDs::Error)
          << Id << getID().str() + ".IgnoredCategories";
    IgnoredCats.insert(Id);
  }
  llvm::StringSet<> IgnoredNames;
  insertNames(IgnoredNames, IgnoredFunctions);

  for (const BlockingApi &Api : Cat.blockingApis()) {
    if (IgnoredCats.contains(Api.Category))
      continue;
    if (IgnoredNames.contains(Api.displayName()) ||
        IgnoredNames.contains(Api.Kind == ApiKind::Method ? Api.Name + "::" + Api.Member
                                                          : Api.Name))
      continue;
    Apis.push_back(Api);
  }

  for (const std::string &Item : parseList(BlockingFunctions)) {
    auto [Qualified, Category] = llvm::StringRef(Item).split('=');
    Qualified = Qualified.trim().ltrim(':');
    Category = Category.trim();
    if (Category.empty())
      Category = DefaultUserCategory;
    if (!Cat.category(Category)) {
      configurationDiag("invalid value '%0' in option '%1': unknown category "
                        "'%2'",
                        DiagnosticIDs::Error)
          << Item << getID().str() + ".BlockingFunctions" << Category;
      continue;
    }
    if (IgnoredCats.contains(Category))
      continue;
    BlockingApi Api;
    Api.Framework = UserFramework.str();
    Api.Category = Category.str();
    Api.Kind = ApiKind::Function;
    Api.Name = Qualified.str();
    Apis.push_back(Api);
    // "ns::Class::method" may name a member function just as well.
    auto [Owner, Member] = Qualified.rsplit("::");
    if (!Member.empty() && !Owner.empty()) {
      Api.Kind = ApiKind::Method;
      Api.Name = Owner.str();
      Api.Member = Member.str();
      Apis.push_back(Api);
    }
  }

  insertNames(NonBlocking, NonBlockingTypes);
}

void BlockingCallCheck::buildIndex() {
  // Entries with conditions are more specific: consult them first.
  std::vector<const BlockingApi *> Ordered;
  for (bool Conditional : {true, false})
    for (const BlockingApi &Api : Apis)
      if (Api.Argument.has_value() == Conditional)
        Ordered.push_back(&Api);
  for (const BlockingApi *Entry : Ordered) {
    const BlockingApi &Api = *Entry;
    switch (Api.Kind) {
    case ApiKind::Function:
      Functions[Api.Name].push_back(&Api);
      break;
    case ApiKind::Method:
      Methods[Api.Name][Api.Member].push_back(&Api);
      break;
    case ApiKind::Constructor:
      Constructors[Api.Name].push_back(&Api);
      break;
    case ApiKind::Operator:
      Operators[Api.Member].push_back(&Api);
      break;
    }
  }
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  // Cheap preselection by unqualified name; check() resolves the entry.
  llvm::StringSet<> FunctionNames, MethodNames, ClassNames;
  for (const auto &Entry : Functions)
    FunctionNames.insert(unqualifiedName(Entry.getKey()));
  for (const auto &Class : Methods)
    for (const auto &Member : Class.getValue())
      MethodNames.insert(Member.getKey());
  for (const auto &Entry : Constructors)
    ClassNames.insert(unqualifiedName(Entry.getKey()));
  auto Keys = [](const llvm::StringSet<> &Set) {
    std::vector<StringRef> Out(Set.keys().begin(), Set.keys().end());
    return Out;
  };

  if (!FunctionNames.empty()) {
    auto CatalogFunction = functionDecl(hasAnyName(Keys(FunctionNames)));
    Finder->addMatcher(callExpr(callee(CatalogFunction), unless(cxxMemberCallExpr()),
                                unless(cxxOperatorCallExpr()))
                           .bind("call"),
                       this);
  }
  if (!MethodNames.empty()) {
    auto CatalogMethod = cxxMethodDecl(hasAnyName(Keys(MethodNames)));
    Finder->addMatcher(cxxMemberCallExpr(callee(CatalogMethod)).bind("call"), this);
  }
  if (!ClassNames.empty()) {
    auto CatalogClass = cxxRecordDecl(hasAnyName(Keys(ClassNames)));
    Finder->addMatcher(
        cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(CatalogClass)))).bind("call"),
        this);
  }
  if (!Operators.empty()) {
    std::vector<StringRef> Spellings;
    for (const auto &Entry : Operators)
      Spellings.push_back(Entry.getKey());
    Finder->addMatcher(cxxOperatorCallExpr(hasAnyOverloadedOperatorName(Spellings)).bind("call"),
                       this);
  }
}

bool BlockingCallCheck::isNonBlockingType(const CXXRecordDecl *Record) const {
  return isOrDerivesFromAny(Record, NonBlocking);
}

const BlockingApi *BlockingCallCheck::lookupFunction(const CallExpr &Call, ASTContext &Ctx) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return nullptr;
  auto It = Functions.find(qualifiedName(*Callee));
  if (It == Functions.end())
    return nullptr;
  // A project's own global `read` or `send` is not the C library's: the
  // catalogued C APIs are declared extern "C" or in system headers.
  bool IsCLibraryDecl =
      Callee->isExternC() || Ctx.getSourceManager().isInSystemHeader(Callee->getLocation());
  for (const Expr *Arg : Call.arguments())
    if (isNonBlockingType(recordOf(Arg->IgnoreParenImpCasts()->getType(), true)))
      return nullptr;
  for (const BlockingApi *Api : It->second) {
    bool GlobalBuiltin =
        Api->Framework != UserFramework && !llvm::StringRef(Api->Name).contains("::");
    if (GlobalBuiltin && !IsCLibraryDecl)
      continue;
    if (argumentsMatch(*Api, Callee, Call.getArgs(), Call.getNumArgs(), Ctx))
      return Api;
  }
  return nullptr;
}

const BlockingApi *BlockingCallCheck::lookupMethod(const CXXMemberCallExpr &Call,
                                                   ASTContext &Ctx) const {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const Expr *Receiver = Call.getImplicitObjectArgument();
  if (!Method || !Receiver || !Method->getDeclName().isIdentifier())
    return nullptr;
  // Through derived-to-base casts: the object's own type decides.
  const CXXRecordDecl *Record = recordOf(Receiver->IgnoreParenImpCasts()->getType(), true);
  if (!Record || isNonBlockingType(Record))
    return nullptr;
  std::string ReceiverVar = referencedVariable(Receiver);
  for (const std::string &ClassName : recordAndBaseNames(*Record)) {
    auto Class = Methods.find(ClassName);
    if (Class == Methods.end())
      continue;
    auto Member = Class->second.find(Method->getName());
    if (Member == Class->second.end())
      continue;
    for (const BlockingApi *Api : Member->second) {
      if (!Api->Object.empty() && Api->Object != ReceiverVar)
        continue;
      if (argumentsMatch(*Api, Method, Call.getArgs(), Call.getNumArgs(), Ctx))
        return Api;
    }
  }
  return nullptr;
}

const BlockingApi *BlockingCallCheck::lookupOperator(const CXXOperatorCallExpr &Call,
                                                     ASTContext &Ctx) const {
  auto It = Operators.find(getOperatorSpelling(Call.getOperator()));
  if (It == Operators.end() || Call.getNumArgs() == 0)
    return nullptr;
  const Expr *First = Call.getArg(0);
  const CXXRecordDecl *Record = recordOf(First->IgnoreParenImpCasts()->getType(), true);
  if (isNonBlockingType(Record))
    return nullptr;
  std::string FirstVar = referencedVariable(First);
  llvm::SmallVector<std::string, 4> Names;
  if (Record)
    Names = recordAndBaseNames(*Record);
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
  for (const BlockingApi *Api : It->second) {
    bool Matches =
        Api->Object.empty() ? llvm::is_contained(Names, Api->Name) : Api->Object == FirstVar;
    if (Matches && argumentsMatch(*Api, Callee, Call.getArgs(), Call.getNumArgs(), Ctx))
      return Api;
  }
  return nullptr;
}

const BlockingApi *BlockingCallCheck::lookupConstructor(const CXXConstructExpr &Construct,
                                                        ASTContext &Ctx) const {
  const CXXConstructorDecl *Ctor = Construct.getConstructor();
  if (!Ctor || Ctor->isCopyOrMoveConstructor())
    return nullptr;
  const CXXRecordDecl *Record = Ctor->getParent();
  if (isNonBlockingType(Record))
    return nullptr;
  auto It = Constructors.find(qualifiedName(*Record));
  if (It == Constructors.end())
    return nullptr;
  for (const BlockingApi *Api : It->second)
    if (argumentsMatch(*Api, Ctor, Construct.getArgs(), Construct.getNumArgs(), Ctx))
      return Api;
  return nullptr;
}

const BlockingApi *BlockingCallCheck::lookup(const Expr &E, ASTContext &Ctx) const {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&E))
    return lookupMethod(*Member, Ctx);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&E))
    return lookupOperator(*Op, Ctx);
  if (const auto *Call = dyn_cast<CallExpr>(&E))
    return lookupFunction(*Call, Ctx);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&E))
    return lookupConstructor(*Construct, Ctx);
  return nullptr;
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<Expr>("call");
  ASTContext &Ctx = *Result.Context;
  if (!E)
    return;
  const BlockingApi *Api = lookup(*E, Ctx);
  if (!Api)
    return;
  const FunctionDecl *Coroutine = enclosingCoroutine(*E, Ctx);
  if (!Coroutine)
    return;
  const CoroutineFacts &Facts = Classifier.facts(*Coroutine);
  if (!Facts.Asynchronous || isAwaitedDirectly(*E, Ctx))
    return;
  if (Api->WhenDiscarded && !isResultDiscarded(*E, Ctx))
    return;
  if (isPolledBefore(*E, *Coroutine, Ctx) || isWaitedBefore(*E, Ctx) || isWakeUpWrite(*E, Ctx))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Api->Descriptor && usesNonBlockingDescriptor(*Call, *Coroutine, Cat, Ctx))
    return;
  // After moving onto a pool meant for blocking work, blocking is what the
  // pool is for; waiting synchronously on other coroutines still deadlocks.
  // A coroutine given a thread of its own (concurrencpp's executor_tag on a
  // thread_executor) blocks only itself.
  const SourceManager &SM = Ctx.getSourceManager();
  if (Api->Category != SyncWaitCategory &&
      (Facts.OnDedicatedThread || llvm::any_of(Facts.Offloads, [&](SourceLocation Offload) {
         return SM.isBeforeInTranslationUnit(Offload, E->getBeginLoc());
       })))
    return;
  // Until it first suspends, a coroutine that only a plain function's
  // synchronous wait starts runs on that caller's thread, which waits anyway.
  if (SyncStarted.runsOnWaitingCaller(*E, *Coroutine, Ctx))
    return;

  SourceLocation Loc = E->getExprLoc();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    if (const auto *ME = dyn_cast<MemberExpr>(Member->getCallee()))
      Loc = ME->getMemberLoc();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E); Op && Op->getOperator() == OO_Call)
    Loc = Op->getBeginLoc();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    Loc = Construct->getBeginLoc();

  TestVerdict Verdict = Tests.verdictFor(DynTypedNode::create(*E), Loc, Ctx);
  if (Verdict == TestVerdict::Hide)
    return;

  // The API's own library knows its asynchronous form best (Beast's
  // async_read); otherwise the coroutine's framework says how to wait.
  const Framework *ApiFramework = Cat.framework(Api->Framework);
  std::string Advice = !Api->Advice.empty() ? Api->Advice
                       : ApiFramework && ApiFramework->Advice.count(Api->Category)
                           ? ApiFramework->Advice.at(Api->Category)
                           : Cat.advice(Api->Category, Facts.Fw);
  diag(Loc, "blocking call to '%0' (%1) in %2; %3")
      << nameAsWritten(*Api, *E, Ctx) << Api->Category << describeCoroutine(*Coroutine) << Advice
      << E->getSourceRange();
  if (Verdict == TestVerdict::ReportMarked)
    diag(Loc, TestCodeFilter::HiddenNote, DiagnosticIDs::Note);
}

std::optional<StringRef> BlockingCallCheck::categoryOfMessage(StringRef Message) {
  if (!Message.consume_front("blocking call to '"))
    return std::nullopt;
  size_t Open = Message.find("' (");
  if (Open == StringRef::npos)
    return std::nullopt;
  StringRef Rest = Message.drop_front(Open + 3);
  size_t Close = Rest.find(')');
  if (Close == StringRef::npos)
    return std::nullopt;
  return Rest.take_front(Close);
}

} // namespace asynclint
