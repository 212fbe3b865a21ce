//===--- Cache.h - results of earlier runs, reused when unchanged -*- C++ -*-===//
//
// A unit's result depends on the build of asynclint, the compile command, the
// configuration and catalogues in effect, every file the parse looked at,
// and, for calls into other units, the merged facts of the functions it
// imports. The key covers the first three; the entry records the others as
// they were, and a lookup compares them with what is there now. An entry
// that does not read back whole, with its checksum, is not trusted.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_CACHE_H
#define ASYNCLINT_TOOL_CACHE_H

#include "checks/models/blocking-call/BlockingFacts.h"
#include "report/Finding.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace asynclint {

/// Where a project's cache lives, relative to its build directory.
constexpr llvm::StringLiteral DefaultCacheDirectory = ".asynclint/cache";

/// The input files as they are now, each looked at once in a run.
class InputStates {
public:
  /// Whether \p Input is still as the analysis found it.
  bool unchanged(const InputFile &Input);

private:
  llvm::StringMap<bool> Exists;
  llvm::StringMap<std::string> Digests;
};

/// What tells this build of asynclint from any other: its version, LLVM's,
/// and the digest of the executable \p Argv0 names.
std::string toolIdentity(const char *Argv0, void *AddressInMain);

class ResultCache {
public:
  ResultCache(std::string Directory, std::string ToolIdentity)
      : Directory(std::move(Directory)), ToolIdentity(std::move(ToolIdentity)) {}

  /// Creates the directory; an error says why it cannot be used.
  llvm::Error prepare() const;
  const std::string &directory() const { return Directory; }

  /// The key of a unit's result: this build of asynclint, the compile
  /// command, and \p Configuration, the text of everything configurable
  /// that the result depends on.
  std::string keyOf(const clang::tooling::CompileCommand &Command,
                    llvm::StringRef Configuration) const;

  struct Entry {
    UnitResult Result;
    /// The unit's facts for the analysis across units; empty when it
    /// wrote none.
    std::string Facts;
  };

  /// The entry stored under \p Key, when every input is as it was then and
  /// every function the unit imports has the summary in \p Merged it had.
  std::optional<Entry> lookup(llvm::StringRef Key, InputStates &Now,
                              const ProjectFacts &Merged) const;

  /// The paths of the inputs of the entry stored under \p Key, whether they
  /// changed or not: none when there is no such entry.
  std::optional<std::vector<std::string>> inputsOf(llvm::StringRef Key) const;

  /// Stores \p Result (which lists its inputs) and the unit's \p Facts under
  /// \p Key, with the summaries in \p Merged of the functions it imports.
  /// The cache is an optimisation: a failure to store is not an error.
  void store(llvm::StringRef Key, const UnitResult &Result, llvm::StringRef Facts,
             const ProjectFacts &Merged) const;

  /// Removes the entries no run has used for \p Days, at most once a day:
  /// entries of other builds, commands and configurations are never looked
  /// up again.
  void prune(unsigned Days) const;

private:
  std::string pathOf(llvm::StringRef Key) const;
  /// The payload of the entry under \p Key when it reads back whole.
  std::optional<nlohmann::json> read(llvm::StringRef Key) const;

  std::string Directory;
  std::string ToolIdentity;
};

} // namespace asynclint

#endif
