#include "SequentialAwaitCheck.h"
#include "utils/ApiConditions.h"
#include "utils/AwaitLoops.h"
#include "utils/Effects.h"
#include "utils/Names.h"
#include "utils/OptionLists.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

#include <tuple>

using namespace clang;
using namespace clang::ast_matchers;

namespace asynclint {

/// One statement that awaits an operation and keeps its value:
/// `auto x = co_await f(a);` or `x = co_await f(a);`.
struct AwaitStep {
  const Stmt *S = nullptr;
  const CoawaitExpr *Await = nullptr;
  const CallExpr *Call = nullptr;
  const VarDecl *Declared = nullptr; ///< set for `auto x = co_await ...`
  const VarDecl *Target = nullptr;   ///< the variable that keeps the value
  std::string Name;                  ///< what the message calls the operation
  Effects Fx;
};

namespace {

/// Whether \p D (a variable, or the bindings of a structured binding) is
/// read after it is initialised. A kept value that is never read is a guard
/// kept for its lifetime (a lock, a permit), which orders what follows.
bool isRead(const VarDecl &D) {
  if (const auto *Decomposition = dyn_cast<DecompositionDecl>(&D))
    return llvm::any_of(Decomposition->bindings(),
                        [](const BindingDecl *B) { return B->isReferenced(); });
  return D.isReferenced();
}

const VarDecl *assignedLocal(const Expr *LHS) {
  const auto *Ref = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasLocalStorage() ? Var : nullptr;
}

bool sameCall(const CallExpr &A, const CallExpr &B, const ASTContext &Ctx) {
  llvm::FoldingSetNodeID IdA, IdB;
  A.Profile(IdA, Ctx, /*Canonical=*/true);
  B.Profile(IdB, Ctx, /*Canonical=*/true);
  return IdA == IdB;
}

/// Whether the two awaits could be reordered or overlapped without either
/// seeing a difference.
bool independent(const AwaitStep &Earlier, const AwaitStep &Later, const ASTContext &Ctx) {
  // Awaiting the same call twice samples something twice (a sensor, a
  // queue, a clock): the order is the point.
  if (sameCall(*Earlier.Call, *Later.Call, Ctx))
    return false;
  return !interfere(Earlier.Fx, Later.Fx);
}

/// Calls `F` on every statement of \p S that the coroutine itself runs.
template <typename F> void forEachOwnStatement(const Stmt *S, F &&Visit) {
  if (!S || isa<LambdaExpr>(S))
    return;
  Visit(*S);
  for (const Stmt *Child : S->children())
    forEachOwnStatement(Child, Visit);
}

bool returnsVariable(const Stmt *Body, const VarDecl &Var) {
  bool Found = false;
  forEachOwnStatement(Body, [&](const Stmt &S) {
    const Expr *Value = nullptr;
    if (const auto *Return = dyn_cast<ReturnStmt>(&S))
      Value = Return->getRetValue();
    else if (const auto *Return = dyn_cast<CoreturnStmt>(&S))
      Value = Return->getOperand();
    if (Value)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Value->IgnoreImplicit()))
        Found |= Ref->getDecl() == &Var;
  });
  return Found;
}

const NamespaceDecl *lookupNamespace(ASTContext &Ctx, llvm::StringRef Qualified) {
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  const NamespaceDecl *Found = nullptr;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Qualified.split(Parts, "::");
  for (llvm::StringRef Part : Parts) {
    Found = nullptr;
    for (const NamedDecl *D : DC->lookup(&Ctx.Idents.get(Part))) {
      Found = dyn_cast<NamespaceDecl>(D);
      if (Found)
        break;
    }
    if (!Found)
      return nullptr;
    DC = Found;
  }
  return Found;
}

/// The record behind an awaited type, and its template arguments.
const ClassTemplateSpecializationDecl *specialisationOf(QualType T) {
  return dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T, false));
}

std::string textOf(SourceRange Range, const ASTContext &Ctx) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range), Ctx.getSourceManager(),
                              Ctx.getLangOpts())
      .str();
}

/// What a step touches besides the value it produces: a statement after it
/// may read that value without ordering anything.
Effects withoutResult(const AwaitStep &Step) {
  Effects Fx = Step.Fx;
  auto Forget = [&](const Decl *D) {
    Fx.Reads.erase(D);
    Fx.Writes.erase(D);
  };
  Forget(Step.Target);
  if (const auto *Decomposition = dyn_cast<DecompositionDecl>(Step.Target))
    for (const BindingDecl *Binding : Decomposition->bindings())
      Forget(Binding);
  return Fx;
}

