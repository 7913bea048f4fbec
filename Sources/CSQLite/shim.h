#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>   /* the system's libsqlite3 (libsqlite3-dev); only GongkaiIO/Export/SQLite*.swift imports it */
#endif
