# libFuzzer targets for the extraction readers (.txt, .html, .warc, .jsonl):
# built only with -DPRESSDEX_FUZZ=ON and clang, which instrument every
# library they reach.  ctest runs each for PX_FUZZ_SECONDS from seeds in
# the tree (tests/fuzz/run.sh); scripts/fuzz builds them and runs them
# longer, seeded from the shared corpora too.  The query-path target,
# fuzz_cgi_params, is in cgi.cmake.  Included by tests/CMakeLists.txt.
if(NOT PRESSDEX_FUZZ)
  return()
endif()
set(PX_FUZZ_SECONDS 20 CACHE STRING "Seconds ctest runs each fuzz target")
foreach(row txt:pxe_read_txt:page.txt html:pxe_read_html:page.html
            warc:pxe_read_warc:crawl.warc jsonl:pxe_read_jsonl:feed.jsonl)
  string(REPLACE ":" ";" row ${row})
  list(GET row 0 kind)
  list(GET row 1 reader)
  list(GET row 2 name)
  set(target fuzz_read_${kind})
  add_executable(${target} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_readers.c)
  target_compile_definitions(${target} PRIVATE PX_FUZZ_READER=${reader}
                             PX_FUZZ_PATH="/fuzz/${name}")
  target_link_libraries(${target} PRIVATE pressdex_extract)
  target_link_options(${target} PRIVATE -fsanitize=fuzzer)
  add_test(NAME ${target}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run.sh
                   $<TARGET_FILE:${target}> ${kind} ${PX_FUZZ_SECONDS}
                   ${CMAKE_CURRENT_BINARY_DIR}/fuzz-corpus)
  math(EXPR timeout "${PX_FUZZ_SECONDS} + 120")
  set_tests_properties(${target} PROPERTIES TIMEOUT ${timeout}
                       ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1")
endforeach()
