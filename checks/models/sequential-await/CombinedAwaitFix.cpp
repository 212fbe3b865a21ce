#include "models/sequential-await/CombinedAwaitFix.h"
#include "core/Coroutines.h"
#include "core/Names.h"
#include "core/OwnBody.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace asynclint {
namespace {

bool returnsVariable(const Stmt *Body, const VarDecl &Var) {
  bool Found = false;
  forEachOwnNode(Body, [&](const Stmt &S) {
    const Expr *Value = nullptr;
    if (const auto *Return = dyn_cast<ReturnStmt>(&S))
      Value = Return->getRetValue();
    else if (const auto *Return = dyn_cast<CoreturnStmt>(&S))
      Value = Return->getOperand();
    if (Value)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Value->IgnoreImplicit()))
        Found |= Ref->getDecl() == &Var;
  });
  return Found;
}

const NamespaceDecl *lookupNamespace(ASTContext &Ctx, llvm::StringRef Qualified) {
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  const NamespaceDecl *Found = nullptr;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Qualified.split(Parts, "::");
  for (llvm::StringRef Part : Parts) {
    Found = nullptr;
    for (const NamedDecl *D : DC->lookup(&Ctx.Idents.get(Part))) {
      Found = dyn_cast<NamespaceDecl>(D);
      if (Found)
        break;
    }
    if (!Found)
      return nullptr;
    DC = Found;
  }
  return Found;
}

/// The record behind an awaited type, and its template arguments.
const ClassTemplateSpecializationDecl *specialisationOf(QualType T) {
  return dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(T, false));
}

} // namespace

std::optional<FixItHint>
combinedAwaitFix(llvm::ArrayRef<AwaitStep> Run, const BlockingApi &Combinator, const Catalog &Cat,
                 llvm::ArrayRef<const UsingDirectiveDecl *> UsingDirectives, ASTContext &Ctx) {
  // Written for operator-style combinators (asio's operator&&): a run of
  // `auto x = co_await f();` becomes `auto [x, y] = co_await (f() && g());`.
  llvm::StringRef Namespace = llvm::StringRef(Combinator.Name).rsplit("::").first;
  llvm::StringRef Operator = llvm::StringRef(Combinator.Name).rsplit("::").second;
  if (!Operator.consume_front("operator") || !lookupNamespace(Ctx, Namespace))
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  const TemplateArgument *Executor = nullptr;
  std::string Names, Operands;
  for (size_t I = 0; I < Run.size(); ++I) {
    const AwaitStep &Step = Run[I];
    const VarDecl *Var = Step.Declared;
    if (!Var || isa<DecompositionDecl>(Var) || Var->isStaticLocal() || Var->isConstexpr() ||
        !Var->getTypeSourceInfo() || !Var->getTypeSourceInfo()->getTypeLoc().getAs<AutoTypeLoc>() ||
        Step.S->getBeginLoc().isMacroID() || Step.S->getEndLoc().isMacroID())
      return std::nullopt;
    // The combinator flattens tuples and drops voids; the bindings would not
    // line up with the variables.
    const CXXRecordDecl *Result = recordOf(Step.Await->getType(), false);
    if (Result && qualifiedName(*Result) == "std::tuple")
      return std::nullopt;
    const auto *Awaitable = specialisationOf(Step.Call->getType());
    if (!Awaitable || Awaitable->getTemplateArgs().size() != 2 ||
        Cat.frameworkOfName(qualifiedName(*Awaitable)) != Cat.framework(Combinator.Framework))
      return std::nullopt;
    const TemplateArgument &ThisExecutor = Awaitable->getTemplateArgs()[1];
    if (Executor && !Executor->structurallyEquals(ThisExecutor))
      return std::nullopt;
    Executor = &ThisExecutor;
    Names += (I ? ", " : "") + Var->getName().str();
    std::string Call = writtenText(Step.Call->getSourceRange(), Ctx);
    if (Call.empty())
      return std::nullopt;
    if (I > 0)
      Operands.append(" ").append(Operator.str()).append(" ");
    Operands += Call;
    // Nothing but white space may sit between the statements: a comment
    // there would be lost.
    if (I > 0) {
      SourceLocation From =
          Lexer::getLocForEndOfToken(Run[I - 1].S->getEndLoc(), 0, SM, Ctx.getLangOpts());
      bool Invalid = false;
      llvm::StringRef Between =
          Lexer::getSourceText(CharSourceRange::getCharRange(From, Step.S->getBeginLoc()), SM,
                               Ctx.getLangOpts(), &Invalid);
      if (Invalid || !Between.trim().empty())
        return std::nullopt;
    }
  }
  const FunctionDecl *Enclosing = enclosingCoroutine(*Run.front().S, Ctx);
  if (!Enclosing)
    return std::nullopt;
  // Structured bindings are not implicitly moved on return: a returned
  // variable would be copied, or not compile.
  for (const AwaitStep &Step : Run)
    if (returnsVariable(Enclosing->getBody(), *Step.Declared))
      return std::nullopt;
  bool OperatorVisible = llvm::any_of(UsingDirectives, [&](const UsingDirectiveDecl *U) {
    const NamespaceDecl *Nominated = U->getNominatedNamespace();
    return Nominated && qualifiedName(*Nominated) == Namespace &&
           SM.isBeforeInTranslationUnit(U->getLocation(), Run.front().S->getBeginLoc()) &&
           U->getDeclContext()->Encloses(Enclosing);
  });
  std::string Combined;
  if (OperatorVisible) {
    Combined = "(" + Operands + ")";
  } else {
    // Spell the operator out: nothing brings it into scope here.
    Combined = writtenText(Run[0].Call->getSourceRange(), Ctx);
    for (const AwaitStep &Step : Run.drop_front())
      Combined = (llvm::Twine(Combinator.Name) + "(" + Combined + ", " +
                  writtenText(Step.Call->getSourceRange(), Ctx) + ")")
                     .str();
  }
  return FixItHint::CreateReplacement(
      CharSourceRange::getTokenRange(Run.front().S->getBeginLoc(), Run.back().S->getEndLoc()),
      "auto [" + Names + "] = co_await " + Combined + ";");
}

} // namespace asynclint
