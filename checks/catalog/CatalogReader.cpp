#include "CatalogReader.h"
#include "JsonLocator.h"
#include "support/RegularFiles.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"

namespace asynclint {
namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

/// The first problem found in a catalogue file, by JSON pointer. Parsing
/// goes on after it with harmless defaults, so that no step needs to stop
/// early; the file is rejected as a whole at the end.
class Problems {
public:
  void reject(const std::string &Pointer, std::string Message) {
    if (!Failed) {
      Failed = true;
      FirstPointer = Pointer;
      FirstMessage = std::move(Message);
    }
  }
  bool any() const { return Failed; }
  const std::string &pointer() const { return FirstPointer; }
  const std::string &message() const { return FirstMessage; }

private:
  bool Failed = false;
  std::string FirstPointer, FirstMessage;
};

/// \p V as an object whose keys are all among \p Allowed, or null.
const Object *requireKeys(const Value &V, const std::string &Pointer,
                          std::initializer_list<llvm::StringRef> Allowed, Problems &P) {
  const Object *Obj = V.getAsObject();
  if (!Obj) {
    P.reject(Pointer, "expected an object");
    return nullptr;
  }
  // Reported in key order, so that the message does not depend on hashing.
  std::vector<llvm::StringRef> Unknown;
  for (const auto &Member : *Obj)
    if (!llvm::is_contained(Allowed, llvm::StringRef(Member.first)))
      Unknown.push_back(Member.first);
  llvm::sort(Unknown);
  if (!Unknown.empty())
    P.reject(Pointer + "/" + Unknown.front().str(), "unknown key '" + Unknown.front().str() + "'");
  return Obj;
}

std::string asString(const Value *V, const std::string &Pointer, Problems &P) {
  std::optional<llvm::StringRef> S = V ? V->getAsString() : std::nullopt;
  if (!S || S->empty()) {
    P.reject(Pointer, "expected a non-empty string");
    return "";
  }
  return S->str();
}

unsigned asIndex(const Value *V, const std::string &Pointer, Problems &P) {
  std::optional<int64_t> N = V ? V->getAsInteger() : std::nullopt;
  if (!N || *N < 0 || *N > 64) {
    P.reject(Pointer, "expected an argument index from 0 to 64");
    return 0;
  }
  return static_cast<unsigned>(*N);
}

std::vector<std::string> asStrings(const Value *V, const std::string &Pointer, Problems &P) {
  if (V && V->getAsString())
    return {asString(V, Pointer, P)};
  const Array *Items = V ? V->getAsArray() : nullptr;
  if (!Items) {
    P.reject(Pointer, "expected a string or an array of strings");
    return {};
  }
  std::vector<std::string> Out;
  Out.reserve(Items->size());
  for (size_t I = 0; I < Items->size(); ++I)
    Out.push_back(asString(&(*Items)[I], Pointer + "/" + std::to_string(I), P));
  return Out;
}

bool asFlag(const Object &Obj, llvm::StringRef Key, const std::string &Pointer, Problems &P) {
  const Value *V = Obj.get(Key);
  if (!V)
    return false;
  std::optional<bool> Flag = V->getAsBoolean();
  if (!Flag)
    P.reject(Pointer + "/" + Key.str(), "expected true or false");
  return Flag.value_or(false);
}

/// Strips a leading "::" so that "::sleep" and "sleep" name the same thing.
std::string normalizeName(std::string Name) {
  if (llvm::StringRef(Name).starts_with("::"))
    Name.erase(0, 2);
  return Name;
}

std::vector<std::string> asNames(const Value *V, const std::string &Pointer, Problems &P) {
  std::vector<std::string> Names = asStrings(V, Pointer, P);
  for (std::string &Name : Names)
    Name = normalizeName(std::move(Name));
  return Names;
}

ArgumentCondition parseCondition(const Value &V, const std::string &Pointer, Problems &P) {
  ArgumentCondition Cond;
  const Object *Obj = requireKeys(V, Pointer, {"index", "object", "type", "value"}, P);
  if (!Obj)
    return Cond;
  if (!Obj->get("index"))
    P.reject(Pointer, "missing 'index'");
  else
    Cond.Index = asIndex(Obj->get("index"), Pointer + "/index", P);
  if (const Value *Objects = Obj->get("object"))
    Cond.Objects = asNames(Objects, Pointer + "/object", P);
  if (const Value *Types = Obj->get("type"))
    Cond.Types = asNames(Types, Pointer + "/type", P);
  if (const Value *Values = Obj->get("value")) {
    const Array *Items = Values->getAsArray();
    if (!Items)
      P.reject(Pointer + "/value", "expected an array of integers");
    for (size_t I = 0; Items && I < Items->size(); ++I) {
      std::optional<int64_t> N = (*Items)[I].getAsInteger();
      if (!N)
        P.reject(Pointer + "/value/" + std::to_string(I), "expected an integer");
      Cond.Values.push_back(N.value_or(0));
    }
  }
  if (Cond.Objects.empty() && Cond.Types.empty() && Cond.Values.empty())
    P.reject(Pointer, "a condition needs 'object', 'type' or 'value'");
  return Cond;
}

/// The form of an entry: which of function, method, constructor, operator
/// or callable it names.
void parseForm(const Object &Obj, const std::string &Pointer, BlockingApi &Api, Problems &P) {
  int Forms = 0;
  if (const Value *V = Obj.get("function")) {
    ++Forms;
    Api.Kind = ApiKind::Function;
    Api.Name = normalizeName(asString(V, Pointer + "/function", P));
  }
  if (const Value *V = Obj.get("method")) {
    ++Forms;
    std::string Full = normalizeName(asString(V, Pointer + "/method", P));
    size_t Sep = Full.rfind("::");
    if (Sep == std::string::npos || Sep == 0 || Sep + 2 == Full.size())
      P.reject(Pointer + "/method", "expected 'Class::method', got '" + Full + "'");
    Api.Kind = ApiKind::Method;
    Api.Name = Full.substr(0, Sep == std::string::npos ? 0 : Sep);
    Api.Member = Sep == std::string::npos ? "" : Full.substr(Sep + 2);
  }
  if (const Value *V = Obj.get("constructor")) {
    ++Forms;
    Api.Kind = ApiKind::Constructor;
    Api.Name = normalizeName(asString(V, Pointer + "/constructor", P));
  }
  if (const Value *V = Obj.get("operator")) {
    ++Forms;
    Api.Kind = ApiKind::Operator;
    Api.Member = asString(V, Pointer + "/operator", P);
    if (const Value *Type = Obj.get("type"))
      Api.Name = normalizeName(asString(Type, Pointer + "/type", P));
    if (!Obj.get("object") && !Obj.get("type"))
      P.reject(Pointer, "an operator needs the 'object' or 'type' it applies to");
  }
  // A signature names what the entry stands for in messages; its
  // parameterType and returns say which member functions it is.
  if (const Value *V = Obj.get("signature")) {
    ++Forms;
    Api.Kind = ApiKind::Signature;
    Api.Name = asString(V, Pointer + "/signature", P);
    if (!Obj.get("parameterType") || !Obj.get("returns"))
      P.reject(Pointer, "a signature needs 'parameterType' and 'returns'");
  }
  if (const Value *V = Obj.get("callable")) {
    ++Forms;
    Api.Kind = ApiKind::Operator;
    Api.Member = "()";
    Api.Object = normalizeName(asString(V, Pointer + "/callable", P));
  }
  if (Forms != 1)
    P.reject(Pointer, "an entry needs exactly one of 'function', 'method', "
                      "'constructor', 'operator', 'callable' or 'signature'");
  if (Obj.get("type") && Api.Kind != ApiKind::Operator)
    P.reject(Pointer + "/type", "'type' applies to operators only");
  if (const Value *V = Obj.get("object"))
    Api.Object = normalizeName(asString(V, Pointer + "/object", P));
}

BlockingApi parseBlocking(const Value &V, const std::string &Pointer,
                          const llvm::StringSet<> &CategoryIds, const std::string &FrameworkId,
                          bool NeedsCategory, Problems &P) {
  BlockingApi Api;
  Api.Framework = FrameworkId;
  const Object *Obj = requireKeys(
      V, Pointer,
      {"function",    "method",         "constructor",        "operator",        "callable",
       "object",      "type",           "category",           "header",          "minArgs",
       "argument",    "unlessArgument", "unlessZeroDuration", "parameterType",   "whenDiscarded",
       "advice",      "descriptor",     "unlessMentions",     "ignoredCallback", "inCoroutine",
       "work",        "timeout",        "inFunction",         "exactFix",        "range",
       "systemLimit", "result",         "signature",          "returns"},
      P);
  if (!Obj)
    return Api;
  parseForm(*Obj, Pointer, Api, P);

  const Value *Category = Obj->get("category");
  if (!NeedsCategory && Category)
    P.reject(Pointer + "/category", "only blocking entries have a category");
  if (NeedsCategory && !Category)
    P.reject(Pointer, "missing 'category'");
  if (NeedsCategory && Category) {
    Api.Category = asString(Category, Pointer + "/category", P);
    if (!CategoryIds.contains(Api.Category)) {
      std::string Known;
      for (const auto &Id : CategoryIds.keys())
        Known += (Known.empty() ? "" : ", ") + Id.str();
      P.reject(Pointer + "/category",
               "unknown category '" + Api.Category + "' (known: " + Known + ")");
    }
  }
  auto Index = [&](llvm::StringRef Key) -> std::optional<unsigned> {
    if (const Value *V = Obj->get(Key))
      return asIndex(V, Pointer + "/" + Key.str(), P);
    return std::nullopt;
  };
  auto Text = [&](llvm::StringRef Key) -> std::string {
    const Value *V = Obj->get(Key);
    return V ? asString(V, Pointer + "/" + Key.str(), P) : "";
  };
  auto Flag = [&](llvm::StringRef Key) { return asFlag(*Obj, Key, Pointer, P); };
  Api.Header = Text("header");
  Api.Advice = Text("advice");
  Api.Returns = normalizeName(Text("returns"));
  if (!Api.Returns.empty() && Api.Kind != ApiKind::Signature)
    P.reject(Pointer + "/returns", "'returns' applies to signatures only");
  if (std::optional<unsigned> N = Index("minArgs"))
    Api.MinArgs = *N;
  Api.UnlessZeroDuration = Index("unlessZeroDuration");
  Api.IgnoredCallback = Index("ignoredCallback");
  Api.WorkArgument = Index("work");
  Api.TimeoutArgument = Index("timeout");
  if (const Value *V = Obj->get("argument"))
    Api.Argument = parseCondition(*V, Pointer + "/argument", P);
  if (const Value *V = Obj->get("unlessArgument"))
    Api.UnlessArgument = parseCondition(*V, Pointer + "/unlessArgument", P);
  if (const Value *V = Obj->get("unlessMentions"))
    Api.UnlessMentions = asNames(V, Pointer + "/unlessMentions", P);
  Api.Descriptor = Flag("descriptor");
  Api.InCoroutine = Flag("inCoroutine");
  Api.InFunction = Flag("inFunction");
  Api.SystemLimit = Flag("systemLimit");
  Api.ExactFix = Flag("exactFix");
  Api.Range = Flag("range");
  Api.WhenDiscarded = Flag("whenDiscarded");
  if (const Value *V = Obj->get("result")) {
    std::string Result = asString(V, Pointer + "/result", P);
    if (Result == "awaitable")
      Api.Launch = LaunchResult::Awaitable;
    else if (Result == "task")
      Api.Launch = LaunchResult::Task;
    else if (Result != "detached")
      P.reject(Pointer + "/result",
               "expected 'detached', 'awaitable' or 'task', got '" + Result + "'");
  }
  if (const Value *V = Obj->get("parameterType")) {
    std::string PP = Pointer + "/parameterType";
    if (const Object *Param = requireKeys(*V, PP, {"index", "type"}, P)) {
      if (!Param->get("index") || !Param->get("type"))
        P.reject(PP, "expected 'index' and 'type'");
      else
        Api.ParameterType = {asIndex(Param->get("index"), PP + "/index", P),
                             normalizeName(asString(Param->get("type"), PP + "/type", P))};
    }
  }
  return Api;
}

/// A cancellation type is a name, or {"type": name, "header": header}.
void parseCancellationTypes(const Value &V, Framework &Fw, Problems &P) {
  const std::string Pointer = "/cancellationTypes";
  const Array *Items = V.getAsArray();
  if (!Items) {
    P.reject(Pointer, "expected an array");
    return;
  }
  for (size_t I = 0; I < Items->size(); ++I) {
    std::string Item = Pointer + "/" + std::to_string(I);
    const Value &Entry = (*Items)[I];
    if (Entry.getAsString()) {
      Fw.CancellationTypes.push_back(normalizeName(asString(&Entry, Item, P)));
      continue;
    }
    const Object *Obj = requireKeys(Entry, Item, {"type", "header"}, P);
    if (!Obj)
      continue;
    if (!Obj->get("type")) {
      P.reject(Item, "missing 'type'");
      continue;
    }
    std::string Name = normalizeName(asString(Obj->get("type"), Item + "/type", P));
    if (const Value *Header = Obj->get("header"))
      Fw.CancellationHeaders[Name] = asString(Header, Item + "/header", P);
    Fw.CancellationTypes.push_back(std::move(Name));
  }
}

/// The position and description of a syntax error, from llvm::json's
/// message "[line:column, byte=offset]: description".
std::string describeSyntaxError(llvm::Error Err, llvm::StringRef SourceName) {
  std::string Message = llvm::toString(std::move(Err));
  llvm::StringRef Text = Message;
  unsigned Line = 0, Column = 0;
  if (Text.consume_front("[") && !Text.consumeInteger(10, Line) && Text.consume_front(":") &&
      !Text.consumeInteger(10, Column)) {
    size_t Close = Text.find("]: ");
    // llvm::json counts the characters read on the line; nothing read yet
    // is still the first column.
    if (Close != llvm::StringRef::npos)
      return (SourceName + ":" + llvm::Twine(Line) + ":" + llvm::Twine(std::max(Column, 1u)) +
              ": invalid JSON: " + Text.drop_front(Close + 3))
          .str();
  }
  return (SourceName + ": invalid JSON: " + Message).str();
}

} // namespace

