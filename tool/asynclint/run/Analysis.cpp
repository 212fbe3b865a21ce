#include "run/Analysis.h"
#include "checks/Rules.h"
#include "checks/core/Coroutines.h"
#include "checks/core/TestCode.h"
#include "checks/models/blocking-call/UnitFactsCollector.h"
#include "checks/support/RegularFiles.h"
#include "report/Output.h"
#include "report/SourceText.h"
#include "run/FindingCollector.h"
#include "run/InputRecorder.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "support/Paths.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace clang::tidy;
using namespace clang::tooling;

namespace asynclint {
namespace {

/// Exactly one compile command: the one the driver chose for this unit.
class SingleCommandDatabase : public CompilationDatabase {
public:
  explicit SingleCommandDatabase(CompileCommand Command) : Command(std::move(Command)) {}
  std::vector<CompileCommand> getCompileCommands(llvm::StringRef) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override { return {Command.Filename}; }

private:
  CompileCommand Command;
};

constexpr llvm::StringLiteral BlockingCallCheckName = "async-blocking-call";

/// Writes the unit's facts for the analysis across units once the unit is
/// parsed, beside the checks; a unit that did not compile writes none, so
/// that no facts of an earlier version of it stay behind.
class FactsConsumer : public ASTConsumer {
public:
  FactsConsumer(ClangTidyContext &Context, llvm::StringRef File, const AnalysisRequest &Request)
      : Context(Context), File(File), FactsFile(Request.FactsFile), Unit(Request.FactsUnit) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    (void)llvm::sys::fs::remove(FactsFile);
    if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
      return;
    ClangTidyOptions Options = Context.getOptionsForFile(File);
    ClangTidyCheck::OptionsView View(BlockingCallCheckName, Options.CheckOptions, &Context);
    BlockingCallSettings Settings(View);
    // The check reports what is wrong with the configuration.
    UnitFactsCollector Collector(Settings, [](const std::string &) {});
    TestCodeFilter Tests(View, &Context, [](const std::string &) {});
    // As the check: not a call whose result is awaited, nor one that a
    // test's assertion macro makes.
    UnitFacts Facts = Collector.collect(Ctx, [&](const Expr &Call) {
      return !isAwaitedDirectly(Call, Ctx) &&
             !Tests.isMacroMachineryInTest(DynTypedNode::create(Call),
                                           BlockingHelpers::callLocation(Call), Ctx);
    });
    Facts.Unit = Unit;
    llvm::json::Value Json = toJSON(Facts);
    if (auto Err = writeAtomically(FactsFile, [&](llvm::raw_ostream &OS) { OS << Json; }))
      llvm::consumeError(std::move(Err)); // the merge does without them
  }

private:
  ClangTidyContext &Context;
  std::string File;
  std::string FactsFile;
  std::string Unit;
};

/// Limits what the checks traverse, and what the parent map they query is
/// built from, to the declarations outside system headers: findings there
/// are not shown, and a unit's system headers are most of its AST.
class UserCodeScope : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<Decl *> Scope;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (!SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
        Scope.push_back(D);
    Ctx.setTraversalScope(Scope);
  }
};

class TidyActionFactory : public FrontendActionFactory {
public:
  TidyActionFactory(ClangTidyContext &Context, const AnalysisRequest &Request)
      : Context(Context), ConsumerFactory(Context), Request(Request) {}
  std::unique_ptr<FrontendAction> create() override { return std::make_unique<Action>(*this); }
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // clang-tidy defines __clang_analyzer__ for its static-analyzer checks.
    // No such check is linked in here, and code that tests the macro takes
    // paths the compiler never does (some do not compile): parse as the
    // compiler does.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = false;
    // LibTooling frees the AST, which the compiler driver never does.
    Invocation->getFrontendOpts().DisableFree = Request.ProcessEndsAfter;
    return FrontendActionFactory::runInvocation(Invocation, Files, PCHContainerOps, DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    explicit Action(TidyActionFactory &Outer) : Outer(Outer) {}

  protected:
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                   llvm::StringRef File) override {
      std::vector<std::unique_ptr<ASTConsumer>> Consumers;
      if (!Outer.Context.getOptionsForFile(File).SystemHeaders.value_or(false))
        Consumers.push_back(std::make_unique<UserCodeScope>());
      Consumers.push_back(Outer.ConsumerFactory.createASTConsumer(Compiler, File));
      if (!Outer.Request.FactsFile.empty() && Outer.Context.isCheckEnabled(BlockingCallCheckName))
        Consumers.push_back(std::make_unique<FactsConsumer>(Outer.Context, File, Outer.Request));
      return std::make_unique<MultiplexConsumer>(std::move(Consumers));
    }

