# Unit tests of the library's internal modules: text normalisation
# (normalize.c), the SQLite article store (store.c) and the Xapian wrapper
# (xapian_wrap.cc).  Each is a plain C program that prints every failed
# check with its file and line and ends with "N passed, M failed".
add_executable(unit_normalize ${CMAKE_CURRENT_SOURCE_DIR}/unit_normalize.c)
target_link_libraries(unit_normalize PRIVATE pressdex)
add_test(NAME unit_normalize COMMAND unit_normalize)

# The store test also talks to SQLite directly, to plant a schema version
# from the future.
add_executable(unit_store ${CMAKE_CURRENT_SOURCE_DIR}/unit_store.c)
target_link_libraries(unit_store PRIVATE pressdex PkgConfig::SQLITE3)
add_test(NAME unit_store COMMAND unit_store)

add_executable(unit_xapian_wrap ${CMAKE_CURRENT_SOURCE_DIR}/unit_xapian_wrap.c)
target_link_libraries(unit_xapian_wrap PRIVATE pressdex)
add_test(NAME unit_xapian_wrap COMMAND unit_xapian_wrap)

# Dates known to the month or year only, through the library API; it also
# plants a store from before the precision column with SQLite directly.
add_executable(unit_date_precision ${CMAKE_CURRENT_SOURCE_DIR}/unit_date_precision.c)
target_link_libraries(unit_date_precision PRIVATE pressdex PkgConfig::SQLITE3)
add_test(NAME unit_date_precision COMMAND unit_date_precision)

set_tests_properties(unit_normalize unit_store unit_xapian_wrap
                     unit_date_precision PROPERTIES TIMEOUT 120)

# Pending changes, out-of-space messages, -wal/-shm left for readers of
# another user, reindex strays (index_access.c, store.c, index_maint.c).
add_executable(unit_access ${CMAKE_CURRENT_SOURCE_DIR}/unit_access.c)
target_link_libraries(unit_access PRIVATE pressdex)
add_test(NAME unit_access COMMAND unit_access)
set_tests_properties(unit_access PROPERTIES TIMEOUT 120)
