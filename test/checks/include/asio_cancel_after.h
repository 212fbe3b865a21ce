// Test support: asio 1.31 added asio::cancel_after and asio::cancel_at,
// completion-token adapters that cancel the operation at a deadline. The
// asio that Debian packages predates them; this declares them with their
// names and shape, passing the wrapped token through.
#pragma once
#include <asio.hpp>

namespace asio {
template <typename Duration, typename Token = use_awaitable_t<>>
Token cancel_after(Duration, Token token = {}) {
  return token;
}
template <typename TimePoint, typename Token = use_awaitable_t<>>
Token cancel_at(TimePoint, Token token = {}) {
  return token;
}
} // namespace asio
