#include "core/AsyncCheck.h"

namespace asynclint {

AsyncCheck::AsyncCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                       CheckNeeds Needs)
    : ClangTidyCheck(Name, Context),
      CatalogFile(Needs.Catalog ? Options.getLocalOrGlobal("CatalogFile", "") : "") {
  auto Report = [this](const std::string &Problem) { configurationProblem(Problem); };
  if (Needs.Catalog)
    SharedCatalog = Catalog::shared(CatalogFile, Report);
  if (Needs.TestCode)
    Tests = std::make_unique<TestCodeFilter>(Options, Context, Report);
}

void AsyncCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  if (SharedCatalog)
    Options.store(Opts, "CatalogFile", CatalogFile);
  storeOwnOptions(Opts);
  if (Tests)
    Tests->storeOptions(Options, Opts);
}

void AsyncCheck::configurationProblem(const std::string &Problem) {
  configurationDiag("%0", clang::DiagnosticIDs::Error) << Problem;
}

void AsyncCheck::markHiddenInTestCode(clang::SourceLocation Loc) {
  diag(Loc, "in test code, which is not reported by default (option ReportTestCode)",
       clang::DiagnosticIDs::Note)
      << FindingMetadata::note(NoteRole::HiddenInTestCode);
}

} // namespace asynclint