/// Reads one catalogue document into a catalogue; problems go to a
/// Problems, and the caller keeps the catalogue only when there are none.
class CatalogReader::Document {
public:
  Document(Catalog &Into, llvm::StringRef SourceName, Problems &P)
      : Into(Into), SourceName(SourceName), P(P) {}

  void read(const Value &Root) {
    const Object *Obj = requireKeys(Root, "",
                                    {"framework",
                                     "name",
                                     "namespaces",
                                     "asyncTypes",
                                     "advice",
                                     "blocking",
                                     "offload",
                                     "spawners",
                                     "launchers",
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
                                     "actionWords",
                                     "lockWords",
                                     "containers",
                                     "nonBlocking",
                                     "logging"},
                                    P);
    if (!Obj)
      return;
    if (const Value *Cats = Obj->get("categories"))
      readCategories(*Cats);
    for (auto [Key, Words] :
         {std::pair{"schedulingWords", &Into.SchedulingWords},
          std::pair{"queryWords", &Into.QueryWords}, std::pair{"actionWords", &Into.ActionWords},
          std::pair{"lockWords", &Into.LockWords}})
      if (const Value *V = Obj->get(Key))
        for (std::string &Word : asStrings(V, std::string("/") + Key, P))
          Words->push_back(llvm::StringRef(Word).lower());
    if (const Value *V = Obj->get("containers"))
      readContainers(*V);
    if (const Value *V = Obj->get("nonBlocking"))
      llvm::append_range(Into.NonBlockingFunctions, asNames(V, "/nonBlocking", P));
    Framework &Fw = framework(*Obj);
    for (auto [Key, Names] :
         {std::pair{"namespaces", &Fw.Namespaces},
          std::pair{"cancellationChecks", &Fw.CancellationChecks},
          std::pair{"dedicatedThreadExecutors", &Fw.DedicatedThreadExecutors},
          std::pair{"errorValues", &Fw.ErrorValueTypes},
          std::pair{"schedulers", &Fw.SchedulerTypes}, std::pair{"asyncTypes", &Fw.AsyncTypes},
          std::pair{"logging", &Fw.LoggingNames}})
      if (const Value *V = Obj->get(Key))
        llvm::append_range(*Names, asNames(V, std::string("/") + Key, P));
    if (const Value *V = Obj->get("cancellationTypes"))
      parseCancellationTypes(*V, Fw, P);

    llvm::StringSet<> CategoryIds;
    for (const Category &C : Into.Categories)
      CategoryIds.insert(C.Id);
    if (const Value *V = Obj->get("advice"))
      readAdvice(*V, CategoryIds, Fw);
    for (auto [Key, Entries] :
         {std::pair{"blocking", &Into.Blocking}, std::pair{"offload", &Into.Offload},
          std::pair{"spawners", &Into.Spawners}, std::pair{"launchers", &Into.Launchers},
          std::pair{"combinators", &Into.Combinators}, std::pair{"races", &Into.Races},
          std::pair{"deadlines", &Into.Deadlines}, std::pair{"externalWaits", &Into.ExternalWaits},
          std::pair{"schedulingPoints", &Into.SchedulingPoints}, std::pair{"timers", &Into.Timers}})
      if (const Value *V = Obj->get(Key))
        readEntries(*V, Key, CategoryIds, Fw.Id, *Entries);
  }

private:
  void readContainers(const Value &V) {
    static constexpr std::pair<const char *, ContainerFamily> Families[] = {
        {"contiguous", ContainerFamily::Contiguous}, {"deque", ContainerFamily::Deque},
        {"nodeList", ContainerFamily::NodeList},     {"ordered", ContainerFamily::Ordered},
        {"hashed", ContainerFamily::Hashed},         {"flat", ContainerFamily::Flat}};
    const Object *Obj = requireKeys(
        V, "/containers", {"contiguous", "deque", "nodeList", "ordered", "hashed", "flat"}, P);
    if (!Obj)
      return;
    for (auto [Key, Family] : Families)
      if (const Value *Names = Obj->get(Key))
        llvm::append_range(Into.ContainerTypes[static_cast<size_t>(Family)],
                           asNames(Names, std::string("/containers/") + Key, P));
  }

