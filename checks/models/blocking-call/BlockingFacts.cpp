#include "models/blocking-call/BlockingFacts.h"

#include "support/RegularFiles.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using llvm::json::Array;
using llvm::json::fixUTF8;
using llvm::json::Object;
using llvm::json::ObjectMapper;
using llvm::json::Path;
using llvm::json::Value;

namespace asynclint {

// The field names are the format; docs/facts.md lists them.

static Value toJSON(const SourcePlace &P) {
  return Object{{"file", fixUTF8(P.File)}, {"line", P.Line}, {"column", P.Column}};
}
static bool fromJSON(const Value &V, SourcePlace &P, Path Where) {
  ObjectMapper O(V, Where);
  return O && O.map("file", P.File) && O.map("line", P.Line) && O.map("column", P.Column);
}

static Value toJSON(const BlockingUse &U) {
  Object O{
      {"api", U.Api}, {"category", U.Category}, {"where", toJSON(U.Where)}, {"certain", U.Certain}};
  if (!U.Advice.empty())
    O["advice"] = U.Advice;
  return O;
}
static bool fromJSON(const Value &V, BlockingUse &U, Path Where) {
  ObjectMapper O(V, Where);
  return O && O.map("api", U.Api) && O.map("category", U.Category) &&
         O.mapOptional("advice", U.Advice) && O.map("where", U.Where) &&
         O.map("certain", U.Certain);
}

static Value toJSON(const CallFact &C) {
  return Object{
      {"usr", C.Usr}, {"name", C.Name}, {"where", toJSON(C.Where)}, {"certain", C.Certain}};
}
static bool fromJSON(const Value &V, CallFact &C, Path Where) {
  ObjectMapper O(V, Where);
  return O && O.map("usr", C.Usr) && O.map("name", C.Name) && O.map("where", C.Where) &&
         O.map("certain", C.Certain);
}

static Value toJSON(const FunctionFact &F) {
  Array Calls;
  for (const CallFact &C : F.Calls)
    Calls.push_back(toJSON(C));
  Object O{
      {"usr", F.Usr}, {"name", F.Name}, {"where", toJSON(F.Where)}, {"calls", std::move(Calls)}};
  if (F.Blocks)
    O["blocks"] = toJSON(*F.Blocks);
  return O;
}
static bool fromJSON(const Value &V, FunctionFact &F, Path Where) {
  ObjectMapper O(V, Where);
  return O && O.map("usr", F.Usr) && O.map("name", F.Name) && O.map("where", F.Where) &&
         O.mapOptional("blocks", F.Blocks) && O.map("calls", F.Calls);
}

static Value toJSON(const ChainStep &S) {
  Object O{{"function", S.Function}, {"where", toJSON(S.Where)}};
  if (!S.Callee.empty())
    O["calls"] = S.Callee;
  return O;
}
static bool fromJSON(const Value &V, ChainStep &S, Path Where) {
  ObjectMapper O(V, Where);
  return O && O.map("function", S.Function) && O.mapOptional("calls", S.Callee) &&
         O.map("where", S.Where);
}

namespace {

/// Reads \p Text as an object of version BlockingFactsVersion of the kind
/// \p Kind, and hands it to \p Read.
llvm::Error readVersioned(llvm::StringRef Text, llvm::StringRef Kind,
                          llvm::function_ref<bool(const Value &, Path)> Read) {
  llvm::Expected<Value> Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return Parsed.takeError();
  const Object *Root = Parsed->getAsObject();
  if (!Root)
    return llvm::createStringError("expected a JSON object");
  std::optional<llvm::StringRef> GotKind = Root->getString("kind");
  if (!GotKind || *GotKind != Kind)
    return llvm::createStringError("not asynclint %s facts", Kind.str().c_str());
  std::optional<int64_t> Version = Root->getInteger("version");
  if (!Version || *Version != BlockingFactsVersion)
    return llvm::createStringError("facts of version %lld, expected %d",
                                   static_cast<long long>(Version.value_or(0)),
                                   BlockingFactsVersion);
  Path::Root R(Kind);
  if (!Read(*Parsed, R))
    return R.getError();
  return llvm::Error::success();
}

/// The merged facts file: in \p Directory when it is set, otherwise in
/// .asynclint/facts of the build directory or of the nearest directory above
/// it that has one. Empty when there is none.
std::string findMergedFacts(llvm::StringRef Directory, llvm::StringRef BuildDirectory) {
  auto Candidate = [](llvm::StringRef Dir) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, "merged.json");
    return std::string(Path);
  };
  if (!Directory.empty())
    return llvm::sys::fs::exists(Candidate(Directory)) ? Candidate(Directory) : "";
  for (llvm::StringRef Dir = BuildDirectory; !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Facts(Dir);
    llvm::sys::path::append(Facts, DefaultFactsDirectory);
    if (llvm::sys::fs::exists(Candidate(Facts)))
      return Candidate(Facts);
  }
  return "";
}

