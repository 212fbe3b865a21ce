#include "report/Reports.h"
#include "report/SourceText.h"

#include "llvm/Support/WithColor.h"

namespace asynclint {
namespace {

using Colors = llvm::raw_ostream::Colors;

class Printer {
public:
  Printer(llvm::raw_ostream &OS, bool Color, const std::string &Root)
      : OS(OS), Color(Color), Root(Root) {}

  void diagnostic(const Position &Where, llvm::StringRef Level, llvm::StringRef Message,
                  llvm::StringRef Rule, llvm::StringRef SourceLine,
                  llvm::ArrayRef<Replacement> Fixes = {}) {
    color(Colors::SAVEDCOLOR, true);
    if (!Where.File.empty()) {
      OS << printable(displayPath(Where.File, Root));
      if (Where.Line)
        OS << ':' << Where.Line << ':' << Where.Column;
      OS << ": ";
    }
    color(Level == "error" ? Colors::RED : Level == "note" ? Colors::BLACK : Colors::MAGENTA, true);
    OS << Level << ": ";
    color(Colors::SAVEDCOLOR, true);
    OS << printable(Message);
    if (!Rule.empty())
      OS << " [" << printable(Rule) << ']';
    reset();
    OS << '\n';
    if (Where.Line && !SourceLine.empty()) {
      caret(Where, SourceLine);
      fixIts(Where, SourceLine, Fixes);
    }
  }

private:
  /// The text of the fix-its on the finding's line, under the caret line at
  /// the column each replaces, as clang prints fix-it hints.
  void fixIts(const Position &Where, llvm::StringRef SourceLine,
              llvm::ArrayRef<Replacement> Fixes) {
    if (Where.Column == 0 || Where.Offset + 1 < Where.Column)
      return;
    unsigned LineStart = Where.Offset - (Where.Column - 1);
    std::string Hints;
    unsigned Cells = 1;
    for (const Replacement &R : Fixes) {
      if (R.File != Where.File || R.Offset < LineStart ||
          R.Offset - LineStart > SourceLine.size() || R.Text.empty() ||
          llvm::StringRef(R.Text).contains('\n'))
        continue;
      unsigned At = displayColumn(SourceLine, R.Offset - LineStart + 1);
      if (At < Cells)
        continue; // would overlap the hint before it
      Hints.append(At - Cells, ' ');
      Hints += printable(R.Text);
      Cells = At + static_cast<unsigned>(R.Text.size());
    }
    if (Hints.empty())
      return;
    OS << ' ' << std::string(std::to_string(Where.Line).size() + 1, ' ') << "| ";
    color(Colors::GREEN, false);
    OS << Hints;
    reset();
    OS << '\n';
  }

  void caret(const Position &Where, llvm::StringRef SourceLine) {
    std::string Number = std::to_string(Where.Line);
    std::string Gutter(Number.size() + 1, ' ');
    OS << ' ' << Number << " | " << printable(SourceLine) << '\n';
    OS << ' ' << Gutter << "| ";
    // Placed by what the terminal shows, as clang places its carets: a
    // multibyte character before the finding takes the cells it is drawn
    // in, not one per byte; tabs stay tabs so that they line up.
    unsigned Column = std::min<unsigned>(Where.Column, SourceLine.size() + 1);
    std::string Marker;
    unsigned Cells = 1;
    for (unsigned Byte = 1; Byte < Column;) {
      unsigned Next = Byte + 1;
      while (Next < Column && (static_cast<unsigned char>(SourceLine[Next - 1]) & 0xC0) == 0x80)
        ++Next;
      unsigned Width = displayColumn(SourceLine, Next) - Cells;
      Marker.append(SourceLine[Byte - 1] == '\t' ? std::string(1, '\t') : std::string(Width, ' '));
      Cells += Width;
      Byte = Next;
    }
    Marker += '^';
    if (Where.EndLine == Where.Line && Where.EndColumn > Where.Column + 1) {
      unsigned End = displayColumn(SourceLine, Where.EndColumn);
      if (End > Cells + 1)
        Marker.append(End - Cells - 1, '~');
    }
    color(Colors::GREEN, true);
    OS << Marker;
    reset();
    OS << '\n';
  }

  void color(Colors C, bool Bold) {
    if (Color)
      OS.changeColor(C, Bold);
  }
  void reset() {
    if (Color)
      OS.resetColor();
  }

  llvm::raw_ostream &OS;
  bool Color;
  const std::string &Root;
};

} // namespace

void writeText(const RunReport &Report, llvm::raw_ostream &OS, bool Color) {
  Printer P(OS, Color,
            Report.WorkingDirectory.empty() ? Report.SourceRoot : Report.WorkingDirectory);
  for (const Finding &F : Report.Findings) {
    P.diagnostic(F.Where, F.Level, F.Message, F.RuleId, F.SourceLine, F.Fixes);
    for (const Note &N : F.Notes)
      P.diagnostic(N.Where, "note", N.Message, "", N.SourceLine);
  }
  for (const UnitResult &U : Report.Failures) {
    for (const Finding &E : U.CompilerErrors)
      P.diagnostic(E.Where, "error", E.Message, E.RuleId, E.SourceLine);
    Position Unit;
    Unit.File = U.File;
    P.diagnostic(Unit, "error",
                 "analysis incomplete: " +
                     (U.Failure.empty() ? std::string("the file has compile errors") : U.Failure),
                 "", "");
  }
}

} // namespace asynclint
