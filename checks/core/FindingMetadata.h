//===--- FindingMetadata.h - what a diagnostic says besides its text -*- C++ -*-===//
//
// A finding carries data that reports need and that its message only shows
// in words: the blocking category (a SARIF property), which notes are the
// steps of a call chain (a SARIF code flow), and whether it lies in test
// code and is hidden by default. The check streams that data into the
// diagnostic as one last argument that the message never names: a
// DiagnosticsEngine formats only the arguments a message refers to, so
// clang-tidy and clangd show the text as written, and the command line reads
// the data back from the diagnostic's arguments, never from its text.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_CORE_FINDINGMETADATA_H
#define ASYNCLINT_CHECKS_CORE_FINDINGMETADATA_H

#include "core/NoteRole.h"

#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <string>

namespace asynclint {

/// The data a check attaches to one diagnostic.
struct FindingMetadata {
  NoteRole Role = NoteRole::Plain;
  /// The index of the argument that holds the blocking category, if any.
  std::optional<unsigned> CategoryArgument;

  static FindingMetadata category(unsigned Argument) {
    FindingMetadata M;
    M.CategoryArgument = Argument;
    return M;
  }
  static FindingMetadata note(NoteRole Role) {
    FindingMetadata M;
    M.Role = Role;
    return M;
  }

  /// The argument that carries this metadata, and back: arguments that are
  /// not such a value give std::nullopt.
  uint64_t encode() const;
  static std::optional<FindingMetadata> decode(uint64_t Argument);
};

/// Streams \p M into a diagnostic, after every argument its message names.
inline const clang::StreamingDiagnostic &operator<<(const clang::StreamingDiagnostic &DB,
                                                    const FindingMetadata &M) {
  DB.AddTaggedVal(M.encode(), clang::DiagnosticsEngine::ak_uint);
  // The stream itself, as clang's own diagnostic operators return it.
  return DB; // NOLINT(bugprone-return-const-ref-from-parameter)
}

/// What the reports learn from one emitted diagnostic.
struct DiagnosticFacts {
  NoteRole Role = NoteRole::Plain;
  std::string Category; ///< empty when the diagnostic names none
};

/// The facts \p Info carries, if a check attached any.
std::optional<DiagnosticFacts> factsOf(const clang::Diagnostic &Info);

} // namespace asynclint

#endif