  private:
    TidyActionFactory &Outer;
  };
  ClangTidyContext &Context;
  ClangTidyASTConsumerFactory ConsumerFactory;
  const AnalysisRequest &Request;
};

bool hasArgument(const CommandLineArguments &Args, llvm::StringRef Prefix) {
  return llvm::any_of(Args,
                      [&](const std::string &A) { return llvm::StringRef(A).starts_with(Prefix); });
}

/// Adds \p Extra at the end of the options: before a `--` that separates
/// the input files, which an interpolated command for an unlisted file (a
/// header) ends with, as clang's own end-inserting adjuster does.
void appendOptions(CommandLineArguments &Args, llvm::ArrayRef<std::string> Extra) {
  Args.insert(llvm::find(Args, "--"), Extra.begin(), Extra.end());
}

ArgumentsAdjuster resourceDirAdjuster() {
  return [](const CommandLineArguments &Args, llvm::StringRef) {
    if (hasArgument(Args, "-resource-dir"))
      return Args;
    CommandLineArguments Adjusted = Args;
    appendOptions(Adjusted, {("-resource-dir=" + clangResourceDir()).str()});
    return Adjusted;
  };
}

ArgumentsAdjuster extraArgsAdjuster(ClangTidyContext &Context) {
  return [&Context](const CommandLineArguments &Args, llvm::StringRef File) {
    ClangTidyOptions Opts = Context.getOptionsForFile(File);
    CommandLineArguments Adjusted = Args;
    if (Opts.ExtraArgsBefore && !Adjusted.empty())
      Adjusted.insert(Adjusted.begin() + 1, Opts.ExtraArgsBefore->begin(),
                      Opts.ExtraArgsBefore->end());
    if (Opts.ExtraArgs)
      appendOptions(Adjusted, *Opts.ExtraArgs);
    if (Opts.RemovedArgs)
      llvm::erase_if(Adjusted, [&](const std::string &Arg) {
        return llvm::is_contained(*Opts.RemovedArgs, Arg);
      });
    // Warnings promoted to errors are still warnings to an analyser.
    appendOptions(Adjusted, {"-Wno-error"});
    return Adjusted;
  };
}

Position positionOf(SourceTexts &Texts, llvm::StringRef File, unsigned Offset, unsigned Length) {
  Position P;
  P.File = File.str();
  P.Offset = Offset;
  std::tie(P.Line, P.Column) = Texts.lineAndColumn(P.File, Offset);
  std::tie(P.EndLine, P.EndColumn) = Texts.lineAndColumn(P.File, Offset + Length);
  std::string Line = Texts.line(P.File, P.Line);
  P.Utf16Column = utf16Column(Line, P.Column);
  if (Length == 0)
    P.Utf16EndColumn = utf16Column(Line, P.Column + tokenLength(Line, P.Column));
  else if (P.EndLine == P.Line)
    P.Utf16EndColumn = utf16Column(Line, P.EndColumn);
  else
    P.Utf16EndColumn = utf16Column(Texts.line(P.File, P.EndLine), P.EndColumn);
  return P;
}