/// Whether \p S leaves the straight line: a return, break, continue, goto,
/// throw or a call that does not return, anywhere in its own statements.
bool mayLeave(const Stmt &S) {
  bool Leaves = false;
  forEachOwnStatement(&S, [&](const Stmt &Node) {
    if (isa<ReturnStmt, CoreturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr, CoawaitExpr,
            CoyieldExpr>(Node))
      Leaves = true;
    else if (const auto *Call = dyn_cast<CallExpr>(&Node))
      if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->isNoReturn())
        Leaves = true;
  });
  return Leaves;
}

/// Whether a statement between two awaits changes only what the coroutine
/// owns, or writes to an output stream (a log line): a counter the caller
/// passed by reference, a member or a global may be what the next operation
/// relies on.
bool writesOnlyOwnState(const Effects &Fx) {
  if (Fx.ModifiesThis)
    return false;
  return llvm::all_of(Fx.Writes, [](const Decl *D) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      return false;
    if (Var->hasLocalStorage() && !Var->getType()->isReferenceType())
      return true;
    const CXXRecordDecl *Stream = recordOf(Var->getType(), true);
    return Stream && llvm::is_contained(recordAndBaseNames(*Stream), "std::basic_ostream");
  });
}

/// Verbs that name a question rather than an action: a function called
/// without arguments whose name starts with one reads state, it does not
/// change it (`co_await load_settings()`).
bool readsLikeQuery(const FunctionDecl &F) {
  if (!F.getIdentifier())
    return false;
  // The words of `load_settings` or `loadSettings`.
  llvm::SmallVector<std::string, 4> Words(1);
  llvm::StringRef Name = F.getName();
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Upper = llvm::isUpper(C);
    if (C == '_' || (Upper && I > 0 && llvm::isLower(Name[I - 1]))) {
      if (!Words.back().empty())
        Words.emplace_back();
      if (C == '_')
        continue;
    }
    Words.back() += llvm::toLower(C);
  }
  static constexpr llvm::StringLiteral Queries[] = {"get",  "load", "fetch", "count",
                                                    "find", "list", "read",  "query"};
  static constexpr llvm::StringLiteral Actions[] = {
      "connect", "login",  "open", "start", "init", "send",   "write",  "commit",
      "set",     "update", "save", "put",   "post", "delete", "remove", "create"};
  return llvm::is_contained(Queries, Words.front()) &&
         llvm::none_of(Words, [](const std::string &W) { return llvm::is_contained(Actions, W); });
}

} // namespace

SequentialAwaitCheck::SequentialAwaitCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CatalogFile(Options.getLocalOrGlobal("CatalogFile", "")),
      SharedCatalog(Catalog::shared(CatalogFile,
                                    [this](const std::string &Problem) {
                                      configurationDiag("%0", DiagnosticIDs::Error) << Problem;
                                    })),
      Cat(*SharedCatalog), IgnoredFunctions(Options.get("IgnoredFunctions", "")),
      MinimumRun(Options.get("MinimumRun", 2U)), CheckLoops(Options.get("CheckLoops", true)),
      Classifier(Cat), Tests(Options, Context, [this](const std::string &Problem) {
        configurationDiag("%0", DiagnosticIDs::Error) << Problem;
      }) {
  insertNames(Ignored, IgnoredFunctions);
}

void SequentialAwaitCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CatalogFile", CatalogFile);
  Options.store(Opts, "IgnoredFunctions", IgnoredFunctions);
  Options.store(Opts, "MinimumRun", MinimumRun);
  Options.store(Opts, "CheckLoops", CheckLoops);
  Tests.storeOptions(Options, Opts);
}

void SequentialAwaitCheck::onEndOfTranslationUnit() {
  Classifier.clear();
  UsingDirectives.clear();
}

void SequentialAwaitCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(hasBody(coroutineBodyStmt().bind("body"))).bind("coroutine"),
                     this);
  Finder->addMatcher(usingDirectiveDecl().bind("using"), this);
}

