//===--- BuiltinCatalogGen.cpp - the built-in catalogue as code -----------===//
//
// A build step: reads the built-in data files with the catalogue's own
// reader and writes a C++ source that defines Catalog::builtin() as the
// catalogue read. A run then builds the catalogue from code instead of
// parsing and checking JSON, and an invalid data file fails the build.
//
// Usage: asynclint-catalog-gen OUTPUT.cpp
//
//===----------------------------------------------------------------------===//

#include "Catalog.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace asynclint;

namespace {

/// Writes C++ expressions for the values the catalogue holds.
class Writer {
public:
  explicit Writer(llvm::raw_ostream &OS) : OS(OS) {}

  void value(const std::string &S) {
    OS << '"';
    OS.write_escaped(S);
    OS << '"';
  }
  void value(unsigned N) { OS << N << 'u'; }
  void value(long long N) { OS << N << "LL"; }
  void value(bool B) { OS << (B ? "true" : "false"); }
  void value(ApiKind Kind) {
    switch (Kind) {
    case ApiKind::Function:
      OS << "ApiKind::Function";
      return;
    case ApiKind::Method:
      OS << "ApiKind::Method";
      return;
    case ApiKind::Constructor:
      OS << "ApiKind::Constructor";
      return;
    case ApiKind::Operator:
      OS << "ApiKind::Operator";
      return;
    case ApiKind::Signature:
      OS << "ApiKind::Signature";
      return;
    }
  }
  void value(LaunchResult Launch) {
    switch (Launch) {
    case LaunchResult::Detached:
      OS << "LaunchResult::Detached";
      return;
    case LaunchResult::Awaitable:
      OS << "LaunchResult::Awaitable";
      return;
    case LaunchResult::Task:
      OS << "LaunchResult::Task";
      return;
    }
  }
  template <typename T> void value(const std::vector<T> &Items) {
    OS << "std::vector<" << typeName(T()) << ">{";
    llvm::interleaveComma(Items, OS, [&](const T &Item) { value(Item); });
    OS << '}';
  }
  void value(const std::map<std::string, std::string> &Items) {
    OS << "std::map<std::string, std::string>{";
    llvm::interleaveComma(Items, OS, [&](const auto &Item) {
      OS << '{';
      value(Item.first);
      OS << ", ";
      value(Item.second);
      OS << '}';
    });
    OS << '}';
  }
  void value(const std::pair<unsigned, std::string> &Pair) {
    OS << "std::pair<unsigned, std::string>(";
    value(Pair.first);
    OS << ", ";
    value(Pair.second);
    OS << ')';
  }
  void value(const ArgumentCondition &Cond) {
    OS << "ArgumentCondition{";
    value(Cond.Index);
    OS << ", ";
    value(Cond.Objects);
    OS << ", ";
    value(Cond.Types);
    OS << ", ";
    value(Cond.Values);
    OS << '}';
  }
  template <typename T> void value(const std::optional<T> &Maybe) {
    if (Maybe)
      value(*Maybe);
    else
      OS << "std::nullopt";
  }

  /// `Object.Name = Value;`, left out where the value is the default.
  template <typename T> void field(llvm::StringRef Object, llvm::StringRef Name, const T &Value) {
    if (isDefault(Value))
      return;
    OS << "  " << Object << Name << " = ";
    value(Value);
    OS << ";\n";
  }

private:
  template <typename T> static bool isDefault(const T &Value) { return Value == T(); }
  template <typename T> static bool isDefault(const std::optional<T> &Value) { return !Value; }
  static llvm::StringRef typeName(const std::string &) { return "std::string"; }
  static llvm::StringRef typeName(long long) { return "long long"; }

