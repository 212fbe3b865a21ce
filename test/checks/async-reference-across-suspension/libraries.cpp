// ARGS: -std=c++20 -I%INC
// Containers and smart pointers of libraries other than the standard one:
// the catalogue says how each container invalidates, and any class used as
// a pointer (it has operator->) owns what the path goes through.
#include "mock_task.h"
#include <map>
#include <string>
#include <utility>

namespace absl {
// Open addressing: an insertion can move every element.
template <typename K, typename V> class flat_hash_map {
public:
  struct iterator {
    using iterator_category = int;
    std::pair<const K, V> *operator->() const;
    bool operator==(const iterator &) const;
  };
  V &at(const K &);
  V &operator[](const K &);
  iterator find(const K &);
  iterator end();
  template <typename... A> std::pair<iterator, bool> emplace(A &&...);
  void erase(const K &);
};
// Nodes: an insertion rehashes iterators but moves no element.
template <typename K, typename V> class node_hash_map {
public:
  struct iterator {
    using iterator_category = int;
    std::pair<const K, V> *operator->() const;
    bool operator==(const iterator &) const;
  };
  V &at(const K &);
  iterator find(const K &);
  iterator end();
  template <typename... A> std::pair<iterator, bool> emplace(A &&...);
};
} // namespace absl

namespace seastar {
template <typename T> class lw_shared_ptr {
public:
  T *operator->() const;
  T &operator*() const;
  lw_shared_ptr &operator=(lw_shared_ptr &&) noexcept;
};
template <typename T, typename... A> lw_shared_ptr<T> make_lw_shared(A &&...);
} // namespace seastar

namespace cluster {
MOCK_DEFINE_TASK(future)
future<> gossip(std::string);
future<int> ping(int);
void record(int);

struct Peer {
  std::string address;
  int misses = 0;
};
struct Topology {
  std::map<int, Peer> nodes;
  long version = 0;
};

// A container of the project's own, which the catalogue does not know.
template <typename K, typename V> class registry {
public:
  V &at(const K &);
  void erase(const K &);
};

class Membership {
public:
  future<> probe(int id) {
    Peer &peer = peers_.at(id); // expected-warning {{'peer' refers into 'peers_' across a suspension}}
    int rtt = co_await ping(id); // expected-note {{the coroutine suspends here}}
    peer.misses = rtt > 100 ? peer.misses + 1 : 0; // expected-note {{'peer' is used here, after the suspension}}
  }

  // References into node-based maps survive insertions; iterators do not.
  future<> probe_stable(int id) {
    Peer &peer = stable_.at(id);
    int rtt = co_await ping(id);
    record(rtt + peer.misses);
  }
  future<> probe_iterator(int id) {
    auto it = stable_.find(id); // expected-warning {{iterator 'it' into 'stable_' is used after a suspension}}
    if (it == stable_.end())
      co_return;
    int rtt = co_await ping(id); // expected-note {{the coroutine suspends here}}
    it->second.misses = rtt; // expected-note {{'it' is used here, after the suspension}}
  }

  // The node table lives behind a shared pointer that apply() assigns
  // through: the map is replaced, its elements destroyed.
  future<> announce(int id) {
    const Peer &self = topology_->nodes.at(id); // expected-warning {{'self' refers into 'topology_->nodes' across a suspension}}
    co_await gossip("hello"); // expected-note {{the coroutine suspends here}}
    co_await gossip(self.address); // expected-note {{'self' is used here, after the suspension}}
  }
  // And a lambda of the class that captures this does the same.
  future<> announce_later(int id) {
    auto task = [this, id]() -> future<> {
      const Topology &current = *topology_; // expected-warning {{'current' refers into '*topology_' across a suspension, while other code can destroy it}}
      co_await gossip("later"); // expected-note {{the coroutine suspends here}}
      record(current.version); // expected-note {{'current' is used here, after the suspension}}
    };
    co_await task();
  }

  // The project's own container: nothing is known of what its erase does.
  future<> own_container(int id) {
    Peer &peer = own_.at(id);
    co_await ping(id);
    record(peer.misses);
  }

  void join(int id, Peer p) {
    peers_.emplace(id, p); // expected-note {{'join' inserts into 'peers_' here, and can run while the coroutine is suspended}}
    stable_.emplace(id, p); // expected-note {{'join' inserts into 'stable_' here, and can run while the coroutine is suspended}}
    own_.erase(id);
  }
  void apply(Topology t) {
    *topology_ = std::move(t); // expected-note {{'apply' assigns '*topology_' here, and can run while the coroutine is suspended}}
  }
  void reset() {
    topology_ = seastar::make_lw_shared<Topology>(); // expected-note {{'reset' replaces the object owned by 'topology_' here, and can run while the coroutine is suspended}}
  }

private:
  absl::flat_hash_map<int, Peer> peers_;
  absl::node_hash_map<int, Peer> stable_;
  registry<int, Peer> own_;
  seastar::lw_shared_ptr<Topology> topology_;
};

} // namespace cluster
