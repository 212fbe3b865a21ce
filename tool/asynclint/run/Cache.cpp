#include "run/Cache.h"
#include "report/Output.h"
#include "run/InputRecorder.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <chrono>

#include "support/RegularFiles.h"
#include <elf.h>
#include <link.h>

namespace asynclint {
namespace {

/// The version of the entries' format; entries of another are not read.
constexpr int CacheFormatVersion = 3;
constexpr llvm::StringLiteral Magic = "asynclint-cache";

/// One digest of \p Parts, each delimited, so that no two lists of parts
/// give the same text.
std::string digestOf(llvm::ArrayRef<std::string> Parts) {
  std::string Text;
  for (const std::string &Part : Parts) {
    Text += std::to_string(Part.size());
    Text += ':';
    Text += Part;
  }
  return contentDigest(Text);
}

/// What the functions \p Imports stand for in \p Merged.
std::string importsDigest(const std::vector<std::string> &Imports, const ProjectFacts &Merged) {
  std::vector<std::string> Parts;
  for (const std::string &Usr : Imports) {
    Parts.push_back(Usr);
    const BlockingSummary *Summary = Merged.lookup(Usr);
    Parts.push_back(Summary ? llvm::formatv("{0}", toJSON(*Summary)).str() : std::string());
  }
  return digestOf(Parts);
}

std::vector<std::string> importsOf(llvm::StringRef Facts) {
  if (Facts.empty())
    return {};
  auto Parsed = parseUnitFacts(Facts);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return {};
  }
  std::vector<std::string> Imports = Parsed->Imports;
  llvm::sort(Imports);
  return Imports;
}

} // namespace

bool InputStates::unchanged(const InputFile &Input) {
  auto Known = Exists.find(Input.Path);
  if (Known == Exists.end())
    Known = Exists.try_emplace(Input.Path, llvm::sys::fs::exists(Input.Path)).first;
  if (Input.State == input_state::Absent || Input.State == input_state::Present)
    return Known->second == (Input.State == input_state::Present);
  if (!Known->second)
    return false;
  auto Digest = Digests.find(Input.Path);
  if (Digest == Digests.end())
    Digest = Digests.try_emplace(Input.Path, currentInputState(Input.Path)).first;
  return Digest->second == Input.State;
}

namespace {

/// The GNU build ID the linker gave this executable: a digest of its
/// content, read from memory instead of hashing megabytes of file.
std::string buildId() {
  std::string Id;
  dl_iterate_phdr(
      [](dl_phdr_info *Info, size_t, void *Out) {
        // The first object is the executable itself.
        for (unsigned I = 0; I < Info->dlpi_phnum; ++I) {
          const ElfW(Phdr) &Segment = Info->dlpi_phdr[I];
          if (Segment.p_type != PT_NOTE)
            continue;
          // The loader gives where the object is as a number.
          const char *At = reinterpret_cast<const char *>( // NOLINT(performance-no-int-to-ptr)
              Info->dlpi_addr + Segment.p_vaddr);
          const char *End = At + Segment.p_memsz;
          while (At + sizeof(ElfW(Nhdr)) <= End) {
            const auto *Note = reinterpret_cast<const ElfW(Nhdr) *>(At);
            const char *Name = At + sizeof(ElfW(Nhdr));
            const char *Desc = Name + llvm::alignTo(Note->n_namesz, 4);
            if (Note->n_type == NT_GNU_BUILD_ID && Note->n_namesz == 4 &&
                llvm::StringRef(Name, 3) == "GNU" && Desc + Note->n_descsz <= End)
              *static_cast<std::string *>(Out) =
                  llvm::toHex(llvm::StringRef(Desc, Note->n_descsz), /*LowerCase=*/true);
            At = Desc + llvm::alignTo(Note->n_descsz, 4);
          }
        }
        return 1;
      },
      &Id);
  return Id;
}

} // namespace

std::string toolIdentity(const char *Argv0, void *AddressInMain) {
  std::string Build = buildId();
  if (Build.empty()) {
    std::string Executable = llvm::sys::fs::getMainExecutable(Argv0, AddressInMain);
    if (auto Buffer = llvm::MemoryBuffer::getFile(Executable, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/false))
      Build = contentDigest((*Buffer)->getBuffer());
  }
  return digestOf({ASYNCLINT_VERSION, LLVM_VERSION_STRING, Build});
}

llvm::Error ResultCache::prepare() const {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
    return llvm::createStringError(EC, "cannot create the cache directory '%s': %s",
                                   Directory.c_str(), EC.message().c_str());
  return llvm::Error::success();
}

std::string ResultCache::keyOf(const clang::tooling::CompileCommand &Command,
                               llvm::StringRef Configuration) const {
  std::vector<std::string> Parts = {std::to_string(CacheFormatVersion), ToolIdentity,
                                    Command.Directory, Command.Filename, Configuration.str()};
  llvm::append_range(Parts, Command.CommandLine);
  return digestOf(Parts);
}

