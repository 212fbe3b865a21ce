#include "core/FindingMetadata.h"

namespace asynclint {
namespace {

// High bits no count or index a message shows comes near; the low byte is
// the category argument plus one, the next the note role.
constexpr uint64_t Marker = 0xA5C1'0000ULL;
constexpr uint64_t MarkerMask = 0xFFFF'FFFF'FFFF'0000ULL;

} // namespace

uint64_t FindingMetadata::encode() const {
  uint64_t Category = CategoryArgument ? *CategoryArgument + 1 : 0;
  return Marker | (static_cast<uint64_t>(Role) << 8) | (Category & 0xFF);
}

std::optional<FindingMetadata> FindingMetadata::decode(uint64_t Argument) {
  if ((Argument & MarkerMask) != Marker)
    return std::nullopt;
  unsigned Role = (Argument >> 8) & 0xFF;
  if (Role > static_cast<unsigned>(NoteRole::HiddenInTestCode))
    return std::nullopt;
  FindingMetadata M;
  M.Role = static_cast<NoteRole>(Role);
  if (unsigned Category = Argument & 0xFF)
    M.CategoryArgument = Category - 1;
  return M;
}

std::optional<DiagnosticFacts> factsOf(const clang::Diagnostic &Info) {
  unsigned Count = Info.getNumArgs();
  if (Count == 0 || Info.getArgKind(Count - 1) != clang::DiagnosticsEngine::ak_uint)
    return std::nullopt;
  auto Metadata = FindingMetadata::decode(Info.getRawArg(Count - 1));
  if (!Metadata)
    return std::nullopt;
  DiagnosticFacts Facts;
  Facts.Role = Metadata->Role;
  if (unsigned I = Metadata->CategoryArgument.value_or(Count); I + 1 < Count) {
    if (Info.getArgKind(I) == clang::DiagnosticsEngine::ak_std_string)
      Facts.Category = Info.getArgStdStr(I);
    else if (Info.getArgKind(I) == clang::DiagnosticsEngine::ak_c_string)
      Facts.Category = Info.getArgCStr(I);
  }
  return Facts;
}

} // namespace asynclint
