#include "SequentialAwaitCheck.h"
#include "utils/ApiConditions.h"
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
  Effects Fx;
};

namespace {

/// The co_await that \p E is, looking through what initialisation adds.
const CoawaitExpr *awaitIn(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreImplicit();
    if (const auto *Await = dyn_cast<CoawaitExpr>(E))
      return Await;
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct || Construct->getNumArgs() != 1)
      return nullptr;
    E = Construct->getArg(0);
  }
  return nullptr;
}

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
bool independent(const AwaitStep &Earlier, const AwaitStep &Later,
                 const ASTContext &Ctx) {
  // Awaiting the same call twice samples something twice (a sensor, a
  // queue, a clock): the order is the point.
  if (sameCall(*Earlier.Call, *Later.Call, Ctx))
    return false;
  return !interfere(Earlier.Fx, Later.Fx);
}

/// The statements of a loop body, whether braced or not.
llvm::SmallVector<const Stmt *, 2> statementsOf(const Stmt *Body) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Body))
    return {Block->body_begin(), Block->body_end()};
  if (Body)
    return {Body};
  return {};
}

/// An expression statement without the temporaries' cleanups around it.
const Stmt *withoutCleanups(const Stmt *S) {
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    return E->IgnoreImplicit();
  return S;
}

/// `results.push_back(X)` / `emplace_back(X)`: the container and X.
std::pair<const Expr *, const Expr *> appendedTo(const Stmt *S) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(withoutCleanups(S));
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method || !Method->getIdentifier() || Call->getNumArgs() != 1 ||
      (Method->getName() != "push_back" && Method->getName() != "emplace_back"))
    return {nullptr, nullptr};
  return {Call->getImplicitObjectArgument(), Call->getArg(0)};
}

/// `total += X` (or `-=`, `*=`, `|=`, `&=`, `^=`) on a local variable: the
/// accumulator and X. The order of the terms does not change the result.
std::pair<const Expr *, const Expr *> foldedInto(const Stmt *S) {
  const Stmt *Plain = withoutCleanups(S);
  auto IsFold = [](BinaryOperatorKind Op) {
    return Op == BO_AddAssign || Op == BO_SubAssign || Op == BO_MulAssign ||
           Op == BO_OrAssign || Op == BO_AndAssign || Op == BO_XorAssign;
  };
  if (const auto *Compound = dyn_cast_or_null<CompoundAssignOperator>(Plain);
      Compound && IsFold(Compound->getOpcode()) && assignedLocal(Compound->getLHS()))
    return {Compound->getLHS(), Compound->getRHS()};
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Plain);
      Op && Op->getNumArgs() == 2 && Op->isAssignmentOp() &&
      IsFold(BinaryOperator::getOverloadedOpcode(Op->getOperator())) &&
      assignedLocal(Op->getArg(0)))
    return {Op->getArg(0), Op->getArg(1)};
  return {nullptr, nullptr};
}

bool namesVariable(const Expr *E, const VarDecl &Var) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1)
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && qualifiedName(*Callee) == "std::move")
      E = Call->getArg(0)->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == &Var;
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
  return Lexer::getSourceText(CharSourceRange::getTokenRange(Range),
                              Ctx.getSourceManager(), Ctx.getLangOpts())
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
    if (isa<ReturnStmt, CoreturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr,
            CoawaitExpr, CoyieldExpr>(Node))
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
  static constexpr llvm::StringLiteral Queries[] = {"get", "load", "fetch", "count",
                                                    "find", "list", "read", "query"};
  static constexpr llvm::StringLiteral Actions[] = {
      "connect", "login", "open", "start", "init", "send", "write", "commit", "set",
      "update",  "save",  "put",  "post",  "delete", "remove", "create"};
  return llvm::is_contained(Queries, Words.front()) &&
         llvm::none_of(Words, [](const std::string &W) { return llvm::is_contained(Actions, W); });
}

} // namespace

SequentialAwaitCheck::SequentialAwaitCheck(StringRef Name,
                                           tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      CatalogFile(Options.getLocalOrGlobal("CatalogFile", "")),
      IgnoredFunctions(Options.get("IgnoredFunctions", "")),
      MinimumRun(Options.get("MinimumRun", 2U)),
      CheckLoops(Options.get("CheckLoops", true)), Classifier(Cat),
      Tests(Options, Context, [this](const std::string &Problem) {
        configurationDiag("%0", DiagnosticIDs::Error) << Problem;
      }) {
  Cat = Catalog::load(CatalogFile, [this](const std::string &Problem) {
    configurationDiag("%0", DiagnosticIDs::Error) << Problem;
  });
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
  Finder->addMatcher(
      functionDecl(hasBody(coroutineBodyStmt().bind("body"))).bind("coroutine"),
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
  if (!Step.Call || isa<CXXOperatorCallExpr>(Step.Call) || !isWork(*Step.Call))
    return std::nullopt;
  // A free function without arguments works on state nobody can see,
  // unless all we know of it is a name that asks a question.
  if (!isa<CXXMemberCallExpr>(Step.Call) && Step.Call->getNumArgs() == 0) {
    const FunctionDecl *Callee = Step.Call->getDirectCallee();
    if (!Callee || Callee->hasBody() || !readsLikeQuery(*Callee))
      return std::nullopt;
  }
  Step.Target = Target;
  Step.Fx = effectsOf(*Step.Call);
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
    else if (CheckLoops && isa<CXXForRangeStmt>(S))
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
                     [&](const AwaitStep &Earlier) {
                       return independent(Earlier, *Step, Ctx);
                     }) &&
        llvm::none_of(Between, [&](const Effects &Fx) { return interfere(Fx, Step->Fx); });
    if (!Fits) {
      Flush();
      Between.clear();
    }
    Run.push_back(std::move(*Step));
  }
  Flush();
}