std::string ResultCache::pathOf(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key.take_front(2), Key.drop_front(2) + ".cbor");
  return std::string(Path);
}

std::optional<nlohmann::json> ResultCache::read(llvm::StringRef Key) const {
  // An entry that is not a regular file (a CI cache can restore anything)
  // is a miss like a corrupt one, and the new result replaces it.
  auto Buffer = readRegularFile("cache entry", pathOf(Key), MaxDataBytes);
  if (!Buffer) {
    llvm::consumeError(Buffer.takeError());
    return std::nullopt;
  }
  auto [Header, Payload] = (*Buffer)->getBuffer().split('\n');
  llvm::SmallVector<llvm::StringRef, 3> Fields;
  Header.split(Fields, ' ');
  // A torn or edited entry fails its checksum; another format is not read.
  if (Fields.size() != 3 || Fields[0] != Magic || Fields[1] != std::to_string(CacheFormatVersion) ||
      Fields[2] != contentDigest(Payload))
    return std::nullopt;
  auto Json = parseKeepingBytes(Payload);
  if (Json.is_discarded() || !Json.is_object() || !Json.contains("key") || Json["key"] != Key.str())
    return std::nullopt;
  return Json;
}

std::optional<std::vector<std::string>> ResultCache::inputsOf(llvm::StringRef Key) const {
  auto Json = read(Key);
  if (!Json)
    return std::nullopt;
  try {
    std::vector<std::string> Paths;
    for (const InputFile &Input : Json->at("inputs").get<std::vector<InputFile>>())
      Paths.push_back(Input.Path);
    return Paths;
  } catch (const nlohmann::json::exception &) {
    return std::nullopt;
  }
}

std::optional<ResultCache::Entry> ResultCache::lookup(llvm::StringRef Key, InputStates &Now,
                                                      const ProjectFacts &Merged) const {
  auto Json = read(Key);
  if (!Json)
    return std::nullopt;
  auto Used = [&] {
    // What prune() goes by.
    int FD = -1;
    if (llvm::sys::fs::openFileForWrite(pathOf(Key), FD, llvm::sys::fs::CD_OpenExisting,
                                        llvm::sys::fs::OF_Append))
      return;
    (void)llvm::sys::fs::setLastAccessAndModificationTime(FD, std::chrono::system_clock::now());
    (void)llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  };
  try {
    for (const InputFile &Input : Json->at("inputs").get<std::vector<InputFile>>())
      if (!Now.unchanged(Input))
        return std::nullopt;
    auto Imports = Json->at("imports").get<std::vector<std::string>>();
    if (importsDigest(Imports, Merged) != Json->at("importsDigest").get<std::string>())
      return std::nullopt;
    Entry Found;
    Found.Result = Json->at("result").get<UnitResult>();
    Found.Facts = Json->at("facts").get<std::string>();
    Used();
    return Found;
  } catch (const nlohmann::json::exception &) {
    return std::nullopt;
  }
}

void ResultCache::store(llvm::StringRef Key, const UnitResult &Result, llvm::StringRef Facts,
                        const ProjectFacts &Merged) const {
  std::vector<std::string> Imports = importsOf(Facts);
  UnitResult Stored = Result;
  Stored.Inputs.clear();
  nlohmann::json Json = {{"key", Key.str()},
                         {"unit", Result.File},
                         {"inputs", Result.Inputs},
                         {"imports", Imports},
                         {"importsDigest", importsDigest(Imports, Merged)},
                         {"facts", Facts.str()},
                         {"result", Stored}};
  std::string Payload = dumpKeepingBytes(Json);
  std::string Path = pathOf(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return;
  // Written whole or not at all: a concurrent run reads the old entry or
  // the new one, never a mix.
  llvm::consumeError(writeAtomically(Path, [&](llvm::raw_ostream &OS) {
    OS << Magic << ' ' << CacheFormatVersion << ' ' << contentDigest(Payload) << '\n' << Payload;
  }));
}

void ResultCache::prune(unsigned Days) const {
  using namespace std::chrono;
  auto Now = system_clock::now();
  llvm::SmallString<256> Stamp(Directory);
  llvm::sys::path::append(Stamp, "last-pruned");
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Stamp, Status) && Now - Status.getLastModificationTime() < hours(24))
    return;
  auto Oldest = Now - hours(24) * Days;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator Dir(Directory, EC), End; Dir != End && !EC;
       Dir.increment(EC)) {
    if (llvm::sys::path::filename(Dir->path()).size() != 2)
      continue;
    std::error_code InnerEC;
    for (llvm::sys::fs::directory_iterator Entry(Dir->path(), InnerEC); Entry != End && !InnerEC;
         Entry.increment(InnerEC))
      if (!llvm::sys::fs::status(Entry->path(), Status) &&
          Status.getLastModificationTime() < Oldest)
        (void)llvm::sys::fs::remove(Entry->path());
  }
  llvm::consumeError(writeAtomically(Stamp, [](llvm::raw_ostream &) {}));
}

} // namespace asynclint
