// ARGS: -std=c++20 -I%INC
// CONFIG: {CheckOptions: {CatalogFile: '%DIR/team-words.json'}}
// A team's own words: `reserve` waits for a turn (a seat, a slot), `lookup`
// asks a question.
#include "frameworks.h"
#include <string>

using cppcoro::task;

task<int> reserve_seat(int flight);
task<int> reserve_meal(int flight);
task<std::string> lookup_weather();
task<std::string> lookup_gate();
task<std::string> announce_gate();
task<std::string> announce_weather();

task<int> board(int flight) {
  int seat = co_await reserve_seat(flight);
  int meal = co_await reserve_meal(flight);
  co_return seat + meal;
}

task<std::size_t> departure() {
  std::string weather = co_await lookup_weather(); // expected-warning {{'lookup_weather' and 1 more independent await run one after another}} expected-note {{run them concurrently with 'cppcoro::when_all'}}
  std::string gate = co_await lookup_gate(); // expected-note {{independent await of 'lookup_gate'}}
  co_return weather.size() + gate.size();
}

// Still an action: the built-in words stay.
task<std::size_t> announcements() {
  std::string a = co_await announce_gate();
  std::string b = co_await announce_weather();
  co_return a.size() + b.size();
}
