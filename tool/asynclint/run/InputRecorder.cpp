#include "run/InputRecorder.h"

#include "support/RegularFiles.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace asynclint {
namespace {

/// A file that records the digest of its content when the parse reads it.
class RecordedFile : public llvm::vfs::File {
public:
  RecordedFile(std::unique_ptr<llvm::vfs::File> Inner, std::string Path,
               std::shared_ptr<llvm::StringMap<std::string>> Seen)
      : Inner(std::move(Inner)), Path(std::move(Path)), Seen(std::move(Seen)) {}

  llvm::ErrorOr<llvm::vfs::Status> status() override { return Inner->status(); }
  llvm::ErrorOr<std::string> getName() override { return Inner->getName(); }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> getBuffer(const llvm::Twine &Name,
                                                               int64_t FileSize,
                                                               bool RequiresNullTerminator,
                                                               bool IsVolatile) override {
    auto Buffer = Inner->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
    if (Buffer)
      (*Seen)[Path] = contentDigest((*Buffer)->getBuffer());
    return Buffer;
  }
  std::error_code close() override { return Inner->close(); }

private:
  std::unique_ptr<llvm::vfs::File> Inner;
  std::string Path;
  std::shared_ptr<llvm::StringMap<std::string>> Seen;
};

} // namespace

std::string contentDigest(llvm::StringRef Content) {
  llvm::XXH128_hash_t Hash = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Content));
  return llvm::utohexstr(Hash.high64, /*LowerCase=*/true, 16) +
         llvm::utohexstr(Hash.low64, /*LowerCase=*/true, 16);
}

std::string currentInputState(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return input_state::Absent.str();
  if (Status.type() != llvm::sys::fs::file_type::regular_file)
    return input_state::Present.str();
  auto Buffer = readRegularFile("input", Path, MaxDataBytes);
  if (!Buffer) {
    // Unreadable now: it cannot be what was read then.
    llvm::consumeError(Buffer.takeError());
    return input_state::Absent.str();
  }
  return contentDigest((*Buffer)->getBuffer());
}

InputRecorder::InputRecorder(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base)
    : ProxyFileSystem(std::move(Base)), Seen(std::make_shared<llvm::StringMap<std::string>>()) {}

std::string InputRecorder::absolute(const llvm::Twine &Path) {
  llvm::SmallString<256> Out;
  Path.toVector(Out);
  (void)makeAbsolute(Out);
  // Not `..`: through a symbolic link (/lib to /usr/lib), dropping a
  // directory with the `..` after it names another file.
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/false);
  return std::string(Out);
}

void InputRecorder::note(const std::string &Path, llvm::StringRef State) {
  // A content digest says more than the file's existence: it stays.
  auto [It, New] = Seen->try_emplace(Path, State.str());
  if (!New && State != input_state::Present)
    It->second = State.str();
}

llvm::ErrorOr<llvm::vfs::Status> InputRecorder::status(const llvm::Twine &Path) {
  auto Result = ProxyFileSystem::status(Path);
  std::string Abs = absolute(Path);
  auto It = Seen->find(Abs);
  if (It == Seen->end() || !Result)
    note(Abs, Result ? input_state::Present : input_state::Absent);
  return Result;
}

llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
InputRecorder::openFileForRead(const llvm::Twine &Path) {
  auto Opened = ProxyFileSystem::openFileForRead(Path);
  std::string Abs = absolute(Path);
  if (!Opened) {
    note(Abs, input_state::Absent);
    return Opened;
  }
  if (!Seen->count(Abs))
    note(Abs, input_state::Present);
  return std::make_unique<RecordedFile>(std::move(*Opened), Abs, Seen);
}

std::vector<InputFile> InputRecorder::inputs() const {
  std::vector<InputFile> Out;
  Out.reserve(Seen->size());
  for (const auto &Entry : *Seen)
    Out.push_back({Entry.getKey().str(), Entry.getValue()});
  llvm::sort(Out, [](const InputFile &A, const InputFile &B) { return A.Path < B.Path; });
  return Out;
}

} // namespace asynclint