bool samePlace(const SourcePlace &A, const SourcePlace &B) {
  return A.File == B.File && A.Line == B.Line && A.Column == B.Column;
}

/// Solves the merged call graph, as the per-unit analysis does: a depth-
/// first search in which a function under way counts as not blocking, and
/// such answers are settled by the outermost search. \p Certain follows
/// only the uses and calls that every way through their function makes.
class Solver {
public:
  Solver(const llvm::StringMap<const FunctionFact *> &Definitions, bool Certain)
      : Definitions(Definitions), Certain(Certain) {}

  void solve(llvm::StringRef Usr) {
    if (Blocking.count(Usr) || Clean.contains(Usr))
      return;
    visit(Usr, 0);
    if (!Blocking.count(Usr))
      Clean.insert(Tentative.begin(), Tentative.end());
    Tentative.clear();
  }

  llvm::StringMap<BlockingSummary> take() { return std::move(Blocking); }

private:
  static constexpr unsigned MaxDepth = 200;

  bool visit(llvm::StringRef Usr, unsigned Depth) {
    if (Blocking.count(Usr))
      return true;
    if (Clean.contains(Usr) || Tentative.contains(Usr) || Depth > MaxDepth)
      return false;
    auto It = Definitions.find(Usr);
    if (It == Definitions.end())
      return false;
    const FunctionFact &F = *It->second;
    Tentative.insert(Usr);
    BlockingSummary S;
    S.Name = F.Name;
    S.Certain = Certain;
    if (F.Blocks && (F.Blocks->Certain || !Certain)) {
      S.Use = *F.Blocks;
      S.Steps.push_back({F.Name, "", F.Blocks->Where});
    } else {
      for (const CallFact &Call : F.Calls) {
        if ((Certain && !Call.Certain) || !visit(Call.Usr, Depth + 1))
          continue;
        const BlockingSummary &Below = Blocking[Call.Usr];
        S.Use = Below.Use;
        S.Steps.push_back({F.Name, Call.Name, Call.Where});
        llvm::append_range(S.Steps, Below.Steps);
        break;
      }
    }
    if (S.Steps.empty())
      return false;
    Tentative.erase(Usr);
    Blocking[Usr] = std::move(S);
    return true;
  }

  const llvm::StringMap<const FunctionFact *> &Definitions;
  bool Certain;
  llvm::StringMap<BlockingSummary> Blocking;
  llvm::StringSet<> Clean;
  llvm::StringSet<> Tentative;
};

} // namespace

Value toJSON(const UnitFacts &Facts) {
  Array Functions;
  for (const FunctionFact &F : Facts.Functions)
    Functions.push_back(toJSON(F));
  Array Imports;
  for (const std::string &Usr : Facts.Imports)
    Imports.push_back(Usr);
  return Object{{"kind", "unit"},
                {"version", BlockingFactsVersion},
                {"unit", fixUTF8(Facts.Unit)},
                {"functions", std::move(Functions)},
                {"imports", std::move(Imports)}};
}

llvm::Expected<UnitFacts> parseUnitFacts(llvm::StringRef Text) {
  UnitFacts Facts;
  if (llvm::Error E = readVersioned(Text, "unit", [&](const Value &Root, Path P) {
        ObjectMapper O(Root, P);
        return O && O.map("unit", Facts.Unit) && O.map("functions", Facts.Functions) &&
               O.map("imports", Facts.Imports);
      }))
    return std::move(E);
  return Facts;
}

bool BlockingSummary::operator==(const BlockingSummary &Other) const {
  auto SameStep = [](const ChainStep &A, const ChainStep &B) {
    return A.Function == B.Function && A.Callee == B.Callee && samePlace(A.Where, B.Where);
  };
  return Name == Other.Name && Certain == Other.Certain && Use.Api == Other.Use.Api &&
         Use.Category == Other.Use.Category && Use.Advice == Other.Use.Advice &&
         samePlace(Use.Where, Other.Use.Where) && Steps.size() == Other.Steps.size() &&
         std::equal(Steps.begin(), Steps.end(), Other.Steps.begin(), SameStep);
}

