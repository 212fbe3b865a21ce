#include "support/RegularFiles.h"

#include "llvm/Support/FileSystem.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace asynclint {
namespace {

class NotRegularCategory : public std::error_category {
public:
  const char *name() const noexcept override { return "asynclint.file"; }
  std::string message(int) const override {
    return "not a regular file (a device, FIFO or socket is never read)";
  }
};

std::error_code notRegular() {
  static const NotRegularCategory Category;
  return {1, Category};
}

class RegularFilesOnly : public llvm::vfs::ProxyFileSystem {
public:
  RegularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, std::uint64_t MaxBytes)
      : ProxyFileSystem(std::move(Base)), MaxBytes(MaxBytes) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    // Stat first: opening a FIFO for reading waits for a writer.
    llvm::ErrorOr<llvm::vfs::Status> S = status(Path);
    if (S && !isReadable(*S))
      return notRegular();
    if (S && S->getType() == llvm::sys::fs::file_type::regular_file && S->getSize() > MaxBytes)
      return std::make_error_code(std::errc::file_too_large);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  std::uint64_t MaxBytes;
  static bool isReadable(const llvm::vfs::Status &S) {
    using llvm::sys::fs::file_type;
    return S.getType() == file_type::regular_file || S.getType() == file_type::directory_file;
  }
};

llvm::StringRef kindOf(mode_t Mode) {
  if (S_ISDIR(Mode))
    return "a directory";
  if (S_ISFIFO(Mode))
    return "a FIFO";
  if (S_ISSOCK(Mode))
    return "a socket";
  if (S_ISCHR(Mode) || S_ISBLK(Mode))
    return "a device";
  return "a special file";
}

/// Why a file of \p Status is not read, or an empty string.
std::string problemWith(const struct stat &Status, std::uint64_t MaxBytes, std::error_code &EC) {
  if (!S_ISREG(Status.st_mode)) {
    EC = notRegular();
    return ("is " + kindOf(Status.st_mode) +
            ", not a regular file (a device, FIFO or socket is never read)")
        .str();
  }
  if (static_cast<std::uint64_t>(Status.st_size) > MaxBytes) {
    EC = std::make_error_code(std::errc::file_too_large);
    return "is " + std::to_string(Status.st_size) + " bytes, more than the " +
           std::to_string(MaxBytes) + " asynclint reads";
  }
  return "";
}

llvm::Error cannotRead(llvm::StringRef What, llvm::StringRef Path, std::error_code EC,
                       const std::string &Problem) {
  return llvm::createStringError(EC, "cannot read %s '%s': %s", What.str().c_str(),
                                 Path.str().c_str(), Problem.c_str());
}

llvm::Error systemError(llvm::StringRef What, llvm::StringRef Path, int Errno) {
  std::error_code EC(Errno, std::generic_category());
  return cannotRead(What, Path, EC, EC.message());
}

} // namespace

llvm::Error checkRegularFile(llvm::StringRef What, llvm::StringRef Path, std::uint64_t MaxBytes) {
  std::string Name = Path.str();
  struct stat Status;
  if (::stat(Name.c_str(), &Status) != 0)
    return systemError(What, Path, errno);
  std::error_code EC;
  std::string Problem = problemWith(Status, MaxBytes, EC);
  return Problem.empty() ? llvm::Error::success() : cannotRead(What, Path, EC, Problem);
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readRegularFile(llvm::StringRef What, llvm::StringRef Path, std::uint64_t MaxBytes) {
  // Stat before opening: opening a FIFO waits for a writer. O_NONBLOCK keeps
  // a FIFO swapped in between from blocking the open; fstat then decides.
  if (llvm::Error Err = checkRegularFile(What, Path, MaxBytes))
    return std::move(Err);
  std::string Name = Path.str();
  int FD = ::open(Name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (FD < 0)
    return systemError(What, Path, errno);
  struct stat Status;
  if (::fstat(FD, &Status) != 0) {
    int Errno = errno;
    ::close(FD);
    return systemError(What, Path, Errno);
  }
  std::error_code EC;
  if (std::string Problem = problemWith(Status, MaxBytes, EC); !Problem.empty()) {
    ::close(FD);
    return cannotRead(What, Path, EC, Problem);
  }
  auto Buffer = llvm::MemoryBuffer::getOpenFile(llvm::sys::fs::convertFDToNativeFile(FD), Path,
                                                Status.st_size);
  ::close(FD);
  if (!Buffer)
    return cannotRead(What, Path, Buffer.getError(), Buffer.getError().message());
  return std::move(*Buffer);
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> readStandardInput(llvm::StringRef What,
                                                                      std::uint64_t MaxBytes) {
  std::string Data;
  char Chunk[1 << 16];
  for (;;) {
    ssize_t Read = ::read(STDIN_FILENO, Chunk, sizeof Chunk);
    if (Read < 0 && errno == EINTR)
      continue;
    if (Read < 0)
      return systemError(What, "-", errno);
    if (Read == 0)
      break;
    Data.append(Chunk, static_cast<size_t>(Read));
    if (Data.size() > MaxBytes)
      return cannotRead(What, "-", std::make_error_code(std::errc::file_too_large),
                        "standard input goes on past the " + std::to_string(MaxBytes) +
                            " bytes asynclint reads");
  }
  return llvm::MemoryBuffer::getMemBufferCopy(Data, "<stdin>");
}

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
regularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base, std::uint64_t MaxBytes) {
  return llvm::makeIntrusiveRefCnt<RegularFilesOnly>(std::move(Base), MaxBytes);
}

} // namespace asynclint
