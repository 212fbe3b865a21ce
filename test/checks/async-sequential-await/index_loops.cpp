// ARGS: -std=c++20 -I%INC
// Loops that walk a container by index and await one call per element wait
// for each element in turn, like a range-for over the same container.
#include "frameworks.h"
#include <cstddef>
#include <string>
#include <vector>

using cppcoro::task;

task<std::string> fetch_page(std::string url);
task<int> page_size(const std::string &url);
task<int> next_size(const std::string &url, int so_far);

task<std::vector<std::string>> crawl(std::vector<std::string> urls) {
  std::vector<std::string> pages;
  for (std::size_t i = 0; i < urls.size(); ++i)
    pages.push_back(co_await fetch_page(urls[i])); // expected-warning {{'fetch_page' is awaited once per element, each call waiting for the one before}} expected-note {{start them together and await them at once}}
  co_return pages;
}

task<int> total_size(const std::vector<std::string> &urls) {
  int total = 0;
  for (int i = 0, n = static_cast<int>(urls.size()); i != n; i++) {
    total += co_await page_size(urls.at(i)); // expected-warning {{'page_size' is awaited once per element}} expected-note {{start them together and await them at once with 'cppcoro::when_all'}}
  }
  co_return total;
}

task<std::vector<std::string>> crawl_kept(std::vector<std::string> urls) {
  std::vector<std::string> pages;
  for (std::size_t i = 0; i < urls.size(); i += 1) {
    std::string page = co_await fetch_page(urls[i]); // expected-warning {{'fetch_page' is awaited once per element}} expected-note {{start them together and await them at once with 'cppcoro::when_all'}}
    pages.push_back(std::move(page));
  }
  co_return pages;
}

// --- Not reported. ---

// Each call is given what the ones before produced.
task<int> chained(std::vector<std::string> urls) {
  int total = 0;
  for (std::size_t i = 0; i < urls.size(); ++i)
    total += co_await next_size(urls[i], total);
  co_return total;
}

// The loop reads what the previous iteration left behind.
task<std::vector<std::string>> pairs(std::vector<std::string> urls) {
  std::vector<std::string> pages;
  for (std::size_t i = 1; i < urls.size(); ++i)
    pages.push_back(co_await fetch_page(urls[i - 1] + urls[i]));
  co_return pages;
}

// The index moves inside the body: which element comes next depends on it.
task<std::vector<std::string>> skipping(std::vector<std::string> urls) {
  std::vector<std::string> pages;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    pages.push_back(co_await fetch_page(urls[i]));
    ++i;
  }
  co_return pages;
}

// The container grows with the results: later iterations see earlier ones.
task<std::vector<std::string>> frontier(std::vector<std::string> urls) {
  for (std::size_t i = 0; i < urls.size(); ++i)
    urls.push_back(co_await fetch_page(urls[i]));
  co_return urls;
}

// Every call shares one connection, which orders them.
struct connection;
task<std::string> get(connection &c, std::string path);
task<std::vector<std::string>> over_one(connection &c, std::vector<std::string> paths) {
  std::vector<std::string> bodies;
  for (std::size_t i = 0; i < paths.size(); ++i)
    bodies.push_back(co_await get(c, paths[i]));
  co_return bodies;
}

// A retry loop counts attempts; the index is not an element.
task<std::string> retried(std::string url) {
  std::vector<std::string> attempts;
  for (int attempt = 0; attempt < 3; ++attempt)
    attempts.push_back(co_await fetch_page(url));
  co_return attempts.back();
}
