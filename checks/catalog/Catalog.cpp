#include "Catalog.h"
#include "JsonLocator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"

#include <mutex>
#include <nlohmann/json.hpp>

namespace asynclint {
namespace {

using nlohmann::json;

/// A rejected value: where it is (a JSON pointer) and what is wrong.
struct SchemaError {
  std::string Pointer;
  std::string Message;
};

[[noreturn]] void reject(const std::string &Pointer, std::string Message) {
  throw SchemaError{Pointer, std::move(Message)};
}

void requireKeys(const json &Object, const std::string &Pointer,
                 std::initializer_list<const char *> Allowed) {
  if (!Object.is_object())
    reject(Pointer, "expected an object");
  for (const auto &Item : Object.items()) {
    if (llvm::none_of(Allowed, [&](const char *K) { return Item.key() == K; }))
      reject(Pointer + "/" + Item.key(), "unknown key '" + Item.key() + "'");
  }
}

std::string asString(const json &Value, const std::string &Pointer) {
  if (!Value.is_string() || Value.get_ref<const std::string &>().empty())
    reject(Pointer, "expected a non-empty string");
  return Value.get<std::string>();
}

unsigned asIndex(const json &Value, const std::string &Pointer) {
  if (!Value.is_number_unsigned() || Value.get<unsigned long long>() > 64)
    reject(Pointer, "expected an argument index from 0 to 64");
  return Value.get<unsigned>();
}

std::vector<std::string> asStrings(const json &Value, const std::string &Pointer) {
  if (Value.is_string())
    return {asString(Value, Pointer)};
  if (!Value.is_array())
    reject(Pointer, "expected a string or an array of strings");
  std::vector<std::string> Out;
  Out.reserve(Value.size());
  for (size_t I = 0; I < Value.size(); ++I)
    Out.push_back(asString(Value[I], Pointer + "/" + std::to_string(I)));
  return Out;
}

bool asFlag(const json &Object, const char *Key, const std::string &Pointer) {
  if (!Object.contains(Key))
    return false;
  if (!Object[Key].is_boolean())
    reject(Pointer + "/" + Key, "expected true or false");
  return Object[Key].get<bool>();
}

/// Strips a leading "::" so that "::sleep" and "sleep" name the same thing.
std::string normaliseName(std::string Name) {
  if (llvm::StringRef(Name).starts_with("::"))
    Name.erase(0, 2);
  return Name;
}

ArgumentCondition parseCondition(const json &Value, const std::string &Pointer) {
  requireKeys(Value, Pointer, {"index", "object", "type", "value"});
  if (!Value.contains("index"))
    reject(Pointer, "missing 'index'");
  ArgumentCondition Cond;
  Cond.Index = asIndex(Value["index"], Pointer + "/index");
  if (Value.contains("object"))
    for (auto &Name : asStrings(Value["object"], Pointer + "/object"))
      Cond.Objects.push_back(normaliseName(Name));
  if (Value.contains("type"))
    for (auto &Name : asStrings(Value["type"], Pointer + "/type"))
      Cond.Types.push_back(normaliseName(Name));
  if (Value.contains("value")) {
    const json &Values = Value["value"];
    if (!Values.is_array())
      reject(Pointer + "/value", "expected an array of integers");
    for (size_t I = 0; I < Values.size(); ++I) {
      if (!Values[I].is_number_integer())
        reject(Pointer + "/value/" + std::to_string(I), "expected an integer");
      Cond.Values.push_back(Values[I].get<long long>());
    }
  }
  if (Cond.Objects.empty() && Cond.Types.empty() && Cond.Values.empty())
    reject(Pointer, "a condition needs 'object', 'type' or 'value'");
  return Cond;
}

BlockingApi parseBlocking(const json &Value, const std::string &Pointer,
                          const llvm::StringSet<> &CategoryIds, const std::string &FrameworkId,
                          bool NeedsCategory = true) {
  requireKeys(
      Value, Pointer,
      {"function",   "method",         "constructor",        "operator",        "callable",
       "object",     "type",           "category",           "header",          "minArgs",
       "argument",   "unlessArgument", "unlessZeroDuration", "parameterType",   "whenDiscarded",
       "advice",     "descriptor",     "unlessMentions",     "ignoredCallback", "inCoroutine",
       "work",       "timeout",        "inFunction",         "exactFix",        "range",
       "systemLimit"});
  BlockingApi Api;
  Api.Framework = FrameworkId;
  int Forms = 0;
  if (Value.contains("function")) {
    ++Forms;
    Api.Kind = ApiKind::Function;
    Api.Name = normaliseName(asString(Value["function"], Pointer + "/function"));
  }
  if (Value.contains("method")) {
    ++Forms;
    std::string Full = normaliseName(asString(Value["method"], Pointer + "/method"));
    size_t Sep = Full.rfind("::");
    if (Sep == std::string::npos || Sep == 0 || Sep + 2 == Full.size())
      reject(Pointer + "/method", "expected 'Class::method', got '" + Full + "'");
    Api.Kind = ApiKind::Method;
    Api.Name = Full.substr(0, Sep);
    Api.Member = Full.substr(Sep + 2);
  }
  if (Value.contains("constructor")) {
    ++Forms;
    Api.Kind = ApiKind::Constructor;
    Api.Name = normaliseName(asString(Value["constructor"], Pointer + "/constructor"));
  }
  if (Value.contains("operator")) {
    ++Forms;
    Api.Kind = ApiKind::Operator;
    Api.Member = asString(Value["operator"], Pointer + "/operator");
    if (Value.contains("type"))
      Api.Name = normaliseName(asString(Value["type"], Pointer + "/type"));
    if (!Value.contains("object") && !Value.contains("type"))
      reject(Pointer, "an operator needs the 'object' or 'type' it applies to");
  }
  if (Value.contains("callable")) {
    ++Forms;
    Api.Kind = ApiKind::Operator;
    Api.Member = "()";
    Api.Object = normaliseName(asString(Value["callable"], Pointer + "/callable"));
  }
  if (Forms != 1)
    reject(Pointer, "an entry needs exactly one of 'function', 'method', "
                    "'constructor', 'operator' or 'callable'");
  if (Value.contains("type") && Api.Kind != ApiKind::Operator)
    reject(Pointer + "/type", "'type' applies to operators only");
  if (Value.contains("object"))
    Api.Object = normaliseName(asString(Value["object"], Pointer + "/object"));

  if (!NeedsCategory && Value.contains("category"))
    reject(Pointer + "/category", "only blocking entries have a category");
  if (NeedsCategory && !Value.contains("category"))
    reject(Pointer, "missing 'category'");
  if (NeedsCategory)
    Api.Category = asString(Value["category"], Pointer + "/category");
  if (NeedsCategory && !CategoryIds.contains(Api.Category)) {
    std::string Known;
    for (const auto &Id : CategoryIds.keys())
      Known += (Known.empty() ? "" : ", ") + Id.str();
    reject(Pointer + "/category", "unknown category '" + Api.Category + "' (known: " + Known + ")");
  }
  if (Value.contains("header"))
    Api.Header = asString(Value["header"], Pointer + "/header");
  if (Value.contains("minArgs"))
    Api.MinArgs = asIndex(Value["minArgs"], Pointer + "/minArgs");
  if (Value.contains("argument"))
    Api.Argument = parseCondition(Value["argument"], Pointer + "/argument");
  if (Value.contains("unlessArgument"))
    Api.UnlessArgument = parseCondition(Value["unlessArgument"], Pointer + "/unlessArgument");
  if (Value.contains("unlessZeroDuration"))
    Api.UnlessZeroDuration = asIndex(Value["unlessZeroDuration"], Pointer + "/unlessZeroDuration");
  Api.Descriptor = asFlag(Value, "descriptor", Pointer);
  if (Value.contains("unlessMentions"))
    for (auto &N : asStrings(Value["unlessMentions"], Pointer + "/unlessMentions"))
      Api.UnlessMentions.push_back(normaliseName(N));
  if (Value.contains("ignoredCallback"))
    Api.IgnoredCallback = asIndex(Value["ignoredCallback"], Pointer + "/ignoredCallback");
  if (Value.contains("work"))
    Api.WorkArgument = asIndex(Value["work"], Pointer + "/work");
  if (Value.contains("timeout"))
    Api.TimeoutArgument = asIndex(Value["timeout"], Pointer + "/timeout");
  Api.InCoroutine = asFlag(Value, "inCoroutine", Pointer);
  Api.InFunction = asFlag(Value, "inFunction", Pointer);
  Api.SystemLimit = asFlag(Value, "systemLimit", Pointer);
  Api.ExactFix = asFlag(Value, "exactFix", Pointer);
  Api.Range = asFlag(Value, "range", Pointer);
  if (Value.contains("advice"))
    Api.Advice = asString(Value["advice"], Pointer + "/advice");
  Api.WhenDiscarded = asFlag(Value, "whenDiscarded", Pointer);
  if (Value.contains("parameterType")) {
    const json &P = Value["parameterType"];
    std::string PP = Pointer + "/parameterType";
    requireKeys(P, PP, {"index", "type"});
    if (!P.contains("index") || !P.contains("type"))
      reject(PP, "expected 'index' and 'type'");
    Api.ParameterType = {asIndex(P["index"], PP + "/index"),
                         normaliseName(asString(P["type"], PP + "/type"))};
  }
  return Api;
}

/// A cancellation type is a name, or {"type": name, "header": header}.
void parseCancellationTypes(const json &Value, Framework &Fw) {
  const std::string Pointer = "/cancellationTypes";
  if (!Value.is_array())
    reject(Pointer, "expected an array");
  for (size_t I = 0; I < Value.size(); ++I) {
    std::string P = Pointer + "/" + std::to_string(I);
    if (Value[I].is_string()) {
      Fw.CancellationTypes.push_back(normaliseName(asString(Value[I], P)));
      continue;
    }
    requireKeys(Value[I], P, {"type", "header"});
    if (!Value[I].contains("type"))
      reject(P, "missing 'type'");
    std::string Name = normaliseName(asString(Value[I]["type"], P + "/type"));
    if (Value[I].contains("header"))
      Fw.CancellationHeaders[Name] = asString(Value[I]["header"], P + "/header");
    Fw.CancellationTypes.push_back(std::move(Name));
  }
}

} // namespace

std::string BlockingApi::displayName() const {
  switch (Kind) {
  case ApiKind::Function:
    return Name;
  case ApiKind::Method:
    return Name + "::" + Member;
  case ApiKind::Constructor:
    return Name + " constructor";
  case ApiKind::Operator:
    if (Member == "()")
      return Object;
    return (Object.empty() ? Name : Object) + " " + Member;
  }
  return Name;
}

llvm::Expected<Catalog> Catalog::builtin() {
  Catalog Result;
  // Categories first: the framework files refer to them.
  auto Files = embeddedCatalogFiles();
  for (bool CategoriesPass : {true, false}) {
    for (const EmbeddedFile &File : Files) {
      bool IsCategories = llvm::StringRef(File.Name) == "categories.json";
      if (IsCategories != CategoriesPass)
        continue;
      if (auto Err = Result.addFromText(File.Contents, std::string("<built-in>/") + File.Name))
        return std::move(Err);
    }
  }
  return Result;
}

Catalog Catalog::load(llvm::StringRef UserFiles, llvm::function_ref<void(std::string)> Report) {
  auto Builtin = builtin();
  if (!Builtin) {
    Report("built-in catalogue is invalid: " + llvm::toString(Builtin.takeError()));
    return {};
  }
  llvm::SmallVector<llvm::StringRef, 4> Paths;
  UserFiles.split(Paths, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Paths) {
    Path = Path.trim();
    if (Path.empty())
      continue;
    if (auto Err = Builtin->addFromFile(Path))
      Report("invalid catalogue: " + llvm::toString(std::move(Err)));
  }
  return std::move(*Builtin);
}

std::shared_ptr<const Catalog> Catalog::shared(llvm::StringRef UserFiles,
                                               llvm::function_ref<void(std::string)> Report) {
  // Keyed by content: an edited catalogue (in the editor, between runs of
  // one clangd) is read again.
  std::string Key = UserFiles.str();
  llvm::SmallVector<llvm::StringRef, 4> Paths;
  UserFiles.split(Paths, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Path : Paths) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path.trim(), /*IsText=*/true);
    Key += '\0';
    Key += Buffer ? llvm::utohexstr(llvm::xxh3_64bits((*Buffer)->getBuffer())) : "unreadable";
  }
  struct Entry {
    std::shared_ptr<const Catalog> Loaded;
    std::vector<std::string> Problems;
  };
  static std::mutex Lock;
  static llvm::StringMap<Entry> Cache;
  std::scoped_lock Guard(Lock);
  auto It = Cache.find(Key);
  if (It == Cache.end()) {
    // A handful of configurations at a time; an editor that keeps changing
    // the files must not grow this without end.
    if (Cache.size() >= 8)
      Cache.clear();
    Entry New;
    New.Loaded = std::make_shared<const Catalog>(
        load(UserFiles, [&](std::string Problem) { New.Problems.push_back(std::move(Problem)); }));
    It = Cache.try_emplace(Key, std::move(New)).first;
  }
  for (const std::string &Problem : It->second.Problems)
    Report(Problem);
  return It->second.Loaded;
}

