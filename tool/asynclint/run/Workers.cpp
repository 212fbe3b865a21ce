#include "run/Workers.h"
#include "config/CompileDatabase.h"
#include "report/Output.h"
#include "report/Reports.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstring>
#include <deque>
#include <optional>
#include <thread>

#include "support/Paths.h"
#include "llvm/Support/Signals.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace asynclint {
namespace {

using Clock = std::chrono::steady_clock;

struct Running {
  size_t Index;
  llvm::sys::ProcessInfo Process;
  Clock::time_point Started;
  bool Stopped = false;
  /// Readable once the worker has ended; -1 where the kernel offers none.
  int ExitFd = -1;
  std::string ResultFile, ErrFile;
};

/// The files a run's workers write: temporary files that a signal ending
/// the run removes (LLVM's RemoveFileOnSignal), and that the run removes as
/// it reads them.
class WorkerFiles {
public:
  ~WorkerFiles() {
    while (!Live.empty()) {
      std::string Last = Live.back();
      release(Last);
    }
  }
  /// A new empty temporary file, or an empty string with \p Error.
  std::string create(llvm::StringRef Kind, std::string &Error) {
    llvm::SmallString<128> Path;
    if (std::error_code EC =
            llvm::sys::fs::createTemporaryFile(("asynclint-" + Kind).str(), "tmp", Path)) {
      Error = "cannot create a temporary file: " + EC.message();
      return "";
    }
    (void)llvm::sys::RemoveFileOnSignal(Path);
    Live.push_back(std::string(Path));
    return Live.back();
  }
  void release(const std::string &Path) {
    (void)llvm::sys::fs::remove(Path);
    llvm::sys::DontRemoveFileOnSignal(Path);
    llvm::erase(Live, Path);
  }
  /// In a worker: it inherited the run's list of files to remove on a
  /// signal, and a worker that crashes must not take them with it.
  void forgetInWorker() const {
    for (const std::string &Path : Live)
      llvm::sys::DontRemoveFileOnSignal(Path);
  }

private:
  std::vector<std::string> Live;
};

/// A descriptor that becomes readable when the process \p Pid ends
/// (pidfd_open, Linux 5.3), or -1.
int exitDescriptor(pid_t Pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, Pid, 0));
#else
  (void)Pid;
  return -1;
#endif
}

/// Returns once a worker may have ended, or at \p Deadline (when a worker
/// is due to be stopped): asleep in poll() on the workers' exit
/// descriptors, so that a run waiting for its workers costs nothing and
/// hears of each at once; where a descriptor is missing, after a short
/// sleep.
void awaitAnyExit(const std::vector<Running> &Active, std::optional<Clock::time_point> Deadline) {
  std::vector<pollfd> Fds;
  for (const Running &R : Active) {
    if (R.ExitFd < 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return;
    }
    Fds.push_back({R.ExitFd, POLLIN, 0});
  }
  int TimeoutMs = -1;
  if (Deadline) {
    auto Left =
        std::chrono::duration_cast<std::chrono::milliseconds>(*Deadline - Clock::now()).count();
    TimeoutMs = static_cast<int>(std::clamp<long long>(Left + 1, 0, INT_MAX));
  }
  // Interrupted by a signal, the caller looks again.
  (void)::poll(Fds.data(), Fds.size(), TimeoutMs);
}

/// The unit's path as the text report shows paths: relative to the working
/// directory when below it.
std::string shownPath(const clang::tooling::CompileCommand &Command) {
  std::string File = absolutePath(Command.Filename, Command.Directory);
  llvm::SmallString<256> Here;
  if (llvm::sys::fs::current_path(Here))
    return File;
  return displayPath(File, std::string(Here));
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

/// Whether a worker's stderr tells that an allocation failed: LLVM's
/// handler, or the C++ runtime's when an exception escaped.
bool ranOutOfMemory(llvm::StringRef Stderr) {
  return Stderr.contains("LLVM ERROR: out of memory") || Stderr.contains("std::bad_alloc") ||
         Stderr.contains("Allocation failed");
}

UnitResult collect(const AnalysisRequest &Request, const llvm::sys::ProcessInfo &Done,
                   llvm::StringRef ResultFile, llvm::StringRef ErrFile,
                   const WorkerSettings &Settings) {
  UnitResult Result;
  std::string Text = readFileOrEmpty(ResultFile);
  if (Done.ReturnCode == 0 && !Text.empty()) {
    // A truncated or garbled result is reported as a failure of the worker.
    auto Parsed = parseKeepingBytes(Text);
    if (!Parsed.is_discarded()) {
      try {
        return Parsed.get<UnitResult>();
      } catch (const nlohmann::json::exception &E) {
        Result.Failure = std::string("malformed analysis result: ") + E.what();
      }
    }
  }
  Result.File = Request.Command.Filename;
  std::string Stderr = readFileOrEmpty(ErrFile);
  std::string Detail = crashSummary(Stderr);
  if (!Result.Failure.empty())
    return Result;
  if (Settings.MemoryMiB && ranOutOfMemory(Stderr)) {
    Result.Failure = "the analysis of this file needed more than " +
                     std::to_string(Settings.MemoryMiB) + " MiB (--unit-memory)";
    return Result;
  }
  Result.Failure = Done.ReturnCode == -2 ? "the analyser crashed on this file"
                                         : "the analyser failed on this file";
  if (!Detail.empty())
    Result.Failure += " (" + Detail + ")";
  return Result;
}

/// What the child does: analyses, writes the result, and leaves without
/// running the exit handlers of the process it is a copy of.
[[noreturn]] void runWorker(const AnalysisRequest &Request, const std::string &ResultFile,
                            const std::string &ErrFile, unsigned MemoryMiB) {
  int Null = ::open("/dev/null", O_RDWR);
  int Err = ::open(ErrFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (Null < 0 || Err < 0 || ::dup2(Null, 0) < 0 || ::dup2(Null, 1) < 0 || ::dup2(Err, 2) < 0)
    ::_exit(2);
  if (MemoryMiB) {
    rlimit Limit;
    Limit.rlim_cur = Limit.rlim_max = static_cast<rlim_t>(MemoryMiB) * 1024 * 1024;
    ::setrlimit(RLIMIT_AS, &Limit);
    ::setrlimit(RLIMIT_DATA, &Limit);
  }
  AnalysisRequest Last = Request;
  Last.ProcessEndsAfter = true;
  UnitResult Result = analyzeUnit(Last);
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(ResultFile, EC);
    if (!EC)
      OS << dumpKeepingBytes(nlohmann::json(Result));
  }
  if (EC)
    llvm::errs() << "asynclint: cannot write " << ResultFile << ": " << EC.message() << "\n";
  llvm::errs().flush();
  ::_exit(EC ? 2 : 0);
}

/// Starts a worker: a copy of this process made by fork(), which has the
/// request in memory and nothing to load or parse again. Returns its pid,
/// or -1 with \p Error.
pid_t startWorker(const AnalysisRequest &Request, const std::string &ResultFile,
                  const std::string &ErrFile, const WorkerFiles &Files, unsigned MemoryMiB,
                  std::string &Error) {
  // Output buffered now would be written by both processes.
  llvm::outs().flush();
  llvm::errs().flush();
  pid_t Parent = ::getpid();
  pid_t Pid = ::fork();
  if (Pid < 0) {
    Error = std::strerror(errno);
  } else if (Pid == 0) {
    // A worker ends with its run, however the run ends (a cancelled CI job
    // kills the run, not its workers); one whose run ended before this
    // line leaves at once.
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != Parent)
      ::_exit(2);
    Files.forgetInWorker();
    runWorker(Request, ResultFile, ErrFile, MemoryMiB);
  }
  return Pid;
}

} // namespace

