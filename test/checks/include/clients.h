// Test support: the synchronous client libraries, with their real names and
// signatures (libpq, SQLite, MySQL, hiredis, libcurl, cpp-httplib, cpr).
#pragma once
#include <string>

extern "C" {
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
PGresult *PQexec(PGconn *conn, const char *query);
PGconn *PQconnectdb(const char *conninfo);
int PQsendQuery(PGconn *conn, const char *query);

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_exec(sqlite3 *, const char *sql, int (*callback)(void *, int, char **, char **),
                 void *, char **errmsg);
int sqlite3_step(sqlite3_stmt *);

typedef struct st_mysql MYSQL;
int mysql_query(MYSQL *mysql, const char *q);

typedef struct redisContext redisContext;
void *redisCommand(redisContext *c, const char *format, ...);

typedef void CURL;
typedef int CURLcode;
CURLcode curl_easy_perform(CURL *curl);
}

namespace httplib {
struct Result {};
class Client {
public:
  explicit Client(const std::string &host);
  Result Get(const std::string &path);
  Result Post(const std::string &path, const std::string &body,
              const std::string &content_type);
};
} // namespace httplib

namespace cpr {
struct Url {
  std::string url;
};
struct Response {
  int status_code;
};
template <typename... Ts> Response Get(Ts &&...) { return {}; }
template <typename... Ts> Response Post(Ts &&...) { return {}; }
} // namespace cpr
