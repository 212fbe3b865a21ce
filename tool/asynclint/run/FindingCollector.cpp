#include "run/FindingCollector.h"

#include "clang/Basic/SourceManager.h"

namespace asynclint {
namespace {

/// The place and text clang-tidy records for a diagnostic: the file and
/// offset of its location's expansion, as its renderer takes them.
std::string keyOf(llvm::StringRef File, unsigned Offset, llvm::StringRef Text) {
  std::string Key = File.str();
  Key += '\0';
  Key += std::to_string(Offset);
  Key += '\0';
  Key += Text;
  return Key;
}

} // namespace

void FindingCollector::HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                                        const clang::Diagnostic &Info) {
  ClangTidyDiagnosticConsumer::HandleDiagnostic(Level, Info);
  auto Facts = asynclint::factsOf(Info);
  if (!Facts || !Info.hasSourceManager() || Info.getLocation().isInvalid())
    return;
  const clang::SourceManager &SM = Info.getSourceManager();
  clang::SourceLocation At = SM.getFileLoc(Info.getLocation());
  llvm::SmallString<128> Text;
  Info.FormatDiagnostic(Text);
  // The text as the consumer keeps it, without the check's name, which
  // clang-tidy's diagnostic IDs carry at the end.
  llvm::StringRef Kept = Text;
  Kept.consume_back((" [" + Context.getCheckName(Info.getID()) + "]"));
  Seen[keyOf(SM.getFilename(At), SM.getFileOffset(At), Kept)] = std::move(*Facts);
}

const DiagnosticFacts *
FindingCollector::factsOf(const clang::tooling::DiagnosticMessage &Message) const {
  auto It = Seen.find(keyOf(Message.FilePath, Message.FileOffset, Message.Message));
  return It == Seen.end() ? nullptr : &It->second;
}

} // namespace asynclint