const BlockingApi *
SequentialAwaitCheck::combinatorFor(llvm::ArrayRef<const Expr *> Operands,
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
  const FunctionDecl *First = Run.front().Call->getDirectCallee();
  SourceLocation Loc = Run.front().Await->getKeywordLoc();
  TestVerdict Verdict =
      Tests.verdictFor(DynTypedNode::create(*Run.front().Await), Loc, Ctx);
  if (Verdict == TestVerdict::Hide)
    return;
  {
    auto Diag = diag(Run.front().Await->getKeywordLoc(),
                     "'%0' and %1 more independent await%s1 run one after another, "
                     "so their latencies add up; run them concurrently%select{ (e.g. "
                     "with when_all)| with '%3'}2")
                << First->getQualifiedNameAsString()
                << static_cast<unsigned>(Run.size() - 1) << (Combinator ? 1 : 0)
                << (Combinator ? Combinator->displayName() : "");
    if (Combinator && Combinator->ExactFix)
      if (auto Fix = rewrite(Run, *Combinator, Ctx))
        Diag << *Fix;
  }
  for (const AwaitStep &Step : Run.drop_front())
    diag(Step.Await->getKeywordLoc(), "independent await of '%0'", DiagnosticIDs::Note)
        << Step.Call->getDirectCallee()->getQualifiedNameAsString();
  if (Verdict == TestVerdict::ReportMarked)
    diag(Loc, TestCodeFilter::HiddenNote, DiagnosticIDs::Note);
}

void SequentialAwaitCheck::checkLoop(const Stmt &Loop, ASTContext &Ctx) {
  const auto *For = cast<CXXForRangeStmt>(&Loop);
  const VarDecl *Element = For->getLoopVariable();
  llvm::SmallVector<const Stmt *, 2> Body = statementsOf(For->getBody());
  const CoawaitExpr *Await = nullptr;
  const Expr *Container = nullptr;
  if (Body.size() == 1) {
    auto [Into, Value] = appendedTo(Body[0]);
    if (!Into)
      std::tie(Into, Value) = foldedInto(Body[0]);
    Container = Into;
    Await = Value ? awaitIn(Value) : nullptr;
  } else if (Body.size() == 2) {
    const auto *Decl = dyn_cast<DeclStmt>(Body[0]);
    const auto *Var = Decl && Decl->isSingleDecl() ? dyn_cast<VarDecl>(Decl->getSingleDecl()) : nullptr;
    auto [Into, Value] = appendedTo(Body[1]);
    if (Var && Var->getInit() && Value && namesVariable(Value, *Var)) {
      Container = Into;
      Await = awaitIn(Var->getInit());
    }
  }
  if (!Await || !Container || Await->getType()->isVoidType())
    return;
  const auto *Call = dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit());
  if (!Call || isa<CXXOperatorCallExpr>(Call) || !isWork(*Call))
    return;
  // Only the element may vary, and nothing may be written: then no
  // iteration can read what an earlier one wrote.
  Effects Fx = effectsOf(*Call);
  if (!Fx.Reads.contains(Element) || !Fx.Writes.empty() || Fx.ModifiesThis ||
      Fx.MentionsThis)
    return;
  for (const Decl *D : Fx.Reads) {
    const auto *Value = dyn_cast<ValueDecl>(D);
    if (D != Element && (!Value || !isPlainData(Value->getType())))
      return;
  }
  Effects ContainerFx = effectsOf(*Container);
  Effects RangeFx = effectsOf(*For->getRangeInit());
  if (interfere(ContainerFx, RangeFx) || llvm::any_of(ContainerFx.Reads, [&](const Decl *D) {
        return Fx.Reads.contains(D);
      }))
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
        !Var->getTypeSourceInfo() ||
        !Var->getTypeSourceInfo()->getTypeLoc().getAs<AutoTypeLoc>() ||
        Step.S->getBeginLoc().isMacroID() || Step.S->getEndLoc().isMacroID())
      return std::nullopt;
    // The combinator flattens tuples and drops voids; the bindings would not
    // line up with the variables.
    const CXXRecordDecl *Result = recordOf(Step.Await->getType(), false);
    if (Result && qualifiedName(*Result) == "std::tuple")
      return std::nullopt;
    const auto *Awaitable = specialisationOf(Step.Call->getType());
    if (!Awaitable || Awaitable->getTemplateArgs().size() != 2 ||
        Cat.frameworkOfName(qualifiedName(*Awaitable)) !=
            Cat.framework(Combinator.Framework))
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
      SourceLocation From = Lexer::getLocForEndOfToken(Run[I - 1].S->getEndLoc(), 0, SM,
                                                       Ctx.getLangOpts());
      bool Invalid = false;
      llvm::StringRef Between = Lexer::getSourceText(
          CharSourceRange::getCharRange(From, Step.S->getBeginLoc()), SM,
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
      CharSourceRange::getTokenRange(Run.front().S->getBeginLoc(),
                                     Run.back().S->getEndLoc()),
      "auto [" + Names + "] = co_await " + Combined + ";");
}

} // namespace asynclint
