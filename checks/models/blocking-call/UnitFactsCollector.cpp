#include "models/blocking-call/UnitFactsCollector.h"
#include "core/Coroutines.h"
#include "core/OwnBody.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace asynclint {
namespace {

/// The function definitions written in the main file: in namespaces,
/// classes and linkage specifications, and the instantiations of function
/// templates written there.
void mainFileDefinitions(const DeclContext &DC, const SourceManager &SM,
                         std::vector<const FunctionDecl *> &Out) {
  auto Take = [&](const FunctionDecl *F) {
    if (F && F->doesThisDeclarationHaveABody() && !F->isDependentContext() && !F->isImplicit())
      Out.push_back(F);
  };
  for (const Decl *D : DC.decls()) {
    if (!SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      continue;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D)) {
      for (const FunctionDecl *Instance : Template->specializations())
        Take(Instance);
    } else if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      Take(F);
    } else if (const auto *Record = dyn_cast<CXXRecordDecl>(D)) {
      if (!Record->isDependentContext())
        mainFileDefinitions(*Record, SM, Out);
    } else if (isa<NamespaceDecl, LinkageSpecDecl>(D)) {
      mainFileDefinitions(*cast<DeclContext>(D), SM, Out);
    }
  }
}

SourcePlace placeOf(SourceLocation Loc, const SourceManager &SM) {
  SourcePlace P;
  SourceLocation File = SM.getExpansionLoc(Loc);
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(SM.getFileID(File));
  if (!Entry)
    return P;
  llvm::SmallString<256> Path(Entry->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  P.File = std::string(Path);
  P.Line = SM.getExpansionLineNumber(File);
  P.Column = SM.getExpansionColumnNumber(File);
  return P;
}

} // namespace

BlockingCallSettings::BlockingCallSettings(const tidy::ClangTidyCheck::OptionsView &Options)
    : Api{Options.get("BlockingFunctions", "").str(), Options.get("IgnoredFunctions", "").str(),
          Options.get("IgnoredCategories", "").str(), Options.get("NonBlockingTypes", "").str()},
      NonBlockingFunctions(Options.get("NonBlockingFunctions", "")),
      FactsDirectory(Options.get("FactsDirectory", "")),
      CatalogFile(Options.getLocalOrGlobal("CatalogFile", "")),
      LogMacros(Options.get("LogMacros", "")),
      AuditMode(Options.getLocalOrGlobal("AuditMode", false)) {}

void BlockingCallSettings::store(const tidy::ClangTidyCheck::OptionsView &Options,
                                 tidy::ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "BlockingFunctions", Api.BlockingFunctions);
  Options.store(Opts, "IgnoredFunctions", Api.IgnoredFunctions);
  Options.store(Opts, "IgnoredCategories", Api.IgnoredCategories);
  Options.store(Opts, "NonBlockingTypes", Api.NonBlockingTypes);
  Options.store(Opts, "NonBlockingFunctions", NonBlockingFunctions);
  Options.store(Opts, "FactsDirectory", FactsDirectory);
  Options.store(Opts, "LogMacros", LogMacros);
  Options.store(Opts, "AuditMode", AuditMode);
}

UnitFactsCollector::UnitFactsCollector(const BlockingCallSettings &Settings,
                                       llvm::function_ref<void(const std::string &)> Problem)
    : Cat(Catalog::shared(Settings.CatalogFile, Problem)),
      Index(*Cat, Settings.Api, "async-blocking-call", Problem),
      Helpers(*Cat, Index, Orders, Settings.NonBlockingFunctions, Settings.LogMacros,
              Settings.AuditMode) {}