/// Whether a name reads like a way of waiting for one's turn rather than for
/// a result: the frameworks the catalogue does not know have locks,
/// semaphores, queues and timers too.
static bool soundsLikeScheduling(llvm::StringRef Name) {
  std::string Lower = Name.lower();
  static constexpr llvm::StringLiteral Words[] = {
      "lock",  "acquire", "wait",    "sleep", "yield", "schedule", "delay",
      "guard", "permit",  "receive", "recv",  "pop",   "dequeue",  "units"};
  return llvm::any_of(Words, [&](llvm::StringRef W) { return llvm::StringRef(Lower).contains(W); });
}

bool SequentialAwaitCheck::isWork(const CallExpr &Call) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || Ignored.contains(qualifiedName(*Callee)))
    return false;
  if (Callee->getIdentifier() && soundsLikeScheduling(Callee->getName()))
    return false;
  // A coroutine that never suspends only computes: nothing to overlap.
  if (neverSuspends(*Callee))
    return false;
  // Scheduling points order the coroutine; combinators already overlap.
  for (const auto *List : {&Cat.schedulingApis(), &Cat.timerApis(), &Cat.offloadApis(),
                           &Cat.combinatorApis(), &Cat.raceApis()})
    for (const BlockingApi &Api : *List)
      if (callNamesApi(Call, Api))
        return false;
  QualType T = Call.getType();
  const CXXRecordDecl *Record = recordOf(T, false);
  if (!Record || !(isAwaitableType(T) || isListedType(*Record, Cat)))
    return false;
  // What the await hands back: a guard or a permit orders what follows.
  if (const auto *Task = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    for (const TemplateArgument &Arg : Task->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type)
        if (const CXXRecordDecl *Result = recordOf(Arg.getAsType(), true);
            Result && Result->getIdentifier() && soundsLikeScheduling(Result->getName()))
          return false;
  return true;
}

/// A lambda's variable name, or the called function's qualified name.
static std::string nameOf(const CallExpr &Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call))
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreImplicit()))
      return Ref->getDecl()->getName().str();
  return Call.getDirectCallee()->getQualifiedNameAsString();
}

/// An awaited call to a free function without arguments whose body is not in
/// view and whose name does not ask a question: it works on state nobody can
/// see.
static bool actsOnUnseenState(const CallExpr &Call) {
  if (isa<CXXMemberCallExpr, CXXOperatorCallExpr>(Call) || Call.getNumArgs() != 0)
    return false;
  const FunctionDecl *Callee = Call.getDirectCallee();
  return !Callee || Callee->hasBody() || !readsLikeQuery(*Callee);
}

Effects SequentialAwaitCheck::withoutSchedulers(Effects Fx) const {
  llvm::SmallVector<const Decl *, 4> Shared;
  for (const llvm::SmallPtrSet<const Decl *, 8> *Set : {&Fx.Reads, &Fx.Writes})
    for (const Decl *D : *Set)
      if (const auto *Value = dyn_cast<ValueDecl>(D);
          Value && isSchedulerType(Value->getType(), Cat))
        Shared.push_back(D);
  for (const Decl *D : Shared) {
    Fx.Reads.erase(D);
    Fx.Writes.erase(D);
  }
  return Fx;
}

std::optional<Effects> SequentialAwaitCheck::effectsOfAwaited(const CallExpr &Call) const {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call);
  if (!Op) {
    if (actsOnUnseenState(Call))
      return std::nullopt;
    return withoutSchedulers(effectsOf(Call));
  }
  // A lambda kept in a local variable and called by name: its body is in
  // view, and decides what it touches.
  const auto *Closure = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreImplicit());
  if (!Closure || !isa<VarDecl>(Closure->getDecl()) ||
      !cast<VarDecl>(Closure->getDecl())->hasLocalStorage() ||
      soundsLikeScheduling(Closure->getDecl()->getName()))
    return std::nullopt;
  std::optional<Effects> Fx = effectsOfLambdaCall(*Op);
  if (!Fx)
    return std::nullopt;
  bool Unseen = false;
  forEachOwnStatement(Op->getDirectCallee()->getBody(), [&](const Stmt &S) {
    if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
      if (const auto *Inner = dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit()))
        Unseen |= actsOnUnseenState(*Inner);
  });
  if (Unseen)
    return std::nullopt;
  return withoutSchedulers(std::move(*Fx));
}