Finding toFinding(const ClangTidyError &Error, const FindingCollector &Collector,
                  SourceTexts &Texts) {
  Finding F;
  F.RuleId = Error.DiagnosticName;
  F.Level = Error.DiagLevel == ClangTidyError::Error ? "error" : "warning";
  F.Message = Error.Message.Message;
  std::string File = absolutePath(Error.Message.FilePath, Error.BuildDirectory);
  unsigned Length = 0;
  for (const auto &Range : Error.Message.Ranges)
    if (Range.FileOffset == Error.Message.FileOffset)
      Length = Range.Length;
  if (!Error.Message.FilePath.empty()) {
    F.Where = positionOf(Texts, File, Error.Message.FileOffset, Length);
    F.SourceLine = Texts.line(File, F.Where.Line);
  }
  for (const auto &NoteMsg : Error.Notes) {
    Note N;
    N.Message = NoteMsg.Message;
    if (const DiagnosticFacts *Facts = Collector.factsOf(NoteMsg))
      N.Role = Facts->Role;
    if (!NoteMsg.FilePath.empty()) {
      N.Where = positionOf(Texts, absolutePath(NoteMsg.FilePath, Error.BuildDirectory),
                           NoteMsg.FileOffset, 0);
      N.SourceLine = Texts.line(N.Where.File, N.Where.Line);
    }
    F.Notes.push_back(std::move(N));
  }
  for (const auto &FileFix : Error.Message.Fix)
    for (const tooling::Replacement &R : FileFix.second)
      F.Fixes.push_back({absolutePath(R.getFilePath(), Error.BuildDirectory), R.getOffset(),
                         R.getLength(), R.getReplacementText().str()});
  if (const DiagnosticFacts *Facts = Collector.factsOf(Error.Message);
      Facts && !Facts->Category.empty())
    F.Properties["category"] = Facts->Category;
  return F;
}

} // namespace

llvm::StringRef clangResourceDir() { return ASYNCLINT_CLANG_RESOURCE_DIR; }

UnitResult analyzeUnit(const AnalysisRequest &Request) {
  UnitResult Result;
  Result.File = absolutePath(Request.Command.Filename, Request.Command.Directory);

  auto Provider = makeOptionsProvider(Request.Settings);
  if (!Provider) {
    Result.Failure = llvm::toString(Provider.takeError());
    return Result;
  }
  ClangTidyContext Context(std::move(*Provider), false, false, false);
  SingleCommandDatabase Database(Request.Command);
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Files =
      regularFilesOnly(llvm::vfs::getRealFileSystem());
  llvm::IntrusiveRefCntPtr<InputRecorder> Recorder;
  if (Request.RecordInputs) {
    Recorder = llvm::makeIntrusiveRefCnt<InputRecorder>(Files);
    Files = Recorder;
  }
  ClangTool Tool(Database, {Request.Command.Filename}, std::make_shared<PCHContainerOperations>(),
                 Files);
  Tool.appendArgumentsAdjuster(extraArgsAdjuster(Context));
  Tool.appendArgumentsAdjuster(getStripPluginsAdjuster());
  Tool.appendArgumentsAdjuster(resourceDirAdjuster());

  FindingCollector Consumer(Context);
  auto DiagOpts = std::make_unique<DiagnosticOptions>();
  DiagnosticsEngine Engine(DiagnosticIDs::create(), *DiagOpts, &Consumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Engine);
  Tool.setDiagnosticConsumer(&Consumer);
  Tool.setPrintErrorMessage(false);

  TidyActionFactory Factory(Context, Request);
  int Status = Tool.run(&Factory);

  SourceTexts Texts;
  for (const ClangTidyError &Error : Consumer.take()) {
    Finding F = toFinding(Error, Consumer, Texts);
    // WarningsAsErrors, from the configuration or the command line.
    if (F.Level == "warning" && Context.treatAsError(F.RuleId))
      F.Level = "error";
    if (!Request.CollectFixes)
      F.Fixes.clear();
    bool HiddenInTests =
        llvm::any_of(F.Notes, [](const Note &N) { return N.Role == NoteRole::HiddenInTestCode; });
    if (F.RuleId == "clang-diagnostic-error")
      Result.CompilerErrors.push_back(std::move(F));
    else if (HiddenInTests)
      Result.InTestCode.push_back(std::move(F));
    else
      Result.Findings.push_back(std::move(F));
  }
  // An unmatched NOLINTBEGIN is reported as an error through the compiler's
  // diagnostics, which fails the run of the unit; it is a finding like the
  // others, and the unit was analysed.
  bool NolintErrors = llvm::any_of(
      Result.Findings, [](const Finding &F) { return F.RuleId == "clang-tidy-nolint"; });
  Result.SuppressedByNolint = Context.getStats().ErrorsIgnoredNOLINT;
  if (Status != 0 && Result.CompilerErrors.empty() && !NolintErrors)
    Result.Failure = "the compiler could not process this file";
  if (Recorder)
    Result.Inputs = Recorder->inputs();
  return Result;
}

} // namespace asynclint
