# Tests of the search page (pressdex.cgi): the parameter parser on hostile
# input, a fuzz run of it when clang's libFuzzer is available, HTTP tests
# against a real lighttpd in CGI and FastCGI mode, and the headless-browser
# test.  Included by tests/CMakeLists.txt.
if(NOT TARGET pressdex.cgi)
  return()
endif()
set(PX_CGI_SRC ${PROJECT_SOURCE_DIR}/searcher)

add_executable(test_cgi_params cgi/test_params.c
               ${PX_CGI_SRC}/cgi_params.c ${PX_CGI_SRC}/cgi_buf.c)
target_include_directories(test_cgi_params PRIVATE ${PX_CGI_SRC}
                           ${PROJECT_SOURCE_DIR}/index)
add_test(NAME cgi_params COMMAND test_cgi_params)

# The fuzz target is built by clang directly (the project's compiler may be
# gcc) and run for a bounded number of inputs.
find_program(PX_CLANG clang)
if(PX_CLANG)
  # Probe that clang can link a fuzzer (libclang-rt-*-dev installed).
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/fuzz_probe.c
       "#include <stddef.h>\n#include <stdint.h>\n"
       "int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)"
       "{(void)d;(void)n;return 0;}\n")
  execute_process(COMMAND ${PX_CLANG} -fsanitize=fuzzer
                  ${CMAKE_CURRENT_BINARY_DIR}/fuzz_probe.c
                  -o ${CMAKE_CURRENT_BINARY_DIR}/fuzz_probe
                  RESULT_VARIABLE px_no_fuzzer OUTPUT_QUIET ERROR_QUIET)
endif()
if(PX_CLANG AND px_no_fuzzer EQUAL 0)
  set(fuzz_bin ${CMAKE_CURRENT_BINARY_DIR}/fuzz_cgi_params)
  set(fuzz_src ${CMAKE_CURRENT_SOURCE_DIR}/cgi/fuzz_params.c
               ${PX_CGI_SRC}/cgi_params.c ${PX_CGI_SRC}/cgi_buf.c)
  add_custom_command(OUTPUT ${fuzz_bin}
    COMMAND ${PX_CLANG} -g -O1 -std=c11
            -fsanitize=fuzzer,address,undefined
            -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
            -I${PX_CGI_SRC} -I${PROJECT_SOURCE_DIR}/index
            -I${CMAKE_CURRENT_SOURCE_DIR}/cgi ${fuzz_src} -o ${fuzz_bin}
    DEPENDS ${fuzz_src} ${CMAKE_CURRENT_SOURCE_DIR}/cgi/params_check.h
            ${PX_CGI_SRC}/cgi_params.h ${PX_CGI_SRC}/cgi_buf.h
    COMMENT "Building the parameter-parser fuzz target with clang")
  add_custom_target(fuzz_cgi_params ALL DEPENDS ${fuzz_bin})
  add_test(NAME cgi_params_fuzz
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=1
            ${fuzz_bin} -runs=200000 -max_len=9000 -seed=1
            -dict=${CMAKE_CURRENT_SOURCE_DIR}/cgi/params.dict)
  set_tests_properties(cgi_params_fuzz PROPERTIES TIMEOUT 300)
else()
  message(STATUS "clang with libFuzzer not found: no cgi_params_fuzz test")
endif()

set(PX_CGI_ENV
  "PX_INDEX=$<TARGET_FILE:pressdex-index>"
  "PX_CGI=$<TARGET_FILE:pressdex.cgi>"
  "PX_SERVE=${PROJECT_SOURCE_DIR}/scripts/serve"
  "PX_FIXTURES=${CMAKE_CURRENT_SOURCE_DIR}/cgi"
  "PX_EXAMPLES=${PROJECT_SOURCE_DIR}/examples"
  "PX_ARTIFACTS=${CMAKE_CURRENT_BINARY_DIR}/browser")
foreach(mode cgi fastcgi)
  add_test(NAME cgi_http_${mode}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/cgi/http.sh ${mode})
  set_tests_properties(cgi_http_${mode} PROPERTIES
    ENVIRONMENT "${PX_CGI_ENV}" TIMEOUT 300)
endforeach()

# Headless Chromium through playwright-core; exits 77 (skipped) when
# Chromium or tests/browser/node_modules is missing.
add_test(NAME cgi_browser
         COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/browser/run.sh)
set_tests_properties(cgi_browser PROPERTIES ENVIRONMENT "${PX_CGI_ENV}"
                     TIMEOUT 300 SKIP_RETURN_CODE 77)
