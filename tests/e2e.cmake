# End-to-end tests: shell scripts that run the real pressdex-index and
# pressdex-search against fresh indexes and compare exact output.
set(PX_E2E_ENV
  "PX_INDEX=$<TARGET_FILE:pressdex-index>"
  "PX_SEARCH=$<TARGET_FILE:pressdex-search>"
  "PX_EXAMPLES=${PROJECT_SOURCE_DIR}/examples"
  "PX_MKINDEX=$<TARGET_FILE:mkindex_precision>"
  # e2e/docs.sh installs the build into a scratch prefix.
  "PX_BUILD_DIR=${CMAKE_BINARY_DIR}")
# e2e/date_precision.sh builds its index through the library with this
# helper (the JSON Lines reader cannot carry a date precision), and checks
# the search page too when it is built.
add_executable(mkindex_precision ${CMAKE_CURRENT_SOURCE_DIR}/mkindex_precision.c)
target_link_libraries(mkindex_precision PRIVATE pressdex)
if(TARGET pressdex.cgi)
  list(APPEND PX_E2E_ENV "PX_CGI=$<TARGET_FILE:pressdex.cgi>")
endif()
file(GLOB PX_E2E_SCRIPTS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/*.sh)
list(REMOVE_ITEM PX_E2E_SCRIPTS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/lib.sh)
foreach(script ${PX_E2E_SCRIPTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME e2e_${name} COMMAND bash ${script})
  set_tests_properties(e2e_${name} PROPERTIES ENVIRONMENT "${PX_E2E_ENV}"
                       TIMEOUT 600)
endforeach()
