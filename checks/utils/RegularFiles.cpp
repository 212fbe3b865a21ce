#include "RegularFiles.h"

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
  using ProxyFileSystem::ProxyFileSystem;

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    // Stat first: opening a FIFO for reading waits for a writer.
    llvm::ErrorOr<llvm::vfs::Status> S = status(Path);
    if (S && !isReadable(*S))
      return notRegular();
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  static bool isReadable(const llvm::vfs::Status &S) {
    using llvm::sys::fs::file_type;
    return S.getType() == file_type::regular_file || S.getType() == file_type::directory_file;
  }
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
regularFilesOnly(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base) {
  return llvm::makeIntrusiveRefCnt<RegularFilesOnly>(std::move(Base));
}

} // namespace asynclint
