#include "JsonLocator.h"

#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

namespace asynclint {
namespace {

/// An input iterator that counts the newlines it has stepped over.
class CountingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char *;
  using reference = const char &;

  CountingIterator(const char *Pos, unsigned *Line) : Pos(Pos), Line(Line) {}
  reference operator*() const { return *Pos; }
  CountingIterator &operator++() {
    if (*Pos == '\n')
      ++*Line;
    ++Pos;
    return *this;
  }
  bool operator==(const CountingIterator &Other) const { return Pos == Other.Pos; }
  bool operator!=(const CountingIterator &Other) const { return Pos != Other.Pos; }

private:
  const char *Pos;
  unsigned *Line;
};

std::string escapePointerToken(llvm::StringRef Token) {
  std::string Out;
  for (char C : Token) {
    if (C == '~')
      Out += "~0";
    else if (C == '/')
      Out += "~1";
    else
      Out += C;
  }
  return Out;
}

/// Records the line of every object member (at its key) and array element.
class LineRecorder : public nlohmann::json_sax<nlohmann::json> {
public:
  LineRecorder(const unsigned &Line, std::map<std::string, unsigned, std::less<>> &Lines)
      : Line(Line), Lines(Lines) {}

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t &) override { return value(); }
  bool string(string_t &) override { return value(); }
  bool binary(binary_t &) override { return value(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t &Key) override {
    Frames.back().Member = Frames.back().Path + "/" + escapePointerToken(Key);
    Lines.emplace(Frames.back().Member, Line);
    return true;
  }
  bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override {
    return false;
  }

private:
  struct Frame {
    std::string Path;
    bool IsArray = false;
    size_t NextIndex = 0;
    std::string Member;
  };

  std::string currentPointer() {
    if (Frames.empty())
      return "";
    Frame &Top = Frames.back();
    if (!Top.IsArray)
      return Top.Member;
    std::string Pointer = Top.Path + "/" + std::to_string(Top.NextIndex++);
    Lines.emplace(Pointer, Line);
    return Pointer;
  }
  bool value() {
    currentPointer();
    return true;
  }
  bool open(bool IsArray) {
    std::string Pointer = currentPointer();
    Frames.push_back({Pointer, IsArray, 0, {}});
    return true;
  }
  bool close() {
    Frames.pop_back();
    return true;
  }

  const unsigned &Line;
  std::map<std::string, unsigned, std::less<>> &Lines;
  std::vector<Frame> Frames;
};

} // namespace

JsonLocator::JsonLocator(llvm::StringRef Text) {
  unsigned Line = 1;
  LineRecorder Recorder(Line, Lines);
  CountingIterator Begin(Text.begin(), &Line), End(Text.end(), &Line);
  nlohmann::json::sax_parse(Begin, End, &Recorder, nlohmann::json::input_format_t::json,
                            /*strict=*/false);
}

unsigned JsonLocator::lineOf(llvm::StringRef Pointer) const {
  while (true) {
    auto It = Lines.find(Pointer);
    if (It != Lines.end())
      return It->second;
    size_t Slash = Pointer.rfind('/');
    if (Slash == llvm::StringRef::npos)
      return 0;
    Pointer = Pointer.take_front(Slash);
  }
}

std::pair<unsigned, unsigned> lineAndColumn(llvm::StringRef Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  llvm::StringRef Before = Text.take_front(Offset);
  unsigned Line = 1 + Before.count('\n');
  size_t LineStart = Before.rfind('\n');
  unsigned Column = LineStart == llvm::StringRef::npos ? Offset + 1 : Offset - LineStart;
  return {Line, Column};
}

} // namespace asynclint
