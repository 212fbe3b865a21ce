#include "SequentialAwaitCheck.h"
#include "core/ApiConditions.h"
#include "core/Names.h"
#include "core/OwnBody.h"
#include "models/sequential-await/AwaitLoops.h"
#include "models/sequential-await/AwaitRuns.h"
#include "models/sequential-await/CombinedAwaitFix.h"
#include "models/sequential-await/EachElement.h"
#include "models/sequential-await/Effects.h"

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

SequentialAwaitCheck::SequentialAwaitCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : AsyncCheck(Name, Context), Cat(catalog()),
      IgnoredFunctions(Options.get("IgnoredFunctions", "")),
      MinimumRun(Options.get("MinimumRun", 2U)), CheckLoops(Options.get("CheckLoops", true)),
      Steps(Cat, Ignored), Classifier(Cat) {
  insertNames(Ignored, IgnoredFunctions);
}

void SequentialAwaitCheck::storeOwnOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "IgnoredFunctions", IgnoredFunctions);
  Options.store(Opts, "MinimumRun", MinimumRun);
  Options.store(Opts, "CheckLoops", CheckLoops);
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
  forEachOwnNode(Body->getBody(), [&](const Stmt &S) {
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
    std::optional<AwaitStep> Step = Steps.stepOf(*S);
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
  TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(*Run.front().Await), Loc, Ctx);
  if (Verdict == TestVerdict::Hide)
    return;
  {
    auto Diag = diag(Run.front().Await->getKeywordLoc(),
                     "'%0' and %1 more independent await%s1 run one after another")
                << Run.front().Name << static_cast<unsigned>(Run.size() - 1);
    if (Combinator && Combinator->ExactFix)
      if (auto Fix = combinedAwaitFix(Run, *Combinator, Cat, UsingDirectives, Ctx))
        Diag << *Fix;
  }
  diag(Run.front().Await->getKeywordLoc(),
       "run them concurrently%select{ (e.g. with when_all)| with '%1'}0", DiagnosticIDs::Note)
      << (Combinator ? 1 : 0) << (Combinator ? Combinator->displayName() : "");
  for (const AwaitStep &Step : Run.drop_front())
    diag(Step.Await->getKeywordLoc(), "independent await of '%0'", DiagnosticIDs::Note)
        << Step.Name;
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Loc);
}

void SequentialAwaitCheck::checkLoop(const Stmt &Loop, ASTContext &Ctx) {
  // What varies from one iteration to the next, what decides how many there
  // are, and the body.
  const VarDecl *Element = nullptr;
  const Expr *Source = nullptr;
  const Stmt *Body = nullptr;
  bool ElementsAwaited = false;
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop)) {
    // `for co_await`: each element arrives when the one before is done
    // with (an accept loop), there is no collection to start at once.
    auto Awaits = [](const Stmt &S) { return isa<CoawaitExpr>(S); };
    ElementsAwaited =
        anyOwnNode(RangeFor->getBeginStmt(), Awaits) || anyOwnNode(RangeFor->getInc(), Awaits);
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
  if (!Await || !Container) {
    // No value kept: an operation on each element in turn, for its effect.
    if (const CoawaitExpr *Each =
            ElementsAwaited ? nullptr : awaitForEachElement(Body, *Element, *Source, Steps))
      reportLoop(*Each, /*ForEffect=*/true, Ctx);
    return;
  }
  if (Await->getType()->isVoidType())
    return;
  const auto *Call = dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit());
  if (!Call || isa<CXXOperatorCallExpr>(Call) || !Steps.isWork(*Call))
    return;
  // Only the element may vary, and nothing may be written: then no
  // iteration can read what an earlier one wrote.
  Effects Fx = Steps.withoutSchedulers(effectsOf(*Call));
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
  reportLoop(*Await, /*ForEffect=*/false, Ctx);
}

void SequentialAwaitCheck::reportLoop(const CoawaitExpr &Await, bool ForEffect, ASTContext &Ctx) {
  const auto *Call = cast<CallExpr>(Await.getOperand()->IgnoreImplicit());
  const BlockingApi *Combinator = combinatorFor({Call}, /*Range=*/true);
  TestVerdict Verdict = tests().verdictFor(DynTypedNode::create(Await), Await.getKeywordLoc(), Ctx);
  if (Verdict == TestVerdict::Hide)
    return;
  diag(Await.getKeywordLoc(), "'%0' is awaited once per element, each call waiting for the one "
                              "before%select{|: one slow element holds up all the others}1")
      << Call->getDirectCallee()->getQualifiedNameAsString() << ForEffect;
  diag(Await.getKeywordLoc(),
       "start them together and await them at once%select{ (e.g. with when_all)| with '%1'}0",
       DiagnosticIDs::Note)
      << (Combinator ? 1 : 0) << (Combinator ? Combinator->displayName() : "");
  if (Verdict == TestVerdict::ReportMarked)
    markHiddenInTestCode(Await.getKeywordLoc());
}

} // namespace asynclint
