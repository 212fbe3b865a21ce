#include "report/Output.h"

#include "support/RegularFiles.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/YAMLTraits.h"
#include <nlohmann/json.hpp>

namespace asynclint {
namespace {

llvm::Error cannotWrite(llvm::StringRef Path, std::error_code EC) {
  return llvm::createStringError(EC, "cannot write '%s': %s", Path.str().c_str(),
                                 EC.message().c_str());
}

/// A new file beside \p Path, so that renaming it into place is atomic.
llvm::Error createTemporary(llvm::StringRef Path, int &FD, llvm::SmallVectorImpl<char> &Temp) {
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Path + ".asynclint-%%%%%%.tmp", FD, Temp))
    return cannotWrite(Path, EC);
  // A run ended by a signal leaves no half-written file beside the output.
  (void)llvm::sys::RemoveFileOnSignal(llvm::StringRef(Temp.data(), Temp.size()));
  return llvm::Error::success();
}

/// \p Code with \p Fixes spliced in. clang::tooling::applyAllReplacements
/// would load the text into a SourceManager without a diagnostic consumer,
/// which crashes on a file that starts with an unsupported byte order mark;
/// the replacements are already sorted and disjoint, so splicing suffices.
std::string splice(llvm::StringRef Code, const clang::tooling::Replacements &Fixes) {
  std::string Result;
  Result.reserve(Code.size());
  size_t Done = 0;
  for (const clang::tooling::Replacement &R : Fixes) {
    Result.append(Code.substr(Done, R.getOffset() - Done));
    Result.append(R.getReplacementText());
    Done = R.getOffset() + R.getLength();
  }
  Result.append(Code.substr(Done));
  return Result;
}

} // namespace

llvm::Error checkWritable(llvm::StringRef Path) {
  if (llvm::sys::fs::is_directory(Path))
    return llvm::createStringError(std::errc::is_a_directory,
                                   "cannot write '%s': it is a directory", Path.str().c_str());
  int FD;
  llvm::SmallString<256> Temp;
  if (auto Err = createTemporary(Path, FD, Temp))
    return Err;
  (void)llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  (void)llvm::sys::fs::remove(Temp);
  llvm::sys::DontRemoveFileOnSignal(Temp);
  return llvm::Error::success();
}

llvm::Error checkNotAnInput(llvm::StringRef Path, llvm::ArrayRef<std::string> Sources,
                            llvm::ArrayRef<std::string> OtherInputs) {
  if (!llvm::sys::fs::exists(Path))
    return llvm::Error::success();
  auto SameFile = [&](const std::string &Input) {
    bool Same = false;
    return !llvm::sys::fs::equivalent(Path, Input, Same) && Same;
  };
  for (llvm::ArrayRef<std::string> Inputs : {Sources, OtherInputs})
    for (const std::string &Input : Inputs)
      if (SameFile(Input))
        return llvm::createStringError(std::errc::invalid_argument,
                                       "output file '%s' is the input '%s'; asynclint does not "
                                       "write over what it reads",
                                       Path.str().c_str(), Input.c_str());
  static constexpr llvm::StringLiteral SourceExtensions[] = {
      ".c",  ".cc",  ".cpp", ".cxx", ".c++", ".cppm", ".ixx", ".h",
      ".hh", ".hpp", ".hxx", ".h++", ".inl", ".ipp",  ".tpp", ".inc"};
  llvm::StringRef Extension = llvm::sys::path::extension(Path);
  if (llvm::any_of(SourceExtensions,
                   [&](llvm::StringRef Known) { return Extension.equals_insensitive(Known); }))
    return llvm::createStringError(std::errc::invalid_argument,
                                   "output file '%s' is a C or C++ source file; asynclint does "
                                   "not write over sources",
                                   Path.str().c_str());
  return llvm::Error::success();
}

std::string readFileOrEmpty(llvm::StringRef Path) {
  auto Buffer = readRegularFile("file", Path, MaxDataBytes);
  if (!Buffer) {
    llvm::consumeError(Buffer.takeError());
    return "";
  }
  return (*Buffer)->getBuffer().str();
}

llvm::Error writeAtomically(llvm::StringRef Path,
                            llvm::function_ref<void(llvm::raw_ostream &)> Write,
                            std::optional<llvm::sys::fs::perms> Mode) {
  int FD;
  llvm::SmallString<256> Temp;
  if (auto Err = createTemporary(Path, FD, Temp))
    return Err;
  if (Mode)
    (void)llvm::sys::fs::setPermissions(FD, *Mode);
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.flush();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      (void)llvm::sys::fs::remove(Temp);
      llvm::sys::DontRemoveFileOnSignal(Temp);
      return cannotWrite(Path, EC);
    }
  }
  std::error_code Renamed = llvm::sys::fs::rename(Temp, Path);
  if (Renamed)
    (void)llvm::sys::fs::remove(Temp);
  llvm::sys::DontRemoveFileOnSignal(Temp);
  if (Renamed)
    return cannotWrite(Path, Renamed);
  return llvm::Error::success();
}

