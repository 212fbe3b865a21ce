// The writers: a run's findings, with arbitrary bytes in paths, messages,
// source lines, fix-its and failures, as SARIF, JSON, Code Quality, GitHub
// workflow commands and text; and a worker's result, which crosses from the
// worker to the driver. Every machine-read report parses as JSON (which is
// UTF-8); the line-oriented ones are valid UTF-8 without control characters
// and keep one line per workflow command; a worker's result comes back byte
// for byte.

#include "report/Reports.h"

#include "llvm/Support/JSON.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace asynclint;

namespace {

/// A path, below the report's root about half the time.
std::string path(FuzzedDataProvider &Input, const std::string &Root) {
  std::string Name = Input.ConsumeRandomLengthString(24);
  return Input.ConsumeBool() ? Root + "/" + Name : Name;
}

Position position(FuzzedDataProvider &Input, const std::string &Root) {
  Position P;
  P.File = path(Input, Root);
  P.Offset = Input.ConsumeIntegral<uint16_t>();
  P.Line = Input.ConsumeIntegralInRange<unsigned>(0, 40);
  P.Column = Input.ConsumeIntegralInRange<unsigned>(0, 300);
  P.EndLine = Input.ConsumeIntegralInRange<unsigned>(0, 40);
  P.EndColumn = Input.ConsumeIntegralInRange<unsigned>(0, 300);
  P.Utf16Column = Input.ConsumeIntegralInRange<unsigned>(0, 300);
  P.Utf16EndColumn = Input.ConsumeIntegralInRange<unsigned>(0, 300);
  return P;
}

Finding finding(FuzzedDataProvider &Input, const std::string &Root) {
  static const char *const Rules[] = {"async-blocking-call", "async-sequential-await",
                                      "async-missing-timeout", "clang-diagnostic-error"};
  Finding F;
  F.RuleId = Input.ConsumeBool() ? Rules[Input.ConsumeIntegralInRange<size_t>(0, 3)]
                                 : Input.ConsumeRandomLengthString(16);
  F.Level = Input.ConsumeBool() ? "warning" : "error";
  F.Message = Input.ConsumeRandomLengthString(64);
  F.Where = position(Input, Root);
  F.SourceLine = Input.ConsumeRandomLengthString(120);
  for (size_t I = 0, N = Input.ConsumeIntegralInRange<size_t>(0, 3); I < N; ++I)
    F.Notes.push_back({Input.ConsumeRandomLengthString(32), position(Input, Root),
                       Input.ConsumeRandomLengthString(64)});
  for (size_t I = 0, N = Input.ConsumeIntegralInRange<size_t>(0, 3); I < N; ++I)
    F.Fixes.push_back({Input.ConsumeBool() ? F.Where.File : path(Input, Root),
                       Input.ConsumeIntegral<uint16_t>(), Input.ConsumeIntegral<uint8_t>(),
                       Input.ConsumeRandomLengthString(24)});
  for (size_t I = 0, N = Input.ConsumeIntegralInRange<size_t>(0, 2); I < N; ++I)
    F.Properties[Input.ConsumeRandomLengthString(12)] = Input.ConsumeRandomLengthString(24);
  return F;
}

UnitResult failure(FuzzedDataProvider &Input, const std::string &Root) {
  UnitResult U;
  U.File = path(Input, Root);
  for (size_t I = 0, N = Input.ConsumeIntegralInRange<size_t>(0, 2); I < N; ++I)
    U.CompilerErrors.push_back(finding(Input, Root));
  U.Failure = Input.ConsumeRandomLengthString(48);
  if (!U.failed())
    U.Failure = "the analyser failed on this file";
  U.SuppressedByNolint = Input.ConsumeIntegral<uint8_t>();
  for (size_t I = 0, N = Input.ConsumeIntegralInRange<size_t>(0, 2); I < N; ++I)
    U.Inputs.push_back({path(Input, Root), Input.ConsumeRandomLengthString(16)});
  return U;
}

void expectJson(const std::string &Text) {
  // nlohmann's parser refuses text that is not UTF-8.
  if (!nlohmann::json::accept(Text))
    std::abort();
}

/// Valid UTF-8, and no control character but newlines and tabs: nothing a
/// terminal or a CI log would act on.
void expectPrintable(const std::string &Text) {
  if (!llvm::json::isUTF8(Text))
    std::abort();
  for (char C : Text)
    if ((static_cast<unsigned char>(C) < 0x20 && C != '\n' && C != '\t') || C == 0x7F)
      std::abort();
}

std::string written(const RunReport &Report,
                    void (*Write)(const RunReport &, llvm::raw_ostream &)) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  Write(Report, OS);
  return Out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  FuzzedDataProvider Input(Data, Size);
  RunReport Report;
  Report.SourceRoot = "/src" + Input.ConsumeRandomLengthString(8);
  Report.WorkingDirectory = Input.ConsumeBool() ? Report.SourceRoot : path(Input, "/src");
  for (size_t I = 0, N = Input.ConsumeIntegralInRange<size_t>(0, 4); I < N; ++I)
    Report.Findings.push_back(finding(Input, Report.SourceRoot));
  for (size_t I = 0, N = Input.ConsumeIntegralInRange<size_t>(0, 2); I < N; ++I)
    Report.Failures.push_back(failure(Input, Report.SourceRoot));
  std::sort(Report.Findings.begin(), Report.Findings.end());
  assignFingerprints(Report.Findings, Report.SourceRoot);

  SarifLimits Limits;
  Limits.MaxResults = Input.ConsumeIntegralInRange<size_t>(0, 3);
  Limits.MaxGzippedBytes = Input.ConsumeIntegralInRange<size_t>(256, 1 << 20);
  std::string Sarif;
  {
    llvm::raw_string_ostream OS(Sarif);
    writeSarif(Report, OS, Limits);
  }
  expectJson(Sarif);
  expectJson(written(Report, writeJson));
  expectJson(written(Report, writeCodeQuality));

  std::string Github = written(Report, writeGithub);
  expectPrintable(Github);
  // One workflow command per finding and per failed unit: a newline in a
  // message must not start a command of its own.
  if (static_cast<size_t>(std::count(Github.begin(), Github.end(), '\n')) !=
      Report.Findings.size() + Report.Failures.size())
    std::abort();
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  llvm::StringRef(Github).split(Lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Line : Lines)
    if (!Line.starts_with("::"))
      std::abort();

  std::string Text;
  {
    llvm::raw_string_ostream OS(Text);
    writeText(Report, OS, /*Color=*/false);
  }
  expectPrintable(Text);

  // A worker's result comes back to the driver as it was made.
  UnitResult Result = failure(Input, Report.SourceRoot);
  Result.Findings = Report.Findings;
  std::string Sent = dumpKeepingBytes(nlohmann::json(Result));
  nlohmann::json Received = parseKeepingBytes(Sent);
  if (Received.is_discarded() ||
      dumpKeepingBytes(nlohmann::json(Received.get<UnitResult>())) != Sent)
    std::abort();
  // And what the driver reads may be anything a dying worker left.
  nlohmann::json Garbled = parseKeepingBytes(Input.ConsumeRemainingBytesAsString());
  if (!Garbled.is_discarded()) {
    try {
      (void)Garbled.get<UnitResult>();
    } catch (const nlohmann::json::exception &) {
    }
  }
  return 0;
}
