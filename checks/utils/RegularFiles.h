//===--- RegularFiles.h - read sources from regular files only --*- C++ -*-===//
//
// A compile command or an #include may name a device, a FIFO or a socket:
// reading /dev/zero never ends, a FIFO waits for a writer forever. The
// analysis reads regular files only, and names the file it refused.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_UTILS_REGULARFILES_H
#define ASYNCLINT_CHECKS_UTILS_REGULARFILES_H

#include "llvm/Support/VirtualFileSystem.h"

namespace asynclint {

/// \p Base, except that opening anything but a regular file fails with
/// "not a regular file".
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
regularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base);

} // namespace asynclint

#endif