llvm::Error Catalog::addFromFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read catalogue file '%s': %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  return addFromText((*Buffer)->getBuffer(), Path);
}

llvm::Error Catalog::addFromText(llvm::StringRef Text, llvm::StringRef SourceName) {
  json Root;
  try {
    Root = json::parse(Text.begin(), Text.end());
  } catch (const json::parse_error &E) {
    auto [Line, Column] = lineAndColumn(Text, E.byte ? E.byte - 1 : 0);
    std::string What = E.what();
    // nlohmann prefixes its own location; keep only the description.
    size_t Colon = What.rfind(": ");
    if (Colon != std::string::npos)
      What = What.substr(Colon + 2);
    return llvm::createStringError(std::errc::invalid_argument, "%s:%u:%u: invalid JSON: %s",
                                   SourceName.str().c_str(), Line, Column, What.c_str());
  }

  Catalog Staged = *this;
  try {
    requireKeys(Root, "",
                {"framework",
                 "name",
                 "namespaces",
                 "asyncTypes",
                 "advice",
                 "blocking",
                 "offload",
                 "spawners",
                 "combinators",
                 "races",
                 "deadlines",
                 "externalWaits",
                 "schedulingPoints",
                 "timers",
                 "categories",
                 "cancellationTypes",
                 "cancellationChecks",
                 "dedicatedThreadExecutors",
                 "errorValues",
                 "schedulers",
                 "schedulingWords",
                 "queryWords",
                 "actionWords"});
    if (Root.contains("categories")) {
      const json &Cats = Root["categories"];
      if (!Cats.is_array())
        reject("/categories", "expected an array");
      for (size_t I = 0; I < Cats.size(); ++I) {
        std::string P = "/categories/" + std::to_string(I);
        requireKeys(Cats[I], P, {"id", "summary", "advice"});
        for (const char *Key : {"id", "summary", "advice"})
          if (!Cats[I].contains(Key))
            reject(P, std::string("missing '") + Key + "'");
        Category C{asString(Cats[I]["id"], P + "/id"), asString(Cats[I]["summary"], P + "/summary"),
                   asString(Cats[I]["advice"], P + "/advice")};
        if (Staged.category(C.Id))
          reject(P + "/id", "category '" + C.Id + "' is already defined");
        Staged.Categories.push_back(std::move(C));
      }
    }

    for (auto [Key, Words] : {std::pair{"schedulingWords", &Staged.SchedulingWords},
                              std::pair{"queryWords", &Staged.QueryWords},
                              std::pair{"actionWords", &Staged.ActionWords}})
      if (Root.contains(Key))
        for (std::string &Word : asStrings(Root[Key], std::string("/") + Key))
          Words->push_back(llvm::StringRef(Word).lower());

    std::string FrameworkId = "user";
    if (Root.contains("framework"))
      FrameworkId = asString(Root["framework"], "/framework");
    Framework *Fw = nullptr;
    for (Framework &F : Staged.Frameworks)
      if (F.Id == FrameworkId)
        Fw = &F;
    if (!Fw) {
      Staged.Frameworks.push_back({});
      Fw = &Staged.Frameworks.back();
      Fw->Id = FrameworkId;
      Fw->Name = FrameworkId;
      Fw->Source = SourceName.str();
    }
    if (Root.contains("name"))
      Fw->Name = asString(Root["name"], "/name");
    if (Root.contains("namespaces"))
      for (auto &N : asStrings(Root["namespaces"], "/namespaces"))
        Fw->Namespaces.push_back(normaliseName(N));
    if (Root.contains("cancellationTypes"))
      parseCancellationTypes(Root["cancellationTypes"], *Fw);
    if (Root.contains("cancellationChecks"))
      for (auto &N : asStrings(Root["cancellationChecks"], "/cancellationChecks"))
        Fw->CancellationChecks.push_back(normaliseName(N));
    if (Root.contains("dedicatedThreadExecutors"))
      for (auto &N : asStrings(Root["dedicatedThreadExecutors"], "/dedicatedThreadExecutors"))
        Fw->DedicatedThreadExecutors.push_back(normaliseName(N));
    if (Root.contains("errorValues"))
      for (auto &N : asStrings(Root["errorValues"], "/errorValues"))
        Fw->ErrorValueTypes.push_back(normaliseName(N));
    if (Root.contains("schedulers"))
      for (auto &N : asStrings(Root["schedulers"], "/schedulers"))
        Fw->SchedulerTypes.push_back(normaliseName(N));
    if (Root.contains("asyncTypes"))
      for (auto &N : asStrings(Root["asyncTypes"], "/asyncTypes"))
        Fw->AsyncTypes.push_back(normaliseName(N));

    llvm::StringSet<> CategoryIds;
    for (const Category &C : Staged.Categories)
      CategoryIds.insert(C.Id);
    if (Root.contains("advice")) {
      const json &Advice = Root["advice"];
      if (!Advice.is_object())
        reject("/advice", "expected an object mapping categories to advice");
      for (const auto &Item : Advice.items()) {
        std::string P = "/advice/" + Item.key();
        if (!CategoryIds.contains(Item.key()))
          reject(P, "unknown category '" + Item.key() + "'");
        Fw->Advice[Item.key()] = asString(Item.value(), P);
      }
    }
    auto ParseEntries = [&](const char *Key, bool NeedsCategory, std::vector<BlockingApi> &Into) {
      if (!Root.contains(Key))
        return;
      const json &Entries = Root[Key];
      std::string Pointer = std::string("/") + Key;
      if (!Entries.is_array())
        reject(Pointer, "expected an array");
      for (size_t I = 0; I < Entries.size(); ++I)
        Into.push_back(parseBlocking(Entries[I], Pointer + "/" + std::to_string(I), CategoryIds,
                                     FrameworkId, NeedsCategory));
    };
    ParseEntries("blocking", /*NeedsCategory=*/true, Staged.Blocking);
    ParseEntries("offload", /*NeedsCategory=*/false, Staged.Offload);
    ParseEntries("spawners", /*NeedsCategory=*/false, Staged.Spawners);
    ParseEntries("combinators", /*NeedsCategory=*/false, Staged.Combinators);
    ParseEntries("races", /*NeedsCategory=*/false, Staged.Races);
    ParseEntries("deadlines", /*NeedsCategory=*/false, Staged.Deadlines);
    ParseEntries("externalWaits", /*NeedsCategory=*/false, Staged.ExternalWaits);
    ParseEntries("schedulingPoints", /*NeedsCategory=*/false, Staged.Scheduling);
    ParseEntries("timers", /*NeedsCategory=*/false, Staged.Timers);
  } catch (const SchemaError &E) {
    unsigned Line = JsonLocator(Text).lineOf(E.Pointer);
    return llvm::createStringError(std::errc::invalid_argument, "%s:%u: %s",
                                   SourceName.str().c_str(), Line, E.Message.c_str());
  }
  *this = std::move(Staged);
  return llvm::Error::success();
}

const Category *Catalog::category(llvm::StringRef Id) const {
  for (const Category &C : Categories)
    if (C.Id == Id)
      return &C;
  return nullptr;
}

const Framework *Catalog::framework(llvm::StringRef Id) const {
  for (const Framework &F : Frameworks)
    if (F.Id == Id)
      return &F;
  return nullptr;
}

const Framework *Catalog::frameworkOfName(llvm::StringRef QualifiedName) const {
  const Framework *Best = nullptr;
  size_t BestLength = 0;
  for (const Framework &F : Frameworks) {
    for (const std::string &Ns : F.Namespaces) {
      if (Ns.size() <= BestLength || !QualifiedName.starts_with(Ns) ||
          !QualifiedName.drop_front(Ns.size()).starts_with("::"))
        continue;
      Best = &F;
      BestLength = Ns.size();
    }
  }
  return Best;
}

std::string Catalog::advice(llvm::StringRef CategoryId, const Framework *Fw) const {
  if (Fw) {
    auto It = Fw->Advice.find(CategoryId.str());
    if (It != Fw->Advice.end())
      return It->second;
  }
  if (const Category *C = category(CategoryId))
    return C->Advice;
  return "";
}

} // namespace asynclint
