#include "Workers.h"
#include "Reports.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <deque>
#include <fstream>
#include <thread>

namespace asynclint {
namespace {

struct Running {
  size_t Index;
  llvm::sys::ProcessInfo Process;
};

std::string slurp(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

/// The unit's path as the text report shows paths: relative to the working
/// directory when below it.
std::string shownPath(const clang::tooling::CompileCommand &Command) {
  llvm::SmallString<256> File(Command.Filename);
  if (!llvm::sys::path::is_absolute(File)) {
    File = Command.Directory;
    llvm::sys::path::append(File, Command.Filename);
  }
  llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Here;
  if (llvm::sys::fs::current_path(Here))
    return std::string(File);
  return displayPath(std::string(File), std::string(Here));
}

/// The last lines of a crashed worker's stderr, without LLVM's stack dump.
std::string crashSummary(llvm::StringRef Stderr) {
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Stderr.split(Lines, '\n', -1, false);
  std::string Out;
  for (llvm::StringRef Line : Lines) {
    if (Line.starts_with("Stack dump") || Line.starts_with("PLEASE submit") ||
        Line.starts_with(" #") || Line.starts_with("#"))
      break;
    Out = Line.trim().str();
  }
  return Out;
}

UnitResult collect(const AnalysisRequest &Request, const llvm::sys::ProcessInfo &Done,
                   llvm::StringRef ResultFile, llvm::StringRef ErrFile) {
  UnitResult Result;
  std::string Text = slurp(ResultFile);
  if (Done.ReturnCode == 0 && !Text.empty()) {
    // A truncated or garbled result is reported as a failure of the worker.
    auto Parsed = nlohmann::json::parse(Text, nullptr, /*allow_exceptions=*/false);
    if (!Parsed.is_discarded()) {
      try {
        return Parsed.get<UnitResult>();
      } catch (const nlohmann::json::exception &E) {
        Result.Failure = std::string("malformed analysis result: ") + E.what();
      }
    }
  }
  Result.File = Request.Command.Filename;
  std::string Detail = crashSummary(slurp(ErrFile));
  if (!Result.Failure.empty())
    return Result;
  Result.Failure = Done.ReturnCode == -2 ? "the analyser crashed on this file"
                                         : "the analyser failed on this file";
  if (!Detail.empty())
    Result.Failure += " (" + Detail + ")";
  return Result;
}

} // namespace

std::vector<UnitResult> runInWorkers(const std::string &Executable,
                                     const std::vector<AnalysisRequest> &Requests, unsigned Jobs,
                                     bool Progress) {
  std::vector<UnitResult> Results(Requests.size());
  llvm::SmallString<128> Dir;
  if (std::error_code EC = llvm::sys::fs::createUniqueDirectory("asynclint", Dir)) {
    for (size_t I = 0; I < Requests.size(); ++I) {
      Results[I].File = Requests[I].Command.Filename;
      Results[I].Failure = "cannot create a temporary directory: " + EC.message();
    }
    return Results;
  }
  auto PathOf = [&](size_t I, llvm::StringRef Kind) {
    llvm::SmallString<128> P(Dir);
    llvm::sys::path::append(P, Kind + std::to_string(I));
    return std::string(P);
  };

  std::deque<size_t> Pending;
  for (size_t I = 0; I < Requests.size(); ++I)
    Pending.push_back(I);
  std::vector<Running> Active;
  size_t Finished = 0;
  Jobs = std::max(1u, Jobs);

  while (!Pending.empty() || !Active.empty()) {
    while (!Pending.empty() && Active.size() < Jobs) {
      size_t I = Pending.front();
      Pending.pop_front();
      std::string Req = PathOf(I, "request"), Res = PathOf(I, "result"), Out = PathOf(I, "stdout"),
                  Err = PathOf(I, "stderr");
      {
        std::ofstream Stream(Req);
        Stream << nlohmann::json(Requests[I]).dump();
      }
      llvm::StringRef Args[] = {Executable, "--worker", Req, Res};
      std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Out),
                                                    llvm::StringRef(Err)};
      std::string Error;
      bool Failed = false;
      llvm::sys::ProcessInfo PI =
          llvm::sys::ExecuteNoWait(Executable, Args, std::nullopt, Redirects, 0, &Error, &Failed);
      if (Failed) {
        Results[I].File = Requests[I].Command.Filename;
        Results[I].Failure = "cannot start the analyser: " + Error;
        ++Finished;
        continue;
      }
      Active.push_back({I, PI});
    }
    bool Progressed = false;
    for (size_t A = 0; A < Active.size();) {
      llvm::sys::ProcessInfo Done = llvm::sys::Wait(Active[A].Process, 0, nullptr, nullptr, true);
      if (Done.Pid == 0) {
        ++A;
        continue;
      }
      size_t I = Active[A].Index;
      Results[I] = collect(Requests[I], Done, PathOf(I, "result"), PathOf(I, "stderr"));
      ++Finished;
      Progressed = true;
      if (Progress)
        llvm::errs() << "[" << Finished << "/" << Requests.size() << "] "
                     << shownPath(Requests[I].Command) << "\n";
      Active.erase(std::next(Active.begin(), static_cast<std::ptrdiff_t>(A)));
    }
    if (!Progressed && !Active.empty())
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  (void)llvm::sys::fs::remove_directories(Dir);
  return Results;
}

int workerMain(llvm::StringRef RequestFile, llvm::StringRef ResultFile) {
  AnalysisRequest Request;
  try {
    Request = nlohmann::json::parse(slurp(RequestFile)).get<AnalysisRequest>();
  } catch (const nlohmann::json::exception &E) {
    llvm::errs() << "asynclint: malformed worker request: " << E.what() << "\n";
    return 2;
  }
  UnitResult Result = analyzeUnit(Request);
  std::error_code EC;
  llvm::raw_fd_ostream OS(ResultFile, EC);
  if (EC) {
    llvm::errs() << "asynclint: cannot write " << ResultFile << ": " << EC.message() << "\n";
    return 2;
  }
  OS << nlohmann::json(Result).dump();
  return 0;
}

} // namespace asynclint
