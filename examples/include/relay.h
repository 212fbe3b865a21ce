#pragma once
#include <asio.hpp>
#include <string>

namespace relay {
using asio::awaitable;
using asio::ip::tcp;

awaitable<void> session(tcp::socket socket);
awaitable<void> report_metrics(std::string path, std::size_t bytes);
std::string banner_text();
awaitable<std::string> lookup_region(std::string peer);
awaitable<std::size_t> lookup_quota(std::string peer);
awaitable<void> audit_peer(const std::string &peer);
void record_session(const std::string &peer, std::size_t bytes);
} // namespace relay
