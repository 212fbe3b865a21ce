//===--- RegularFiles.h - read sources from regular files only --*- C++ -*-===//
//
// A compile command or an #include may name a device, a FIFO or a socket:
// reading /dev/zero never ends, a FIFO waits for a writer forever. The
// analysis reads regular files only, and names the file it refused.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_SUPPORT_REGULARFILES_H
#define ASYNCLINT_CHECKS_SUPPORT_REGULARFILES_H

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <cstdint>

namespace asynclint {

/// Bounds for what asynclint reads whole into memory: configuration
/// (options, catalogues) is small; data (compilation databases, baselines,
/// reports to merge, facts, cache entries) can be large, but not endless.
inline constexpr std::uint64_t MaxConfigurationBytes = static_cast<std::uint64_t>(64) << 20;
inline constexpr std::uint64_t MaxDataBytes = static_cast<std::uint64_t>(1) << 30;

/// The whole of \p Path when it is a regular file (after symlinks) of at
/// most \p MaxBytes. A device, FIFO or socket is never opened. The error
/// reads "cannot read <What> '<Path>': <problem>".
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readRegularFile(llvm::StringRef What, llvm::StringRef Path, std::uint64_t MaxBytes);

/// The same checks without reading: whether \p Path could be read.
llvm::Error checkRegularFile(llvm::StringRef What, llvm::StringRef Path, std::uint64_t MaxBytes);

/// Standard input, read to its end unless it goes past \p MaxBytes.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readStandardInput(llvm::StringRef What,
                                                                      std::uint64_t MaxBytes);

/// \p Base, except that opening anything but a regular file fails with
/// "not a regular file", and a file over \p MaxBytes with "file too large".
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
regularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                 std::uint64_t MaxBytes = UINT64_MAX);

} // namespace asynclint

#endif
