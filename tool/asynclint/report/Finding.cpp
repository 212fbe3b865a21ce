#include "report/Finding.h"

#include <tuple>

namespace asynclint {

bool operator<(const Finding &A, const Finding &B) {
  return std::tie(A.Where.File, A.Where.Line, A.Where.Column, A.RuleId, A.Message) <
         std::tie(B.Where.File, B.Where.Line, B.Where.Column, B.RuleId, B.Message);
}

bool sameFinding(const Finding &A, const Finding &B) {
  // One place and rule is one finding, even when two compile commands of
  // the same file (or two instantiations) word it differently.
  return A.Where.File == B.Where.File && A.Where.Offset == B.Where.Offset && A.RuleId == B.RuleId;
}

} // namespace asynclint