std::optional<AwaitStep> SequentialAwaitCheck::stepOf(const Stmt &Statement) const {
  AwaitStep Step;
  Step.S = &Statement;
  const Stmt &S = *withoutCleanups(&Statement);
  const VarDecl *Target = nullptr;
  if (const auto *Decl = dyn_cast<DeclStmt>(&S)) {
    const auto *Var = Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage() || !Var->getInit() || !isRead(*Var))
      return std::nullopt;
    Step.Await = awaitIn(Var->getInit());
    Step.Declared = Target = Var;
  } else if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
             Assign && Assign->getOpcode() == BO_Assign) {
    Target = assignedLocal(Assign->getLHS());
    Step.Await = awaitIn(Assign->getRHS());
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
             Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
    Target = assignedLocal(Op->getArg(0));
    Step.Await = awaitIn(Op->getArg(1));
  }
  if (!Step.Await || !Target || Step.Await->getType()->isVoidType())
    return std::nullopt;
  Step.Call = dyn_cast<CallExpr>(Step.Await->getOperand()->IgnoreImplicit());
  if (!Step.Call || !isWork(*Step.Call))
    return std::nullopt;
  std::optional<Effects> Fx = effectsOfAwaited(*Step.Call);
  if (!Fx)
    return std::nullopt;
  Step.Name = nameOf(*Step.Call);
  Step.Target = Target;
  Step.Fx = std::move(*Fx);
  Step.Fx.Writes.insert(Target);
  Step.Fx.Reads.insert(Target);
  // `auto [a, b] = co_await f();`: later code names the bindings.
  if (const auto *Decomposition = dyn_cast<DecompositionDecl>(Target))
    for (const BindingDecl *Binding : Decomposition->bindings()) {
      Step.Fx.Writes.insert(Binding);
      Step.Fx.Reads.insert(Binding);
    }
  return Step;
}

void SequentialAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Using = Result.Nodes.getNodeAs<UsingDirectiveDecl>("using")) {
    UsingDirectives.push_back(Using);
    return;
  }
  const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const auto *Body = Result.Nodes.getNodeAs<CoroutineBodyStmt>("body");
  if (!Coroutine || !Body || Coroutine->isDependentContext() ||
      !Classifier.facts(*Coroutine).Asynchronous)
    return;
  forEachOwnStatement(Body->getBody(), [&](const Stmt &S) {
    if (const auto *Block = dyn_cast<CompoundStmt>(&S))
      checkRuns(*Block, *Result.Context);
    else if (CheckLoops && isa<CXXForRangeStmt, ForStmt>(S))
      checkLoop(S, *Result.Context);
  });
}

void SequentialAwaitCheck::checkRuns(const CompoundStmt &Block, ASTContext &Ctx) {
  std::vector<AwaitStep> Run;
  auto Flush = [&] {
    if (Run.size() >= std::max(MinimumRun, 2U))
      reportRun(Run, Ctx);
    Run.clear();
  };
  // Statements between the awaits that only look at results (a log line, a
  // check that does not leave) run as well after both awaits.
  std::vector<Effects> Between;
  for (const Stmt *S : Block.body()) {
    std::optional<AwaitStep> Step = stepOf(*S);
    if (!Step) {
      if (!Run.empty() && !mayLeave(*S)) {
        Effects Fx = effectsOfStatement(*S);
        if (writesOnlyOwnState(Fx) && llvm::none_of(Run, [&](const AwaitStep &Earlier) {
              return interfere(Fx, withoutResult(Earlier));
            })) {
          Between.push_back(std::move(Fx));
          continue;
        }
      }
      Flush();
      Between.clear();
      continue;
    }
    bool Fits =
        llvm::all_of(Run,
                     [&](const AwaitStep &Earlier) { return independent(Earlier, *Step, Ctx); }) &&
        llvm::none_of(Between, [&](const Effects &Fx) { return interfere(Fx, Step->Fx); });
    if (!Fits) {
      Flush();
      Between.clear();
    }
    Run.push_back(std::move(*Step));
  }
  Flush();
}

const BlockingApi *SequentialAwaitCheck::combinatorFor(llvm::ArrayRef<const Expr *> Operands,
                                                       bool Range) const {
  const Framework *Common = nullptr;
  for (const Expr *Operand : Operands) {
    const Framework *Fw = frameworkOfType(Operand->getType(), Cat);
    if (!Fw || (Common && Fw != Common))
      return nullptr;
    Common = Fw;
  }
  const BlockingApi *Chosen = nullptr;
  for (const BlockingApi &Api : Cat.combinatorApis()) {
    if (!Common || Api.Framework != Common->Id)
      continue;
    if (!Chosen || (Range && Api.Range && !Chosen->Range))
      Chosen = &Api;
  }
  return Chosen;
}