UnitFacts UnitFactsCollector::collect(ASTContext &Ctx,
                                      llvm::function_ref<bool(const Expr &)> Reportable) {
  const SourceManager &SM = Ctx.getSourceManager();
  UnitFacts Facts;
  Facts.Unit = placeOf(SM.getLocForStartOfFile(SM.getMainFileID()), SM).File;

  std::vector<const FunctionDecl *> Roots;
  mainFileDefinitions(*Ctx.getTranslationUnitDecl(), SM, Roots);

  // The followed calls of one body: \p Visit hears the call, the callee
  // and whether this unit defines it; \p Fact, when there is one, hears
  // the blocking APIs the body uses.
  auto Calls = [&](const FunctionDecl &F,
                   llvm::function_ref<void(const Expr &, const FunctionDecl &, bool)> Visit,
                   FunctionFact *Fact) {
    const Stmt *Body = F.getBody();
    if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
      Body = Coroutine->getBody();
    forEachOwnNode(Body, [&](const Stmt &S) {
      const auto *E = dyn_cast<Expr>(&S);
      if (!E || !isa<CallExpr, CXXConstructExpr>(E))
        return;
      if (Fact)
        if (const BlockingApi *Api = Helpers.blockingApiAt(*E, F, Ctx)) {
          bool Certain = Helpers.runsOnEveryWay(F, E);
          if (!Fact->Blocks || (Certain && !Fact->Blocks->Certain))
            Fact->Blocks = BlockingUse{BlockingHelpers::apiName(*Api, *E, Ctx), Api->Category,
                                       Cat->ownAdvice(*Api),
                                       placeOf(BlockingHelpers::callLocation(*E), SM), Certain};
          return;
        }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E); Op && lambdaCalledOnTheSpot(*Op))
        return;
      const FunctionDecl *Callee = Helpers.followedCallee(*E, Ctx);
      bool Defined = Callee != nullptr;
      if (!Callee)
        Callee = Helpers.externalCallee(*E, Ctx);
      if (Callee)
        Visit(*E, *Callee, Defined);
    });
  };

  // The functions of other units that the main file's coroutines may
  // reach, where a finding could appear: the calls the check would report.
  llvm::StringSet<> Imports;
  llvm::SetVector<const FunctionDecl *> Reached;
  for (const FunctionDecl *F : Roots)
    if (isCoroutine(*F))
      Calls(
          *F,
          [&](const Expr &Call, const FunctionDecl &Callee, bool Defined) {
            if (Reportable(Call))
              (Defined ? (void)Reached.insert(&Callee)
                       : (void)Imports.insert(Helpers.usrOf(Callee)));
          },
          nullptr);
  for (size_t Next = 0; Next != Reached.size();)
    Calls(
        *Reached[Next++],
        [&](const Expr &, const FunctionDecl &Callee, bool Defined) {
          (Defined ? (void)Reached.insert(&Callee) : (void)Imports.insert(Helpers.usrOf(Callee)));
        },
        nullptr);
  // What the main file defines and its coroutines reach, and what that
  // reaches in turn: clangd, which skips the bodies of a header's
  // functions, finds them here.
  llvm::SetVector<const FunctionDecl *> Recorded;
  for (const FunctionDecl *F : Roots)
    if (!isCoroutine(*F) && Helpers.isFollowable(*F, Ctx))
      Recorded.insert(F);
  Recorded.insert(Reached.begin(), Reached.end());
  // Recorded grows while it is walked: a worklist, by index.
  for (size_t Next = 0; Next != Recorded.size();) {
    const FunctionDecl &F = *Recorded[Next++];
    FunctionFact Fact;
    Fact.Usr = Helpers.usrOf(F);
    if (Fact.Usr.empty())
      continue;
    Fact.Name = BlockingHelpers::displayName(F);
    Fact.Where = placeOf(F.getLocation(), SM);
    llvm::StringMap<size_t> CallIndex;
    Calls(
        F,
        [&](const Expr &Call, const FunctionDecl &Callee, bool Defined) {
          std::string Usr = Helpers.usrOf(Callee);
          if (Usr.empty())
            return;
          if (Defined)
            Recorded.insert(&Callee);
          auto [It, Inserted] = CallIndex.try_emplace(Usr, Fact.Calls.size());
          if (!Inserted && Fact.Calls[It->second].Certain)
            return;
          CallFact Made{Usr, BlockingHelpers::displayName(Callee),
                        placeOf(BlockingHelpers::callLocation(Call), SM),
                        Helpers.runsOnEveryWay(F, &Call)};
          if (Inserted)
            Fact.Calls.push_back(std::move(Made));
          else if (Made.Certain)
            Fact.Calls[It->second] = std::move(Made);
        },
        &Fact);
    Facts.Functions.push_back(std::move(Fact));
  }

  for (const auto &Usr : Imports)
    Facts.Imports.push_back(Usr.getKey().str());
  llvm::sort(Facts.Imports);
  return Facts;
}

} // namespace asynclint
