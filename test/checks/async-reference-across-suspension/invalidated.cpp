// ARGS: -std=c++20 -I%INC
// References, pointers and iterators into state the coroutine does not own,
// taken before a suspension and used after it, while another function of
// the program changes that state in a way the standard says invalidates
// them.
#include "mock_task.h"
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace game {
MOCK_DEFINE_TASK(task)
task<int> roll();
task<> save(std::string);
void show(int);

struct Player {
  std::string name;
  int score = 0;
};

class Lobby {
public:
  // A pointer to the last seat, then a round trip: join() can reallocate
  // the vector meanwhile.
  task<> seat_newest() {
    Player *newest = &seats_.back(); // expected-warning {{'newest' refers into 'seats_' across a suspension, while other code can invalidate it; copy what you need before suspending, or look it up again after}}
    int points = co_await roll(); // expected-note {{the coroutine suspends here}}
    newest->score += points; // expected-note {{'newest' is used here, after the suspension}}
  }

  // An iterator into a hash map: any insertion can rehash it.
  task<> bump(const std::string &who) {
    auto found = scores_.find(who); // expected-warning {{iterator 'found' into 'scores_' is used after a suspension, while other code can invalidate it; look the element up again after suspending}}
    if (found == scores_.end())
      co_return;
    int points = co_await roll(); // expected-note {{the coroutine suspends here}}
    found->second += points; // expected-note {{'found' is used here, after the suspension}}
  }

  // Saving each waiting player in turn: join() pushes onto the deque, which
  // invalidates its iterators.
  task<> save_waiting() {
    for (const Player &p : waiting_) { // expected-warning {{range-for over 'waiting_' goes on after a suspension, while other code can invalidate its iterator; iterate over a copy of the keys and look each element up again}} expected-note {{the loop steps to the next element after the suspension}}
      co_await save(p.name); // expected-note {{the coroutine suspends here}}
    }
  }

  // An entry of an ordered map survives insertions, not the kick() that
  // erases it.
  task<> reward(int table) {
    Player &winner = tables_.at(table); // expected-warning {{'winner' refers into 'tables_' across a suspension}}
    int bonus = co_await roll(); // expected-note {{the coroutine suspends here}}
    winner.score += bonus; // expected-note {{'winner' is used here, after the suspension}}
  }

  void join(Player p) {
    seats_.push_back(p); // expected-note {{'join' inserts into 'seats_' here, and can run while the coroutine is suspended}}
    waiting_.push_back(p); // expected-note {{'join' inserts into 'waiting_' here, and can run while the coroutine is suspended}}
    scores_[p.name] = 0; // expected-note {{'join' inserts into 'scores_' here, and can run while the coroutine is suspended}}
    tables_.emplace(p.score, p);
  }
  void kick(int table) {
    tables_.erase(table); // expected-note {{'kick' erases from 'tables_' here, and can run while the coroutine is suspended}}
  }

private:
  std::vector<Player> seats_;
  std::deque<Player> waiting_;
  std::unordered_map<std::string, int> scores_;
  std::map<int, Player> tables_;
};

// State reached through a reference parameter, changed by a free function.
struct Registry {
  std::list<std::string> names;
};
void forget(Registry &r) {
  r.names.remove_if([](const std::string &n) { return n.empty(); }); // expected-note {{'forget' erases from 'r.names' here, and can run while the coroutine is suspended}}
}
task<> persist(Registry &registry) {
  for (const std::string &name : registry.names) // expected-warning {{range-for over 'registry.names' goes on after a suspension}} expected-note {{the loop steps to the next element after the suspension}}
    co_await save(name); // expected-note {{the coroutine suspends here}}
}

// A global vector of listeners.
std::vector<std::string> g_listeners;
void listen(std::string name) {
  g_listeners.emplace_back(std::move(name)); // expected-note {{'listen' inserts into 'g_listeners' here, and can run while the coroutine is suspended}}
}
task<> notify_first() {
  const std::string &first = g_listeners.front(); // expected-warning {{'first' refers into 'g_listeners' across a suspension}}
  co_await save("notify"); // expected-note {{the coroutine suspends here}}
  co_await save(first); // expected-note {{'first' is used here, after the suspension}}
}

// An object behind an owning pointer that another function replaces.
struct Rules {
  int max_players = 4;
  std::vector<int> banned;
};
class Server {
public:
  task<> enforce() {
    const Rules &rules = *rules_; // expected-warning {{'rules' refers into '*rules_' across a suspension, while other code can destroy it; keep an owning copy (such as a shared_ptr) before suspending}}
    co_await save("enforcing"); // expected-note {{the coroutine suspends here}}
    show(rules.max_players); // expected-note {{'rules' is used here, after the suspension}}
  }
  // The element of a container inside that object dies with it too.
  task<> first_ban() {
    const int &id = rules_->banned.front(); // expected-warning {{'id' refers into 'rules_->banned' across a suspension}}
    co_await save("ban"); // expected-note {{the coroutine suspends here}}
    show(id); // expected-note {{'id' is used here, after the suspension}}
  }
  // Through an accessor that returns what it points to.
  const Rules &current() const { return *rules_; }
  task<> limit() {
    const int &max = current().max_players; // expected-warning {{'max' refers into 'current().max_players' across a suspension, while other code can destroy it}}
    co_await save("limit"); // expected-note {{the coroutine suspends here}}
    show(max); // expected-note {{'max' is used here, after the suspension}}
  }
  void reload() {
    rules_ = std::make_unique<Rules>(); // expected-note 3 {{'reload' replaces the object owned by 'rules_' here, and can run while the coroutine is suspended}}
  }

private:
  std::unique_ptr<Rules> rules_ = std::make_unique<Rules>();
};

} // namespace game