  void readCategories(const Value &V) {
    const Array *Items = V.getAsArray();
    if (!Items) {
      P.reject("/categories", "expected an array");
      return;
    }
    for (size_t I = 0; I < Items->size(); ++I) {
      std::string Pointer = "/categories/" + std::to_string(I);
      const Object *Obj = requireKeys((*Items)[I], Pointer, {"id", "summary", "advice"}, P);
      if (!Obj)
        continue;
      for (llvm::StringRef Key : {"id", "summary", "advice"})
        if (!Obj->get(Key))
          P.reject(Pointer, "missing '" + Key.str() + "'");
      if (P.any())
        return;
      Category C{asString(Obj->get("id"), Pointer + "/id", P),
                 asString(Obj->get("summary"), Pointer + "/summary", P),
                 asString(Obj->get("advice"), Pointer + "/advice", P)};
      if (Into.category(C.Id))
        P.reject(Pointer + "/id", "category '" + C.Id + "' is already defined");
      Into.Categories.push_back(std::move(C));
    }
  }

  /// The framework the document describes: "framework" names it, and a
  /// file without one extends the project's own ("user").
  Framework &framework(const Object &Root) {
    std::string Id = "user";
    if (const Value *V = Root.get("framework"))
      Id = asString(V, "/framework", P);
    auto It = llvm::find_if(Into.Frameworks, [&](const Framework &F) { return F.Id == Id; });
    Framework *Fw = It == Into.Frameworks.end() ? nullptr : &*It;
    if (!Fw) {
      Fw = &Into.Frameworks.emplace_back();
      Fw->Id = Id;
      Fw->Name = Id;
      Fw->Source = SourceName.str();
    }
    if (const Value *V = Root.get("name"))
      Fw->Name = asString(V, "/name", P);
    return *Fw;
  }

