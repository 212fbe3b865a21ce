#include "run/UnitRuns.h"
#include "config/CompileDatabase.h"
#include "report/Output.h"

#include "support/Paths.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"

namespace asynclint {
namespace {

/// How long an entry no run uses stays in the cache.
constexpr unsigned CacheDays = 30;

/// Analyses the requests \p Which of \p P in the workers, into \p Units.
/// Each unit's result reaches the cache as soon as the unit is done, with
/// \p FactsSeen, the merged facts its worker read: a run stopped half-way
/// (a CI job over its time limit) still leaves the next one less to do.
void analyseIn(const Plan &P, const std::vector<size_t> &Which, const WorkerSettings &Workers,
               const ProjectFacts &FactsSeen, std::vector<UnitResult> &Units) {
  std::vector<AnalysisRequest> Requests;
  Requests.reserve(Which.size());
  for (size_t I : Which)
    Requests.push_back(P.Requests[I]);
  auto Store = [&](size_t K, const UnitResult &Result) {
    size_t I = Which[K];
    if (!P.Cache || Result.failed() || Result.Inputs.empty())
      return;
    const std::string &FactsFile = P.Requests[I].FactsFile;
    P.Cache->store(P.CacheKeys[I], Result, FactsFile.empty() ? "" : readFileOrEmpty(FactsFile),
                   FactsSeen);
  };
  std::vector<UnitResult> Analysed = runInWorkers(Requests, Workers, Store);
  for (size_t K = 0; K < Which.size(); ++K)
    Units[Which[K]] = std::move(Analysed[K]);
}

/// The second phase of the analysis across units: merges the facts the
/// units wrote, and analyses again the units whose calls into other units
/// now lead somewhere else than the facts they were analysed with said.
std::vector<size_t> shareFacts(const Plan &P, const FactsStore &Store, const ProjectFacts &Before,
                               const WorkerSettings &Workers, std::vector<UnitResult> &Units) {
  std::vector<std::string> Warnings;
  llvm::StringMap<std::vector<std::string>> Imports;
  auto After = Store.merge(P.AllUnits.empty() ? P.Sources : P.AllUnits, Warnings, Imports);
  for (const std::string &Warning : Warnings)
    llvm::WithColor::warning(llvm::errs(), "asynclint") << Warning << "\n";
  if (!After) {
    llvm::WithColor::warning(llvm::errs(), "asynclint")
        << "cannot write the merged facts: " << llvm::toString(After.takeError()) << "\n";
    return {};
  }
  llvm::StringSet<> Changed = changedFunctions(Before, *After);
  if (Changed.empty())
    return {};
  std::vector<size_t> Again;
  for (size_t I = 0; I < P.Requests.size(); ++I) {
    auto It = Imports.find(P.Requests[I].FactsUnit);
    if (It != Imports.end() &&
        llvm::any_of(It->second, [&](const std::string &Usr) { return Changed.contains(Usr); }))
      Again.push_back(I);
  }
  if (Again.empty())
    return {};
  analyseIn(P, Again, Workers, *After, Units);
  return Again;
}

/// Puts back the facts a unit taken from the cache wrote when it was
/// analysed, for the merge.
void restoreFacts(const std::string &FactsFile, const std::string &Facts) {
  if (FactsFile.empty() || readFileOrEmpty(FactsFile) == Facts)
    return;
  if (Facts.empty())
    (void)llvm::sys::fs::remove(FactsFile);
  else
    llvm::consumeError(writeAtomically(FactsFile, [&](llvm::raw_ostream &OS) { OS << Facts; }));
}

} // namespace

std::vector<UnitResult> analyzeUnits(const Plan &P, const WorkerSettings &Workers,
                                     size_t &FromCache) {
  ProjectFacts Before = P.Facts ? P.Facts->readMerged() : ProjectFacts();
  std::vector<UnitResult> Units(P.Requests.size());
  std::vector<size_t> Fresh;
  InputStates Now;
  for (size_t I = 0; I < P.Requests.size(); ++I) {
    std::optional<ResultCache::Entry> Hit;
    if (P.Cache)
      Hit = P.Cache->lookup(P.CacheKeys[I], Now, Before);
    if (!Hit) {
      Fresh.push_back(I);
      continue;
    }
    Units[I] = std::move(Hit->Result);
    restoreFacts(P.Requests[I].FactsFile, Hit->Facts);
    ++FromCache;
  }
  analyseIn(P, Fresh, Workers, Before, Units);
  if (P.Facts)
    for (size_t I : shareFacts(P, *P.Facts, Before, Workers, Units))
      if (!llvm::is_contained(Fresh, I))
        --FromCache;
  if (P.Cache)
    P.Cache->prune(CacheDays);
  return Units;
}

size_t keepUnitsAffectedByChanges(Plan &P) {
  if (!P.Changes)
    return 0;
  // The files a unit reads change only when one of the files it read
  // changes: those the cache recorded, found or looked for in vain, are
  // enough to tell.
  auto Affected = [&](size_t I) {
    if (P.Changes->touches(
            absolutePath(P.Requests[I].Command.Filename, P.Requests[I].Command.Directory)))
      return true;
    std::optional<std::vector<std::string>> Inputs;
    if (P.Cache)
      Inputs = P.Cache->inputsOf(P.CacheKeys[I]);
    return !Inputs ||
           llvm::any_of(*Inputs, [&](const std::string &Path) { return P.Changes->touches(Path); });
  };
  size_t Kept = 0;
  for (size_t I = 0; I < P.Requests.size(); ++I) {
    if (!Affected(I))
      continue;
    if (Kept != I) {
      P.Requests[Kept] = std::move(P.Requests[I]);
      if (P.Cache)
        P.CacheKeys[Kept] = std::move(P.CacheKeys[I]);
    }
    ++Kept;
  }
  size_t Dropped = P.Requests.size() - Kept;
  P.Requests.resize(Kept);
  if (P.Cache)
    P.CacheKeys.resize(Kept);
  return Dropped;
}

} // namespace asynclint
