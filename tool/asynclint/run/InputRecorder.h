//===--- InputRecorder.h - the files a unit's analysis read -----*- C++ -*-===//
//
// A result can be reused only while everything the parse looked at is as it
// was: the content of every file read, and the absence of every file looked
// for and not found (a header added earlier on the include path changes what
// an #include finds). The recorder sits between the analysis and the file
// system and writes both down as the parse goes.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_TOOL_INPUTRECORDER_H
#define ASYNCLINT_TOOL_INPUTRECORDER_H

#include "report/Finding.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <memory>
#include <vector>

namespace asynclint {

/// What an input looked like when read: the digest of its content, or one
/// of the two markers below.
namespace input_state {
/// Looked for and not found.
inline constexpr llvm::StringLiteral Absent = "absent";
/// Found but not read (a directory, a `__has_include`): only its existence
/// mattered.
inline constexpr llvm::StringLiteral Present = "present";
} // namespace input_state

/// The digest an input's content is compared by.
std::string contentDigest(llvm::StringRef Content);

/// The state of \p Path now, as the recorder would write it down: the
/// content digest for a regular file that can be read, else Present or
/// Absent.
std::string currentInputState(llvm::StringRef Path);

class InputRecorder : public llvm::vfs::ProxyFileSystem {
public:
  explicit InputRecorder(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base);

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override;
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine &Path) override;

  /// Everything recorded so far, by absolute path.
  std::vector<InputFile> inputs() const;

private:
  std::string absolute(const llvm::Twine &Path);
  void note(const std::string &Path, llvm::StringRef State);

  /// Shared with the files handed out, which record their content when read.
  std::shared_ptr<llvm::StringMap<std::string>> Seen;
};

} // namespace asynclint

#endif