  llvm::raw_ostream &OS;
};

/// `void Function(std::vector<Type> &Out)`, which appends \p Items: one
/// element at a time, with the fields \p WriteFields writes for it.
template <typename T, typename FieldWriter>
void writeList(llvm::raw_ostream &OS, llvm::StringRef Function, llvm::StringRef Type,
               const std::vector<T> &Items, FieldWriter WriteFields) {
  OS << "void " << Function << "(std::vector<" << Type << "> &Out) {\n";
  OS << "  Out.reserve(" << Items.size() << ");\n";
  OS << "  " << Type << " *E = nullptr;\n";
  for (const T &Item : Items) {
    OS << "  E = &Out.emplace_back();\n";
    WriteFields(Item);
  }
  OS << "}\n\n";
}

void writeApis(Writer &W, llvm::raw_ostream &OS, llvm::StringRef Function,
               const std::vector<BlockingApi> &Apis) {
  writeList(OS, Function, "BlockingApi", Apis, [&](const BlockingApi &Api) {
    W.field("E->", "Kind", Api.Kind);
    W.field("E->", "Name", Api.Name);
    W.field("E->", "Member", Api.Member);
    W.field("E->", "Object", Api.Object);
    W.field("E->", "Category", Api.Category);
    W.field("E->", "Header", Api.Header);
    W.field("E->", "Framework", Api.Framework);
    W.field("E->", "MinArgs", Api.MinArgs);
    W.field("E->", "Argument", Api.Argument);
    W.field("E->", "UnlessArgument", Api.UnlessArgument);
    W.field("E->", "UnlessZeroDuration", Api.UnlessZeroDuration);
    W.field("E->", "ParameterType", Api.ParameterType);
    W.field("E->", "WhenDiscarded", Api.WhenDiscarded);
    W.field("E->", "Advice", Api.Advice);
    W.field("E->", "Descriptor", Api.Descriptor);
    W.field("E->", "UnlessMentions", Api.UnlessMentions);
    W.field("E->", "IgnoredCallback", Api.IgnoredCallback);
    W.field("E->", "InCoroutine", Api.InCoroutine);
    W.field("E->", "WorkArgument", Api.WorkArgument);
    W.field("E->", "TimeoutArgument", Api.TimeoutArgument);
    W.field("E->", "InFunction", Api.InFunction);
    W.field("E->", "SystemLimit", Api.SystemLimit);
    W.field("E->", "ExactFix", Api.ExactFix);
    W.field("E->", "Range", Api.Range);
    W.field("E->", "Launch", Api.Launch);
    W.field("E->", "Returns", Api.Returns);
  });
}

void writeFrameworks(Writer &W, llvm::raw_ostream &OS, const std::vector<Framework> &Frameworks) {
  writeList(OS, "addFrameworks", "Framework", Frameworks, [&](const Framework &Fw) {
    W.field("E->", "Id", Fw.Id);
    W.field("E->", "Name", Fw.Name);
    W.field("E->", "Namespaces", Fw.Namespaces);
    W.field("E->", "AsyncTypes", Fw.AsyncTypes);
    W.field("E->", "DedicatedThreadExecutors", Fw.DedicatedThreadExecutors);
    W.field("E->", "Advice", Fw.Advice);
    W.field("E->", "CancellationTypes", Fw.CancellationTypes);
    W.field("E->", "CancellationHeaders", Fw.CancellationHeaders);
    W.field("E->", "CancellationChecks", Fw.CancellationChecks);
    W.field("E->", "ErrorValueTypes", Fw.ErrorValueTypes);
    W.field("E->", "SchedulerTypes", Fw.SchedulerTypes);
    W.field("E->", "LoggingNames", Fw.LoggingNames);
    W.field("E->", "Source", Fw.Source);
  });
}

void writeCategories(Writer &W, llvm::raw_ostream &OS, const std::vector<Category> &Categories) {
  writeList(OS, "addCategories", "Category", Categories, [&](const Category &Cat) {
    W.field("E->", "Id", Cat.Id);
    W.field("E->", "Summary", Cat.Summary);
    W.field("E->", "Advice", Cat.Advice);
  });
}

/// The source defining Catalog::builtin(): one function per list, so that
/// no function the compiler optimises is very large.
std::string generate(const Catalog &Cat) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  Writer W(OS);
  OS << "// Generated from the catalogue's data files by asynclint-catalog-gen; do not edit.\n"
        "#include \"catalog/Catalog.h\"\n\n"
        "namespace asynclint {\nnamespace {\n\n";
  writeCategories(W, OS, Cat.categories());
  writeFrameworks(W, OS, Cat.frameworks());
  std::pair<llvm::StringRef, const std::vector<BlockingApi> *> Lists[] = {
      {"Blocking", &Cat.blockingApis()},
      {"Offload", &Cat.offloadApis()},
      {"Spawners", &Cat.spawnerApis()},
      {"Launchers", &Cat.launcherApis()},
      {"Combinators", &Cat.combinatorApis()},
      {"Races", &Cat.raceApis()},
      {"Deadlines", &Cat.deadlineApis()},
      {"ExternalWaits", &Cat.externalWaitApis()},
      {"SchedulingPoints", &Cat.schedulingPointApis()},
      {"Timers", &Cat.timerApis()}};
  for (const auto &[Member, Apis] : Lists)
    writeApis(W, OS, ("add" + Member).str(), *Apis);
  OS << "} // namespace\n\nCatalog Catalog::builtin() {\n  Catalog Result;\n";
  OS << "  addCategories(Result.Categories);\n  addFrameworks(Result.Frameworks);\n";
  for (const auto &[Member, Apis] : Lists)
    OS << "  add" << Member << "(Result." << Member << ");\n";
  W.field("Result.", "SchedulingWords", Cat.schedulingWords());
  W.field("Result.", "QueryWords", Cat.queryWords());
  W.field("Result.", "ActionWords", Cat.actionWords());
  W.field("Result.", "LockWords", Cat.lockWords());
  for (size_t Family = 1; Family <= static_cast<size_t>(ContainerFamily::Flat); ++Family)
    W.field("Result.", "ContainerTypes[" + std::to_string(Family) + "]",
            Cat.containerTypes(static_cast<ContainerFamily>(Family)));
  W.field("Result.", "NonBlockingFunctions", Cat.nonBlockingFunctions());
  OS << "  return Result;\n}\n\n} // namespace asynclint\n";
  return Text;
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 2) {
    llvm::errs() << "usage: asynclint-catalog-gen OUTPUT.cpp\n";
    return 2;
  }
  auto Cat = Catalog::fromFiles(embeddedCatalogFiles());
  if (!Cat) {
    llvm::errs() << "asynclint-catalog-gen: the built-in catalogue is invalid: "
                 << llvm::toString(Cat.takeError()) << "\n";
    return 1;
  }
  std::string Text = generate(*Cat);
  // Unchanged output keeps its timestamp, so that nothing is rebuilt.
  if (auto Old = llvm::MemoryBuffer::getFile(Argv[1]); Old && (*Old)->getBuffer() == Text)
    return 0;
  std::error_code EC;
  llvm::raw_fd_ostream Out(Argv[1], EC);
  if (!EC) {
    Out << Text;
    Out.close();
    EC = Out.error();
  }
  if (EC) {
    llvm::errs() << "asynclint-catalog-gen: cannot write " << Argv[1] << ": " << EC.message()
                 << "\n";
    (void)llvm::sys::fs::remove(Argv[1]);
    return 1;
  }
  return 0;
}
