// ARGS: -std=c++20 -I%INC
// Nothing here is reported: the coroutine owns or copies what it uses, looks
// it up again after suspending, holds a coroutine lock, or the only changes
// other code makes leave the reference valid by the standard's rules.
#include "frameworks.h"
#include "mock_task.h"
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace shop {
MOCK_DEFINE_TASK(task)
task<int> price(std::string);
task<> log(std::string);
void use(int);

struct Item {
  std::string sku;
  int stock = 0;
};

class Store {
public:
  // Copied before suspending.
  task<> restock_copy(int shelf) {
    Item item = shelves_.at(shelf);
    item.stock += co_await price(item.sku);
    use(item.stock);
  }

  // Looked up again after suspending.
  task<> restock_lookup(int shelf) {
    const std::string sku = shelves_.at(shelf).sku;
    int p = co_await price(sku);
    auto again = shelves_.find(shelf);
    if (again != shelves_.end())
      again->second.stock = p;
  }

  // A std::map keeps references to its elements on insertion; nobody erases.
  task<> reprice(int shelf) {
    Item &item = shelves_.at(shelf);
    int p = co_await price(item.sku);
    item.stock = p;
  }

  // An unordered_map keeps references (not iterators) on insertion.
  task<> recount(const std::string &sku) {
    int &count = counts_.at(sku);
    count += co_await price(sku);
  }

  // A list keeps every iterator on insertion.
  task<> announce() {
    for (const std::string &line : news_)
      co_await log(line);
  }

  // Held under a coroutine mutex that add() takes too.
  task<> audit() {
    auto guard = co_await mutex_.scoped_lock_async();
    for (Item &item : stock_)
      item.stock = co_await price(item.sku);
  }
  // Locked and unlocked by hand around the suspension.
  task<> audit_by_hand() {
    co_await mutex_.lock_async();
    Item &first = stock_.front();
    first.stock = co_await price(first.sku);
    mutex_.unlock();
  }

  // Used before the suspension only, or the loop ends at the first one.
  task<> first_price() {
    const Item &first = stock_.front();
    std::string sku = first.sku;
    use(co_await price(sku));
    for (const Item &item : stock_) {
      if (item.stock == 0) {
        co_await log(item.sku);
        break;
      }
    }
  }

  // Used after the suspension on some ways on only.
  task<> maybe_used(bool verbose) {
    Item &last = stock_.back();
    int p = co_await price("x");
    if (verbose)
      use(last.stock + p);
  }

  void add(Item item) {
    shelves_.emplace(item.stock, item);
    counts_[item.sku] = 0;
    news_.push_back(item.sku);
    stock_.push_back(item);
  }

private:
  std::map<int, Item> shelves_;
  std::unordered_map<std::string, int> counts_;
  std::list<std::string> news_;
  std::vector<Item> stock_;
  cppcoro::async_mutex mutex_;
};

// State only the coroutine itself changes, or only its constructor fills.
class Catalog {
public:
  Catalog() { items_.push_back({"a", 1}); }
  task<> refresh() {
    for (Item &item : items_)
      item.stock = co_await price(item.sku);
    items_.push_back({"b", 2});
  }

private:
  std::vector<Item> items_;
};

// The coroutine's own state: a local, a parameter taken by value, a
// shared_ptr copy that keeps the object alive however the member is
// replaced.
struct Config {
  std::vector<int> limits;
};
class Gateway {
public:
  task<> local_state() {
    std::vector<int> mine{1, 2, 3};
    for (int &v : mine)
      v += co_await price("y");
  }
  task<> by_value(std::vector<Item> items) {
    for (Item &item : items)
      item.stock = co_await price(item.sku);
  }
  task<> pinned() {
    std::shared_ptr<const Config> config = config_;
    const Config &pinned = *config;
    co_await log("pinned");
    use(pinned.limits.size());
  }
  void reload() {
    // A new object filled before anyone else can see it.
    auto fresh = std::make_shared<Config>();
    fresh->limits.push_back(3);
    config_ = fresh;
  }

private:
  std::shared_ptr<const Config> config_;
};

} // namespace shop