std::vector<UnitResult>
runInWorkers(const std::vector<AnalysisRequest> &Requests, const WorkerSettings &Settings,
             llvm::function_ref<void(size_t, const UnitResult &)> Finished) {
  std::vector<UnitResult> Results(Requests.size());
  WorkerFiles Files;

  std::deque<size_t> Pending;
  for (size_t I = 0; I < Requests.size(); ++I)
    Pending.push_back(I);
  std::vector<Running> Active;
  Progress Shown(llvm::errs(), Settings.Progress, Requests.size());
  unsigned Jobs = std::max(1u, Settings.Jobs);
  auto Limit = std::chrono::seconds(Settings.TimeoutSeconds);

  while (!Pending.empty() || !Active.empty()) {
    while (!Pending.empty() && Active.size() < Jobs) {
      size_t I = Pending.front();
      Pending.pop_front();
      std::string Error;
      std::string ResultFile = Files.create("result", Error);
      std::string ErrFile = ResultFile.empty() ? "" : Files.create("stderr", Error);
      pid_t Pid = ErrFile.empty() ? -1
                                  : startWorker(Requests[I], ResultFile, ErrFile, Files,
                                                Settings.MemoryMiB, Error);
      if (Pid < 0) {
        Results[I].File = Requests[I].Command.Filename;
        Results[I].Failure = "cannot start the analyser: " + Error;
        for (const std::string &Path : {ResultFile, ErrFile})
          if (!Path.empty())
            Files.release(Path);
        continue;
      }
      llvm::sys::ProcessInfo PI;
      PI.Pid = PI.Process = Pid;
      Active.push_back(
          {I, PI, Clock::now(), false, exitDescriptor(Pid), std::move(ResultFile), ErrFile});
    }
    bool Progressed = false;
    for (size_t A = 0; A < Active.size();) {
      llvm::sys::ProcessInfo Done = llvm::sys::Wait(Active[A].Process, 0, nullptr, nullptr, true);
      if (Done.Pid == 0) {
        if (Settings.TimeoutSeconds && !Active[A].Stopped &&
            Clock::now() - Active[A].Started > Limit) {
          // Reaped by the next Wait, and reported as stopped.
          ::kill(Active[A].Process.Pid, SIGKILL);
          Active[A].Stopped = true;
        }
        ++A;
        continue;
      }
      size_t I = Active[A].Index;
      if (Active[A].Stopped) {
        Results[I].File = Requests[I].Command.Filename;
        Results[I].Failure = "the analysis of this file was stopped after " +
                             std::to_string(Settings.TimeoutSeconds) + " s (--unit-timeout)";
      } else {
        Results[I] = collect(Requests[I], Done, Active[A].ResultFile, Active[A].ErrFile, Settings);
      }
      Files.release(Active[A].ResultFile);
      Files.release(Active[A].ErrFile);
      if (Finished)
        Finished(I, Results[I]);
      Progressed = true;
      Shown.finished(shownPath(Requests[I].Command), Results[I].Findings.size());
      if (Active[A].ExitFd >= 0)
        ::close(Active[A].ExitFd);
      Active.erase(std::next(Active.begin(), static_cast<std::ptrdiff_t>(A)));
    }
    if (Progressed || Active.empty())
      continue;
    std::optional<Clock::time_point> Deadline;
    if (Settings.TimeoutSeconds)
      for (const Running &R : Active)
        if (!R.Stopped && (!Deadline || R.Started + Limit < *Deadline))
          Deadline = R.Started + Limit;
    awaitAnyExit(Active, Deadline);
  }
  return Results;
}

} // namespace asynclint
