#include "report/ApiListing.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"

namespace asynclint {
namespace {

const llvm::StringRef Roles[] = {"blocking",      "offload",
                                 "spawner",       "launcher",
                                 "combinator",    "race",
                                 "timer",         "deadline",
                                 "external-wait", "scheduling-point",
                                 "cancellation",  "dedicated-executor",
                                 "error-value",   "scheduler",
                                 "logging"};

/// The entries of \p Cat that play \p Role.
const std::vector<BlockingApi> *entriesOf(const Catalog &Cat, llvm::StringRef Role) {
  if (Role == "blocking")
    return &Cat.blockingApis();
  if (Role == "offload")
    return &Cat.offloadApis();
  if (Role == "spawner")
    return &Cat.spawnerApis();
  if (Role == "launcher")
    return &Cat.launcherApis();
  if (Role == "combinator")
    return &Cat.combinatorApis();
  if (Role == "race")
    return &Cat.raceApis();
  if (Role == "timer")
    return &Cat.timerApis();
  if (Role == "deadline")
    return &Cat.deadlineApis();
  if (Role == "external-wait")
    return &Cat.externalWaitApis();
  if (Role == "scheduling-point")
    return &Cat.schedulingPointApis();
  return nullptr;
}

/// What distinguishes an entry within its role: the blocking category, or
/// how a deadline or external wait is bounded.
std::string detailOf(const BlockingApi &Api, llvm::StringRef Role) {
  if (Role == "blocking")
    return Api.Category;
  if (Role == "launcher")
    return Api.Launch == LaunchResult::Detached    ? "detached"
           : Api.Launch == LaunchResult::Awaitable ? "awaitable"
                                                   : "task";
  if (Api.InFunction)
    return "in-function";
  if (Api.ExactFix)
    return "fix-it";
  if (Api.TimeoutArgument || Api.UnlessArgument)
    return "bounded-by-arg";
  return "";
}

llvm::Expected<llvm::StringSet<>> selection(llvm::StringRef List, llvm::ArrayRef<std::string> Known,
                                            llvm::StringRef What) {
  llvm::StringSet<> Chosen;
  llvm::SmallVector<llvm::StringRef, 8> Items;
  List.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (!llvm::is_contained(Known, Item))
      return llvm::createStringError(std::errc::invalid_argument, "unknown %s '%s' (known: %s)",
                                     What.str().c_str(), Item.str().c_str(),
                                     llvm::join(Known, ", ").c_str());
    Chosen.insert(Item);
  }
  return Chosen;
}

} // namespace

llvm::ArrayRef<llvm::StringRef> apiRoles() { return Roles; }

llvm::Error listApis(const Catalog &Cat, llvm::StringRef Frameworks, llvm::StringRef RoleList,
                     llvm::raw_ostream &OS) {
  std::vector<std::string> FrameworkIds;
  for (const Framework &F : Cat.frameworks())
    FrameworkIds.push_back(F.Id);
  std::vector<std::string> RoleNames(std::begin(Roles), std::end(Roles));
  auto ChosenFrameworks = selection(Frameworks, FrameworkIds, "framework");
  if (!ChosenFrameworks)
    return ChosenFrameworks.takeError();
  auto ChosenRoles = selection(RoleList, RoleNames, "role");
  if (!ChosenRoles)
    return ChosenRoles.takeError();

  for (const Framework &F : Cat.frameworks()) {
    if (!ChosenFrameworks->empty() && !ChosenFrameworks->contains(F.Id))
      continue;
    std::string Lines;
    llvm::raw_string_ostream Out(Lines);
    for (llvm::StringRef Role : Roles) {
      if (!ChosenRoles->empty() && !ChosenRoles->contains(Role))
        continue;
      if (Role == "cancellation") {
        for (const std::string &Type : F.CancellationTypes) {
          auto Header = F.CancellationHeaders.find(Type);
          Out << "  " << llvm::left_justify(Role, 17) << llvm::left_justify("", 15)
              << llvm::left_justify(Type, 56)
              << (Header == F.CancellationHeaders.end() ? "" : Header->second) << "\n";
        }
        continue;
      }
      if (Role == "dedicated-executor" || Role == "error-value" || Role == "scheduler" ||
          Role == "logging") {
        for (const std::string &Type : Role == "error-value" ? F.ErrorValueTypes
                                       : Role == "scheduler" ? F.SchedulerTypes
                                       : Role == "logging"   ? F.LoggingNames
                                                             : F.DedicatedThreadExecutors)
          Out << "  " << llvm::left_justify(Role, 17) << llvm::left_justify("", 15) << Type << "\n";
        continue;
      }
      for (const BlockingApi &Api : *entriesOf(Cat, Role))
        if (Api.Framework == F.Id)
          Out << "  " << llvm::left_justify(Role, 17) << llvm::left_justify(detailOf(Api, Role), 15)
              << llvm::left_justify(Api.displayName(), 56) << Api.Header << "\n";
    }
    if (Lines.empty())
      continue;
    OS << F.Name << " [" << F.Id << "]\n" << Lines;
  }
  return llvm::Error::success();
}

} // namespace asynclint
