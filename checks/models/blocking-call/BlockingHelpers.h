//===--- BlockingHelpers.h - ordinary functions that may block --*- C++ -*-===//
//
// A coroutine rarely calls a blocking API itself: it calls load_config(),
// which opens a file stream, or wait_result(), which calls future::get().
// This follows the calls of a translation unit's own ordinary functions,
// through any depth and around cycles, and says which of them block and by
// which chain of calls. A helper blocks when every way through it, from its
// entry until it returns, reaches blocking: a log call that rotates its file
// when the file is full, or a call on an error branch, is not a step. The
// audit mode takes every call that may block instead. Library code is not followed: the catalogue
// speaks for it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_BLOCKINGHELPERS_H
#define ASYNCLINT_CHECKS_MODELS_BLOCKING_CALL_BLOCKINGHELPERS_H

#include "catalog/Catalog.h"
#include "core/ExecutionOrder.h"
#include "models/blocking-call/BlockingApiIndex.h"
#include "models/blocking-call/BlockingFacts.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace asynclint {

/// One call on the way from a helper to the blocking API.
struct BlockingStep {
  const clang::FunctionDecl *Function; ///< whose body makes the call
  const clang::Expr *Call;
  /// Null for the last step: Call is the API, or a function of another
  /// unit whose merged facts say how it blocks.
  const clang::FunctionDecl *Callee;
};

/// How a helper blocks: the steps from its body down to the API, in
/// this unit and then, where they leave it, in the merged facts.
struct BlockingChain {
  const BlockingApi *Api = nullptr;
  std::vector<BlockingStep> Steps;
  const clang::FunctionDecl *External = nullptr; ///< called by the last step
  const BlockingSummary *Remote = nullptr;       ///< how External blocks

  bool blocks() const { return Api || Remote; }
  llvm::StringRef category() const { return Api ? Api->Category : Remote->Use.Category; }
};

class BlockingHelpers {
public:
  /// \p NonBlockingFunctions: qualified names, "ns::f;ns::C::m", whose
  /// bodies are not followed; the catalogue's own list is added. A helper
  /// blocks when every way through it reaches blocking; with \p Audit, when
  /// some way may. \p LogMacros names the project's log macros, beside
  /// those whose names say they log.
  BlockingHelpers(const Catalog &Cat, const BlockingApiIndex &Index, ExecutionOrders &Orders,
                  llvm::StringRef NonBlockingFunctions, llvm::StringRef LogMacros, bool Audit);

  /// Whether \p E is written by a log macro's expansion (not in one of its
  /// arguments): the macro's own machinery, which hands a record to a
  /// logger.
  bool isInLogMacro(const clang::Expr &E, clang::ASTContext &Ctx) const;

  /// Functions of other units are looked up in \p Merged, which must
  /// outlive this object; null when there are no merged facts.
  void setProjectFacts(const ProjectFacts *Merged) { Project = Merged; }

  /// The definition of the ordinary function that \p E, a call or a
  /// construction, runs on the spot, when the analysis follows it: not
  /// library code, a coroutine, a virtual call that cannot be resolved, a
  /// call through a pointer, nor a function marked non-blocking.
  const clang::FunctionDecl *followedCallee(const clang::Expr &E, clang::ASTContext &Ctx) const;

  /// Whether the analysis follows calls to \p F: not library code, not a
  /// function marked non-blocking, not compiler-made.
  bool isFollowable(const clang::FunctionDecl &F, clang::ASTContext &Ctx) const;

  /// The function that \p E calls when the analysis would follow it but
  /// this unit has no definition of it: another unit may have one. Not for
  /// functions whose result can be awaited (coroutines, most likely).
  const clang::FunctionDecl *externalCallee(const clang::Expr &E, clang::ASTContext &Ctx) const;

