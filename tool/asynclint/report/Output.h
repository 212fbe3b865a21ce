//===--- Output.h - files written whole or not at all ------------*- C++ -*-===//

#ifndef ASYNCLINT_TOOL_OUTPUT_H
#define ASYNCLINT_TOOL_OUTPUT_H

#include "report/Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <set>

namespace asynclint {

/// Fails early, before any analysis, if \p Path could not be written.
llvm::Error checkWritable(llvm::StringRef Path);

/// An error when the output \p Path is one of \p Sources or \p OtherInputs
/// (the same file, by any name), or an existing C or C++ source or header:
/// a report never replaces what it reports on.
llvm::Error checkNotAnInput(llvm::StringRef Path, llvm::ArrayRef<std::string> Sources,
                            llvm::ArrayRef<std::string> OtherInputs);

/// Writes \p Path through a temporary file in the same directory, renamed
/// into place only when \p Write has produced all of it; with \p Mode, the
/// file gets those permissions.
llvm::Error writeAtomically(llvm::StringRef Path,
                            llvm::function_ref<void(llvm::raw_ostream &)> Write,
                            std::optional<llvm::sys::fs::perms> Mode = std::nullopt);

/// Replaces the contents of the existing file \p Path (a source being
/// fixed): through symlinks, keeping its mode and its hard links.
llvm::Error replaceContents(llvm::StringRef Path, llvm::StringRef Contents);

/// The content of \p Path; empty when it cannot be read.
std::string readFileOrEmpty(llvm::StringRef Path);

/// Applies the fixes of \p Findings to the files on disk; returns, for each
/// finding, whether its fix was applied. A fix that overlaps one applied
/// before it is skipped whole.
llvm::Expected<std::vector<bool>> applyFixes(const std::vector<Finding> &Findings);

/// clang-tidy's --export-fixes YAML for \p Findings.
void exportFixes(const std::vector<Finding> &Findings, llvm::StringRef MainFile,
                 llvm::raw_ostream &OS);

/// Fingerprints of the findings in an earlier SARIF report, as
/// "v2:ruleId/fingerprint" (or "v1:..." for a report of an earlier release).
llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef SarifPath);

/// Whether \p F is among the findings of a baseline that readBaseline read.
bool inBaseline(const Finding &F, const std::set<std::string> &Keys);

} // namespace asynclint

#endif
