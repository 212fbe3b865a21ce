#include "run/Progress.h"

#include "llvm/Support/Format.h"

namespace asynclint {

Progress::Progress(llvm::raw_ostream &OS, ProgressStyle Style, size_t Total, size_t Done,
                   size_t Findings)
    : OS(OS), Style(Style), Total(Total), Done(Done), Findings(Findings), DoneAtStart(Done) {}

Progress::~Progress() {
  if (Style == ProgressStyle::Terminal && Total) {
    OS << "\r\x1b[K";
    OS.flush();
  }
}

std::string Progress::status() const {
  std::string Text;
  llvm::raw_string_ostream Out(Text);
  Out << "[" << Done << "/" << Total << "] " << Findings
      << (Findings == 1 ? " finding" : " findings") << " so far";
  // The units taken from the cache took no time: the rate is that of the
  // units analysed.
  size_t Measured = Done - DoneAtStart;
  if (Measured && Done < Total) {
    std::chrono::duration<double> Elapsed = std::chrono::steady_clock::now() - Started;
    auto Left = static_cast<unsigned>(Elapsed.count() / static_cast<double>(Measured) *
                                      static_cast<double>(Total - Done));
    Out << ", about " << Left / 60 << ":" << llvm::format("%02u", Left % 60) << " left";
  }
  return Text;
}

void Progress::finished(llvm::StringRef Shown, size_t UnitFindings) {
  ++Done;
  Findings += UnitFindings;
  switch (Style) {
  case ProgressStyle::None:
    return;
  case ProgressStyle::Lines:
    OS << status() << ": " << Shown << "\n";
    break;
  case ProgressStyle::Terminal:
    OS << "\r\x1b[Kasynclint: " << status();
    break;
  }
  OS.flush();
}

} // namespace asynclint