  /// Whether every way through \p F, from its entry until it returns,
  /// runs one of \p Sites. A way that leaves by an exception is an error's
  /// path; a guard's early return once the object has done its work (see
  /// OnceGuards.h) is a later call's path.
  bool runsOnEveryWay(const clang::FunctionDecl &F, llvm::ArrayRef<const clang::Stmt *> Sites);

  /// The USR that keys facts about \p F, or empty.
  std::string usrOf(const clang::FunctionDecl &F);

  /// The blocking API that \p E, a call in \p Function's body, uses when it
  /// blocks there; null otherwise.
  const BlockingApi *blockingApiAt(const clang::Expr &E, const clang::FunctionDecl &Function,
                                   clang::ASTContext &Ctx);

  /// How \p Helper may block, or an empty chain.
  BlockingChain chainOf(const clang::FunctionDecl &Helper, clang::ASTContext &Ctx);

  /// How the function that \p E calls may block, whether this unit defines
  /// it or the merged facts know it; \p Called receives that function.
  BlockingChain chainOfCall(const clang::Expr &E, clang::ASTContext &Ctx,
                            const clang::FunctionDecl *&Called);

  /// \p Api as the code at \p E names it: 'std::ifstream::ifstream'
  /// rather than the catalogue's 'std::basic_ifstream'.
  static std::string apiName(const BlockingApi &Api, const clang::Expr &E, clang::ASTContext &Ctx);

  /// Where a diagnostic about the call \p E points: the member's name, the
  /// call operator's object, the constructed type.
  static clang::SourceLocation callLocation(const clang::Expr &E);

  /// The name of the function \p Call runs, quoted as a message gives it:
  /// a lambda by the variable that holds it.
  static std::string describeCallee(const clang::Expr &Call, const clang::FunctionDecl &Callee);

  /// Where \p Place is in a file of this unit or, loaded for the purpose, in
  /// a file of another; invalid when the file is gone.
  static clang::SourceLocation locationOf(const SourcePlace &Place, clang::SourceManager &SM);

  /// The name a message gives \p F: "load_config", "journal::flush",
  /// "lambda".
  static std::string displayName(const clang::FunctionDecl &F);

  void clear() {
    Summaries.clear();
    Tentative.clear();
    Usrs.clear();
    Followable.clear();
    GuardExits.clear();
  }

private:
  /// Where a function's body first reaches blocking: the API itself, or a
  /// call to a function that blocks.
  struct Summary {
    const clang::Expr *Call = nullptr;
    const BlockingApi *Api = nullptr;
    const clang::FunctionDecl *Callee = nullptr;
    const clang::FunctionDecl *External = nullptr;
    const BlockingSummary *Remote = nullptr;
    bool blocks() const { return Call != nullptr; }
  };

  const Summary &summarize(const clang::FunctionDecl &F, clang::ASTContext &Ctx, unsigned Depth);
  /// Of the places in \p F's body that reach blocking, the one its summary
  /// names, or none when \p F does not block for the mode in use.
  Summary chooseSite(const clang::FunctionDecl &F, llvm::ArrayRef<Summary> Sites);
  bool isLibraryCode(const clang::FunctionDecl &F, clang::ASTContext &Ctx) const;

  const Catalog &Cat;
  const BlockingApiIndex &Index;
  ExecutionOrders &Orders;
  bool Audit;
  llvm::StringSet<> NonBlocking;
  llvm::StringSet<> LogMacros;
  const ProjectFacts *Project = nullptr;
  llvm::DenseMap<const clang::Decl *, std::string> Usrs;
  mutable llvm::DenseMap<const clang::FunctionDecl *, bool> Followable;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<const clang::Stmt *, 2>> GuardExits;
  /// Final answers. A function found not to block while a caller of it was
  /// still being summarised may yet block through that caller: it stays in
  /// Tentative until the outermost summary ends, and is kept only if that
  /// one does not block either.
  llvm::DenseMap<const clang::FunctionDecl *, Summary> Summaries;
  llvm::DenseMap<const clang::FunctionDecl *, Summary> Tentative;
};

} // namespace asynclint

#endif