ProjectFacts ProjectFacts::merge(llvm::ArrayRef<UnitFacts> Units) {
  llvm::StringMap<const FunctionFact *> Definitions;
  for (const UnitFacts &Unit : Units)
    for (const FunctionFact &F : Unit.Functions)
      Definitions.try_emplace(F.Usr, &F);
  // In a stable order, so that the same facts give the same chains.
  std::vector<llvm::StringRef> Usrs;
  for (const auto &Entry : Definitions)
    Usrs.push_back(Entry.getKey());
  llvm::sort(Usrs);
  Solver Sure(Definitions, /*Certain=*/true), Possible(Definitions, /*Certain=*/false);
  for (llvm::StringRef Usr : Usrs) {
    Sure.solve(Usr);
    Possible.solve(Usr);
  }
  // A certain chain where there is one, for the default mode; else one the
  // audit mode reports.
  ProjectFacts Merged;
  Merged.Blocking = Sure.take();
  for (auto &Entry : Possible.take())
    Merged.Blocking.try_emplace(Entry.getKey(), std::move(Entry.getValue()));
  return Merged;
}

std::optional<ProjectFacts> ProjectFacts::nearest(llvm::StringRef Directory,
                                                  llvm::StringRef BuildDirectory) {
  std::string File = findMergedFacts(Directory, BuildDirectory);
  if (File.empty())
    return std::nullopt;
  auto Buffer = readRegularFile("facts", File, MaxDataBytes);
  if (!Buffer) {
    llvm::consumeError(Buffer.takeError());
    return std::nullopt;
  }
  auto Merged = parse((*Buffer)->getBuffer());
  if (!Merged) {
    llvm::consumeError(Merged.takeError()); // damaged facts are no facts
    return std::nullopt;
  }
  return std::move(*Merged);
}

Value toJSON(const BlockingSummary &S) {
  Array Steps;
  for (const ChainStep &Step : S.Steps)
    Steps.push_back(toJSON(Step));
  return Object{{"name", S.Name},
                {"blocks", toJSON(S.Use)},
                {"steps", std::move(Steps)},
                {"certain", S.Certain}};
}

const BlockingSummary *ProjectFacts::lookup(llvm::StringRef Usr) const {
  auto It = Blocking.find(Usr);
  return It == Blocking.end() ? nullptr : &It->second;
}

Value ProjectFacts::toJSON() const {
  std::vector<llvm::StringRef> Usrs;
  for (const auto &Entry : Blocking)
    Usrs.push_back(Entry.getKey());
  llvm::sort(Usrs);
  Array Functions;
  for (llvm::StringRef Usr : Usrs) {
    Value Function = asynclint::toJSON(Blocking.find(Usr)->second);
    (*Function.getAsObject())["usr"] = Usr;
    Functions.push_back(std::move(Function));
  }
  return Object{
      {"kind", "project"}, {"version", BlockingFactsVersion}, {"blocking", std::move(Functions)}};
}

llvm::Expected<ProjectFacts> ProjectFacts::parse(llvm::StringRef Text) {
  ProjectFacts Facts;
  if (llvm::Error E = readVersioned(Text, "project", [&](const Value &Root, Path P) {
        const Array *Functions = Root.getAsObject()->getArray("blocking");
        // Each Path refers to its parent: the parents are named, not
        // temporaries.
        Path Blocking = P.field("blocking");
        if (!Functions) {
          Blocking.report("expected an array");
          return false;
        }
        for (size_t I = 0; I < Functions->size(); ++I) {
          Path Item = Blocking.index(I);
          ObjectMapper O((*Functions)[I], Item);
          std::string Usr;
          BlockingSummary S;
          if (!(O && O.map("usr", Usr) && O.map("name", S.Name) && O.map("blocks", S.Use) &&
                O.map("steps", S.Steps) && O.map("certain", S.Certain)))
            return false;
          if (S.Steps.empty()) {
            Item.field("steps").report("expected at least one step");
            return false;
          }
          Facts.Blocking[Usr] = std::move(S);
        }
        return true;
      }))
    return std::move(E);
  return Facts;
}

} // namespace asynclint
