//===--- Finding.h - what an analysis reports -------------------*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_FINDING_H
#define ASYNCLINT_TOOL_FINDING_H

#include "core/NoteRole.h"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace asynclint {

/// \p Json as text, every string valid UTF-8: a byte that is not (a
/// Latin-1 source line, a file name) becomes U+FFFD instead of ending the
/// run with an exception. For reports, which readers expect as UTF-8.
template <typename Json> std::string dumpAsUtf8(const Json &Value, int Indent = -1) {
  return Value.dump(Indent, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

/// \p Json as CBOR, every string kept byte for byte: what asynclint writes
/// for itself (a worker's result, a cache entry) must name a file whose
/// name is not UTF-8 as the file system does, or the reports lose it.
inline std::string dumpKeepingBytes(const nlohmann::json &Value) {
  std::string Out;
  nlohmann::json::to_cbor(Value, Out);
  return Out;
}

/// The JSON value \p Bytes (written by dumpKeepingBytes) holds, or a
/// discarded value when they are not one whole CBOR item.
inline nlohmann::json parseKeepingBytes(std::string_view Bytes) {
  return nlohmann::json::from_cbor(Bytes, /*strict=*/true, /*allow_exceptions=*/false);
}

/// A position in a source file. Lines and columns are 1-based; columns count
/// bytes, as clang's do.
struct Position {
  std::string File; ///< absolute, normalised
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned EndLine = 0;
  unsigned EndColumn = 0;
  /// The same columns in UTF-16 code units, for SARIF; the end is that of
  /// the token at the start when the location has no range.
  unsigned Utf16Column = 0;
  unsigned Utf16EndColumn = 0;
};

struct Replacement {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

struct Note {
  std::string Message;
  Position Where;
  std::string SourceLine; ///< the text of Where.Line, for the caret
  NoteRole Role = NoteRole::Plain;
};

struct Finding {
  std::string RuleId;
  std::string Level; ///< "warning" or "error"
  std::string Message;
  Position Where;
  std::string SourceLine; ///< the text of Where.Line, for carets and fingerprints
  std::vector<Note> Notes;
  std::vector<Replacement> Fixes;
  std::map<std::string, std::string> Properties;
  std::string Fingerprint; ///< filled in by the reporter
  /// The fingerprint of earlier releases, which hashed the message too; only
  /// for matching their baselines.
  std::string LegacyFingerprint;
};

/// A file the analysis of a unit looked at, and what it found there: the
/// digest of its content, or whether it existed (see InputRecorder.h).
struct InputFile {
  std::string Path;
  std::string State;
};

/// The outcome of analysing one translation unit.
struct UnitResult {
  std::string File;
  std::vector<Finding> Findings;
  /// Findings in test code, not reported by default: only counted.
  std::vector<Finding> InTestCode;
  /// Compiler errors: the unit could not be parsed as written.
  std::vector<Finding> CompilerErrors;
  /// Set when the analysis itself failed (crash, unreadable input).
  std::string Failure;
  /// Findings that NOLINT comments suppressed.
  unsigned SuppressedByNolint = 0;
  /// What the result was made from, for the cache of results.
  std::vector<InputFile> Inputs;

  bool failed() const { return !Failure.empty() || !CompilerErrors.empty(); }
};

// The worker protocol: results cross process boundaries as JSON.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Position, File, Offset, Line, Column, EndLine, EndColumn,
                                   Utf16Column, Utf16EndColumn)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Replacement, File, Offset, Length, Text)
NLOHMANN_JSON_SERIALIZE_ENUM(NoteRole, {{NoteRole::Plain, "plain"},
                                        {NoteRole::ChainStep, "chain-step"},
                                        {NoteRole::HiddenInTestCode, "hidden-in-test-code"}})
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Note, Message, Where, SourceLine, Role)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Finding, RuleId, Level, Message, Where, SourceLine, Notes, Fixes,
                                   Properties)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(InputFile, Path, State)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(UnitResult, File, Findings, InTestCode, CompilerErrors, Failure,
                                   SuppressedByNolint, Inputs)

/// Orders findings by file, position, rule and message.
bool operator<(const Finding &A, const Finding &B);
bool sameFinding(const Finding &A, const Finding &B);

} // namespace asynclint

#endif
