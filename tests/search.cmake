# Search behaviour on real articles (tests/search/): case, possessives,
# outlet aliases, options, honest counts, suggestions and quote recall,
# each checked against an independent scan of the stored text.  Needs
# ../shared/corpus; skipped (77) without it.
set(PX_SEARCH_ENV
  "PX_INDEX=$<TARGET_FILE:pressdex-index>"
  "PX_SEARCH=$<TARGET_FILE:pressdex-search>"
  "PX_EXAMPLES=${PROJECT_SOURCE_DIR}/examples")
if(TARGET pressdex.cgi)
  list(APPEND PX_SEARCH_ENV "PX_CGI=$<TARGET_FILE:pressdex.cgi>")
endif()
add_test(NAME search_corpus
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/search/corpus.sh)
set_tests_properties(search_corpus PROPERTIES ENVIRONMENT "${PX_SEARCH_ENV}"
                     TIMEOUT 600 SKIP_RETURN_CODE 77)