  void readAdvice(const Value &V, const llvm::StringSet<> &CategoryIds, Framework &Fw) {
    const Object *Advice = V.getAsObject();
    if (!Advice) {
      P.reject("/advice", "expected an object mapping categories to advice");
      return;
    }
    for (const auto &[Key, Text] : *Advice) {
      std::string Pointer = "/advice/" + Key.str();
      if (!CategoryIds.contains(Key))
        P.reject(Pointer, "unknown category '" + Key.str() + "'");
      Fw.Advice[Key.str()] = asString(&Text, Pointer, P);
    }
  }

  void readEntries(const Value &V, llvm::StringRef Key, const llvm::StringSet<> &CategoryIds,
                   const std::string &FrameworkId, std::vector<BlockingApi> &Entries) {
    std::string Pointer = "/" + Key.str();
    const Array *Items = V.getAsArray();
    if (!Items) {
      P.reject(Pointer, "expected an array");
      return;
    }
    for (size_t I = 0; I < Items->size(); ++I)
      Entries.push_back(parseBlocking((*Items)[I], Pointer + "/" + std::to_string(I), CategoryIds,
                                      FrameworkId, /*NeedsCategory=*/Key == "blocking", P));
  }

  Catalog &Into;
  llvm::StringRef SourceName;
  Problems &P;
};

llvm::Error CatalogReader::read(Catalog &Into, llvm::StringRef Text, llvm::StringRef SourceName) {
  llvm::Expected<Value> Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return llvm::createStringError(std::errc::invalid_argument, "%s",
                                   describeSyntaxError(Parsed.takeError(), SourceName).c_str());
  Problems P;
  Document(Into, SourceName, P).read(*Parsed);
  if (P.any()) {
    unsigned Line = JsonLocator(Text).lineOf(P.pointer());
    std::string Where = P.pointer().empty() ? "" : " (at " + P.pointer() + ")";
    return llvm::createStringError(std::errc::invalid_argument, "%s:%u: %s%s",
                                   SourceName.str().c_str(), Line, P.message().c_str(),
                                   Where.c_str());
  }
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> CatalogReader::readFile(llvm::StringRef Path) {
  return readRegularFile("catalogue file", Path, MaxConfigurationBytes);
}

} // namespace asynclint
