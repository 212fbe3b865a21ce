//===--- ScratchFiles.h - files the fuzzers hand to the readers --*- C++ -*-===//
//
// The readers under test take paths, so each input goes to a file first. A
// failure to set that up is the fuzzer's own, never a finding: it aborts.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TEST_FUZZ_SCRATCHFILES_H
#define ASYNCLINT_TEST_FUZZ_SCRATCHFILES_H

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <string>

namespace asynclint::fuzz {

/// A directory of this process's own, made on first use and removed when
/// the process exits normally (libFuzzer ends its runs with exit()); after a
/// crash it stays, beside the input that caused it.
class ScratchDirectory {
public:
  ScratchDirectory() {
    llvm::SmallString<256> Made;
    if (llvm::sys::fs::createUniqueDirectory("asynclint-fuzz", Made))
      std::abort();
    Path = std::string(Made);
  }
  ScratchDirectory(const ScratchDirectory &) = delete;
  ScratchDirectory &operator=(const ScratchDirectory &) = delete;
  ~ScratchDirectory() { (void)llvm::sys::fs::remove_directories(Path); }

  const std::string &path() const { return Path; }

private:
  std::string Path;
};

inline const std::string &scratchDirectory() {
  static const ScratchDirectory Dir;
  return Dir.path();
}

/// \p Name in scratchDirectory().
inline std::string scratchPath(llvm::StringRef Name) {
  llvm::SmallString<256> Path(scratchDirectory());
  llvm::sys::path::append(Path, Name);
  return std::string(Path);
}

inline void writeScratchFile(const std::string &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    std::abort();
  OS << Text;
}

inline std::string readScratchFile(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    std::abort();
  return (*Buffer)->getBuffer().str();
}

} // namespace asynclint::fuzz

#endif
