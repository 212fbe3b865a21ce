//===--- FindingCollector.h - diagnostics and what checks attach -*- C++ -*-===//
//
// clang-tidy's consumer keeps a diagnostic's text, place, ranges and fixes.
// What a check attached besides (core/FindingMetadata.h: the blocking
// category, a note's role) is read here from the diagnostic's arguments as
// each arrives, and kept by the place and text the consumer records, so
// that each finding and note finds its own.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_RUN_FINDINGCOLLECTOR_H
#define ASYNCLINT_TOOL_RUN_FINDINGCOLLECTOR_H

#include "core/FindingMetadata.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"

namespace asynclint {

class FindingCollector : public clang::tidy::ClangTidyDiagnosticConsumer {
public:
  explicit FindingCollector(clang::tidy::ClangTidyContext &Context)
      : ClangTidyDiagnosticConsumer(Context, nullptr, /*RemoveIncompatibleErrors=*/true,
                                    /*GetFixesFromNotes=*/false),
        Context(Context) {}

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;

  /// What the check attached to the diagnostic or note \p Message, if
  /// anything.
  const DiagnosticFacts *factsOf(const clang::tooling::DiagnosticMessage &Message) const;

private:
  clang::tidy::ClangTidyContext &Context;
  llvm::StringMap<DiagnosticFacts> Seen;
};

} // namespace asynclint

#endif