void SequentialAwaitCheck::reportRun(llvm::ArrayRef<AwaitStep> Run, ASTContext &Ctx) {
  std::vector<const Expr *> Operands;
  for (const AwaitStep &Step : Run)
    Operands.push_back(Step.Call);
  const BlockingApi *Combinator = combinatorFor(Operands, /*Range=*/false);
  SourceLocation Loc = Run.front().Await->getKeywordLoc();
  TestVerdict Verdict = Tests.verdictFor(DynTypedNode::create(*Run.front().Await), Loc, Ctx);
  if (Verdict == TestVerdict::Hide)
    return;
  {
    auto Diag = diag(Run.front().Await->getKeywordLoc(),
                     "'%0' and %1 more independent await%s1 run one after another, "
                     "so their latencies add up; run them concurrently%select{ (e.g. "
                     "with when_all)| with '%3'}2")
                << Run.front().Name << static_cast<unsigned>(Run.size() - 1) << (Combinator ? 1 : 0)
                << (Combinator ? Combinator->displayName() : "");
    if (Combinator && Combinator->ExactFix)
      if (auto Fix = rewrite(Run, *Combinator, Ctx))
        Diag << *Fix;
  }
  for (const AwaitStep &Step : Run.drop_front())
    diag(Step.Await->getKeywordLoc(), "independent await of '%0'", DiagnosticIDs::Note)
        << Step.Name;
  if (Verdict == TestVerdict::ReportMarked)
    diag(Loc, TestCodeFilter::HiddenNote, DiagnosticIDs::Note);
}

void SequentialAwaitCheck::checkLoop(const Stmt &Loop, ASTContext &Ctx) {
  // What varies from one iteration to the next, what decides how many there
  // are, and the body.
  const VarDecl *Element = nullptr;
  const Expr *Source = nullptr;
  const Stmt *Body = nullptr;
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop)) {
    Element = RangeFor->getLoopVariable();
    Source = RangeFor->getRangeInit();
    Body = RangeFor->getBody();
  } else if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    Element = indexVariable(*For);
    Source = For->getCond();
    Body = For->getBody();
  }
  if (!Element || !Source)
    return;
  auto [Await, Container] = collectedAwait(Body);
  if (!Await || !Container || Await->getType()->isVoidType())
    return;
  const auto *Call = dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit());
  if (!Call || isa<CXXOperatorCallExpr>(Call) || !isWork(*Call))
    return;
  // Only the element may vary, and nothing may be written: then no
  // iteration can read what an earlier one wrote.
  Effects Fx = withoutSchedulers(effectsOf(*Call));
  if (!Fx.Reads.contains(Element) || !Fx.Writes.empty() || Fx.ModifiesThis || Fx.MentionsThis)
    return;
  llvm::SmallPtrSet<const Decl *, 4> Elements = readOnlyAtIndex(*Call, *Element);
  for (const Decl *D : Fx.Reads) {
    const auto *Value = dyn_cast<ValueDecl>(D);
    if (D != Element && !Elements.contains(D) && (!Value || !isPlainData(Value->getType())))
      return;
  }
  Effects ContainerFx = effectsOf(*Container);
  Effects RangeFx = effectsOf(*Source);
  if (interfere(ContainerFx, RangeFx) ||
      llvm::any_of(ContainerFx.Reads, [&](const Decl *D) { return Fx.Reads.contains(D); }))
    return;
  const BlockingApi *Combinator = combinatorFor({Call}, /*Range=*/true);
  TestVerdict Verdict = Tests.verdictFor(DynTypedNode::create(*Await), Await->getKeywordLoc(), Ctx);
  if (Verdict == TestVerdict::Hide)
    return;
  diag(Await->getKeywordLoc(),
       "'%0' is awaited once per element, each call waiting for the one before; "
       "start them together and await them at once%select{ (e.g. with when_all)| "
       "with '%2'}1")
      << Call->getDirectCallee()->getQualifiedNameAsString() << (Combinator ? 1 : 0)
      << (Combinator ? Combinator->displayName() : "");
  if (Verdict == TestVerdict::ReportMarked)
    diag(Await->getKeywordLoc(), TestCodeFilter::HiddenNote, DiagnosticIDs::Note);
}

