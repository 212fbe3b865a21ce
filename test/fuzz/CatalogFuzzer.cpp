// The catalogue loader on any text: a user catalogue is read by every check
// of every unit, in the CLI, in clang-tidy and in the editor.

#include "checks/catalog/Catalog.h"
#include "checks/models/blocking-call/BlockingApiIndex.h"

#include <cstdint>
#include <cstdlib>

using namespace asynclint;

namespace {

const Catalog &builtinCatalogue() {
  static const Catalog Builtin = Catalog::builtin();
  return Builtin;
}

/// Whatever the checks derive from a catalogue once it has loaded.
void useEverything(const Catalog &Cat) {
  BlockingApiIndex Index(Cat, BlockingApiOptions(), "async-blocking-call",
                         [](const std::string &) {});
  (void)Index.functionNames();
  (void)Index.methodNames();
  (void)Index.classNames();
  (void)Index.operatorSpellings();
  for (const Framework &Fw : Cat.frameworks()) {
    for (const std::string &Namespace : Fw.Namespaces)
      (void)Cat.frameworkOfName(Namespace + "::f");
    for (const Category &C : Cat.categories())
      (void)Cat.advice(C.Id, &Fw);
  }
  for (const BlockingApi &Api : Cat.blockingApis())
    (void)Api.displayName();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  Catalog Cat = builtinCatalogue();
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  if (llvm::Error Err = Cat.addFromText(Text, "fuzz.json")) {
    // Every problem names the file.
    if (llvm::toString(std::move(Err)).find("fuzz.json") == std::string::npos)
      std::abort();
    return 0;
  }
  useEverything(Cat);
  return 0;
}
