// ARGS: -std=c++20 -I%INC
#include "clients.h"
#include "frameworks.h"

folly::coro::Task<int> query(PGconn *pg, sqlite3 *db, sqlite3_stmt *stmt,
                             MYSQL *my, redisContext *redis) {
  PQexec(pg, "select 1"); // expected-warning {{blocking call to 'PQexec' (database)}}
  PQsendQuery(pg, "select 1");
  sqlite3_exec(db, "vacuum", nullptr, nullptr, nullptr); // expected-warning {{'sqlite3_exec' (database)}}
  sqlite3_step(stmt); // expected-warning {{'sqlite3_step' (database)}}
  mysql_query(my, "select 1"); // expected-warning {{'mysql_query' (database)}}
  redisCommand(redis, "GET %s", "k"); // expected-warning {{'redisCommand' (database)}}
  co_return 0;
}

folly::coro::Task<int> call_services(CURL *curl, httplib::Client &client) {
  curl_easy_perform(curl); // expected-warning {{'curl_easy_perform' (network)}}
  client.Get("/health"); // expected-warning {{'httplib::Client::Get' (network)}}
  cpr::Get(cpr::Url{"http://localhost"}); // expected-warning {{'cpr::Get' (network)}}
  co_return 0;
}