std::optional<FixItHint> SequentialAwaitCheck::rewrite(llvm::ArrayRef<AwaitStep> Run,
                                                       const BlockingApi &Combinator,
                                                       ASTContext &Ctx) const {
  // Written for operator-style combinators (asio's operator&&): a run of
  // `auto x = co_await f();` becomes `auto [x, y] = co_await (f() && g());`.
  llvm::StringRef Namespace = llvm::StringRef(Combinator.Name).rsplit("::").first;
  llvm::StringRef Operator = llvm::StringRef(Combinator.Name).rsplit("::").second;
  if (!Operator.consume_front("operator") || !lookupNamespace(Ctx, Namespace))
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  const TemplateArgument *Executor = nullptr;
  std::string Names, Operands;
  for (size_t I = 0; I < Run.size(); ++I) {
    const AwaitStep &Step = Run[I];
    const VarDecl *Var = Step.Declared;
    if (!Var || isa<DecompositionDecl>(Var) || Var->isStaticLocal() || Var->isConstexpr() ||
        !Var->getTypeSourceInfo() || !Var->getTypeSourceInfo()->getTypeLoc().getAs<AutoTypeLoc>() ||
        Step.S->getBeginLoc().isMacroID() || Step.S->getEndLoc().isMacroID())
      return std::nullopt;
    // The combinator flattens tuples and drops voids; the bindings would not
    // line up with the variables.
    const CXXRecordDecl *Result = recordOf(Step.Await->getType(), false);
    if (Result && qualifiedName(*Result) == "std::tuple")
      return std::nullopt;
    const auto *Awaitable = specialisationOf(Step.Call->getType());
    if (!Awaitable || Awaitable->getTemplateArgs().size() != 2 ||
        Cat.frameworkOfName(qualifiedName(*Awaitable)) != Cat.framework(Combinator.Framework))
      return std::nullopt;
    const TemplateArgument &ThisExecutor = Awaitable->getTemplateArgs()[1];
    if (Executor && !Executor->structurallyEquals(ThisExecutor))
      return std::nullopt;
    Executor = &ThisExecutor;
    Names += (I ? ", " : "") + Var->getName().str();
    std::string Call = textOf(Step.Call->getSourceRange(), Ctx);
    if (Call.empty())
      return std::nullopt;
    if (I > 0)
      Operands.append(" ").append(Operator.str()).append(" ");
    Operands += Call;
    // Nothing but white space may sit between the statements: a comment
    // there would be lost.
    if (I > 0) {
      SourceLocation From =
          Lexer::getLocForEndOfToken(Run[I - 1].S->getEndLoc(), 0, SM, Ctx.getLangOpts());
      bool Invalid = false;
      llvm::StringRef Between =
          Lexer::getSourceText(CharSourceRange::getCharRange(From, Step.S->getBeginLoc()), SM,
                               Ctx.getLangOpts(), &Invalid);
      if (Invalid || !Between.trim().empty())
        return std::nullopt;
    }
  }
  const FunctionDecl *Enclosing = enclosingCoroutine(*Run.front().S, Ctx);
  if (!Enclosing)
    return std::nullopt;
  // Structured bindings are not implicitly moved on return: a returned
  // variable would be copied, or not compile.
  for (const AwaitStep &Step : Run)
    if (returnsVariable(Enclosing->getBody(), *Step.Declared))
      return std::nullopt;
  bool OperatorVisible = llvm::any_of(UsingDirectives, [&](const UsingDirectiveDecl *U) {
    const NamespaceDecl *Nominated = U->getNominatedNamespace();
    return Nominated && qualifiedName(*Nominated) == Namespace &&
           SM.isBeforeInTranslationUnit(U->getLocation(), Run.front().S->getBeginLoc()) &&
           U->getDeclContext()->Encloses(Enclosing);
  });
  std::string Combined;
  if (OperatorVisible) {
    Combined = "(" + Operands + ")";
  } else {
    // Spell the operator out: nothing brings it into scope here.
    Combined = textOf(Run[0].Call->getSourceRange(), Ctx);
    for (const AwaitStep &Step : Run.drop_front())
      Combined = (llvm::Twine(Combinator.Name) + "(" + Combined + ", " +
                  textOf(Step.Call->getSourceRange(), Ctx) + ")")
                     .str();
  }
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Run.front().S->getBeginLoc(), Run.back().S->getEndLoc()),
      "auto [" + Names + "] = co_await " + Combined + ";");
}

} // namespace asynclint
