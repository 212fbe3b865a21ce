#include "CompileDatabase.h"
#include "CommandLine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using clang::tooling::CompilationDatabase;

namespace asynclint {

llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadCompilationDatabaseIn(llvm::StringRef Dir) {
  auto Exists = [&](llvm::StringRef Name) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, Name);
    return llvm::sys::fs::exists(Candidate);
  };
  bool Json = Exists("compile_commands.json");
  if (!Json && !Exists("compile_flags.txt"))
    return nullptr;
  std::string Error;
  std::unique_ptr<CompilationDatabase> DB = CompilationDatabase::loadFromDirectory(Dir, Error);
  if (!DB)
    return llvm::createStringError(std::errc::invalid_argument,
                                   "cannot load compilation database in '%s': %s",
                                   Dir.str().c_str(), Error.c_str());
  // compile_flags.txt lists no files: it applies to any.
  if (Json && DB->getAllCompileCommands().empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "compilation database in '%s' has no entries",
                                   Dir.str().c_str());
  return DB;
}

std::vector<std::string> analysableSources(const CompilationDatabase &DB) {
  std::vector<std::string> Sources;
  for (const std::string &File : DB.getAllFiles())
    if (!llvm::is_contained({".s", ".S", ".sx", ".asm"}, llvm::sys::path::extension(File)))
      Sources.push_back(absolute(File));
  llvm::sort(Sources);
  Sources.erase(std::unique(Sources.begin(), Sources.end()), Sources.end());
  return Sources;
}

std::string absoluteFile(const clang::tooling::CompileCommand &Command) {
  llvm::SmallString<256> Path(Command.Filename);
  if (!llvm::sys::path::is_absolute(Path)) {
    Path = Command.Directory;
    llvm::sys::path::append(Path, Command.Filename);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

} // namespace asynclint