llvm::Error replaceContents(llvm::StringRef Path, llvm::StringRef Contents) {
  // A source reached through a symlink is fixed where it lives, and keeps
  // its mode; one with other hard links is rewritten in place, so that every
  // name still shows the same file.
  llvm::SmallString<256> Real;
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::real_path(Path, Real))
    return cannotWrite(Path, EC);
  if (std::error_code EC = llvm::sys::fs::status(Real, Status))
    return cannotWrite(Path, EC);
  if (Status.getLinkCount() > 1) {
    std::error_code EC;
    // Truncating keeps the inode that every link names.
    llvm::raw_fd_ostream OS(Real, EC, llvm::sys::fs::CD_CreateAlways);
    if (!EC) {
      OS << Contents;
      OS.close();
      EC = OS.error();
      OS.clear_error();
    }
    return EC ? cannotWrite(Path, EC) : llvm::Error::success();
  }
  return writeAtomically(
      Real, [&](llvm::raw_ostream &OS) { OS << Contents; }, Status.permissions());
}

llvm::Expected<std::vector<bool>> applyFixes(const std::vector<Finding> &Findings) {
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Contents;
  std::map<std::string, clang::tooling::Replacements> ByFile;
  std::vector<bool> Fixed(Findings.size(), false);
  for (size_t I = 0; I < Findings.size(); ++I) {
    if (Findings[I].Fixes.empty())
      continue;
    // All of a finding's replacements, or none: a fix that overlaps one
    // taken before it, or that no longer lies inside its file because the
    // file changed since it was analysed, is left for the next run. Only
    // the files the fix touches are staged.
    std::map<std::string, clang::tooling::Replacements> Staged;
    bool Fits = true;
    for (const Replacement &R : Findings[I].Fixes) {
      auto [Loaded, Unread] = Contents.try_emplace(R.File);
      if (Unread) {
        auto Buffer = readRegularFile("file to fix", R.File, MaxDataBytes);
        if (!Buffer)
          return Buffer.takeError();
        Loaded->second = std::move(*Buffer);
      }
      const size_t Size = Loaded->second->getBufferSize();
      if (R.Offset > Size || R.Length > Size - R.Offset) {
        Fits = false;
        break;
      }
      auto [Slot, New] = Staged.try_emplace(R.File);
      if (auto Taken = ByFile.find(R.File); New && Taken != ByFile.end())
        Slot->second = Taken->second;
      if (llvm::Error Err =
              Slot->second.add(clang::tooling::Replacement(R.File, R.Offset, R.Length, R.Text))) {
        llvm::consumeError(std::move(Err));
        Fits = false;
        break;
      }
    }
    if (Fits) {
      for (auto &[File, Replacements] : Staged)
        ByFile[File] = std::move(Replacements);
      Fixed[I] = true;
    }
  }
  for (auto &[File, Replacements] : ByFile) {
    const std::string Result = splice(Contents[File]->getBuffer(), Replacements);
    if (auto Err = replaceContents(File, Result))
      return std::move(Err);
  }
  return Fixed;
}

void exportFixes(const std::vector<Finding> &Findings, llvm::StringRef MainFile,
                 llvm::raw_ostream &OS) {
  clang::tooling::TranslationUnitDiagnostics Unit;
  Unit.MainSourceFile = MainFile.str();
  for (const Finding &F : Findings) {
    clang::tooling::DiagnosticMessage Message;
    Message.Message = F.Message;
    Message.FilePath = F.Where.File;
    Message.FileOffset = F.Where.Offset;
    for (const Replacement &R : F.Fixes)
      llvm::consumeError(
          Message.Fix[R.File].add(clang::tooling::Replacement(R.File, R.Offset, R.Length, R.Text)));
    llvm::SmallVector<clang::tooling::DiagnosticMessage, 1> Notes;
    for (const Note &N : F.Notes) {
      clang::tooling::DiagnosticMessage NoteMessage;
      NoteMessage.Message = N.Message;
      NoteMessage.FilePath = N.Where.File;
      NoteMessage.FileOffset = N.Where.Offset;
      Notes.push_back(NoteMessage);
    }
    Unit.Diagnostics.emplace_back(F.RuleId, Message, Notes,
                                  F.Level == "error" ? clang::tooling::Diagnostic::Error
                                                     : clang::tooling::Diagnostic::Warning,
                                  "");
  }
  llvm::yaml::Output YAML(OS);
  YAML << Unit;
}

bool inBaseline(const Finding &F, const std::set<std::string> &Keys) {
  return Keys.count("v2:" + F.RuleId + "/" + F.Fingerprint) > 0 ||
         Keys.count("v1:" + F.RuleId + "/" + F.LegacyFingerprint) > 0;
}

llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef SarifPath) {
  auto Buffer = readRegularFile("baseline", SarifPath, MaxDataBytes);
  if (!Buffer)
    return Buffer.takeError();
  std::set<std::string> Keys;
  try {
    auto Sarif =
        nlohmann::json::parse((*Buffer)->getBuffer().begin(), (*Buffer)->getBuffer().end());
    for (const auto &Run : Sarif.at("runs"))
      for (const auto &Result : Run.value("results", nlohmann::json::array())) {
        std::string Rule = Result.at("ruleId").get<std::string>();
        auto Fingerprints = Result.value("partialFingerprints", nlohmann::json::object());
        for (const char *Version : {"v2", "v1"})
          if (std::string Key = std::string("asynclint/") + Version; Fingerprints.contains(Key))
            Keys.insert(std::string(Version) + ":" + Rule + "/" +
                        Fingerprints[Key].get<std::string>());
      }
  } catch (const nlohmann::json::exception &E) {
    return llvm::createStringError(std::errc::invalid_argument,
                                   "baseline '%s' is not a SARIF report: %s",
                                   SarifPath.str().c_str(), E.what());
  }
  return Keys;
}

} // namespace asynclint
