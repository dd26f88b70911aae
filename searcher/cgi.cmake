# pressdex.cgi: the search page as one CGI/FastCGI program (libfcgi, Debian
# libfcgi-dev).  Included by searcher/CMakeLists.txt.
option(PRESSDEX_CGI "Build the CGI/FastCGI search page (needs libfcgi)" ON)
if(NOT PRESSDEX_CGI)
  return()
endif()

find_path(FCGI_INCLUDE_DIR fcgiapp.h)
find_library(FCGI_LIBRARY fcgi)
if(NOT FCGI_INCLUDE_DIR OR NOT FCGI_LIBRARY)
  message(FATAL_ERROR "libfcgi not found: install it (Debian: libfcgi-dev) "
                      "or configure with -DPRESSDEX_CGI=OFF")
endif()

add_executable(pressdex.cgi
  cgi_main.c cgi_params.c cgi_buf.c cgi_html.c cgi_facets.c cgi_mark.c
  output_json.c
  cli_common.c)
target_compile_definitions(pressdex.cgi PRIVATE
  PS_VERSION="${PROJECT_VERSION}")
# cgi_mark.c stems with libstemmer, as the index does.
target_include_directories(pressdex.cgi PRIVATE ${FCGI_INCLUDE_DIR}
                           ${STEMMER_INCLUDE_DIR})
target_link_libraries(pressdex.cgi PRIVATE pressdex pressdex_extract
                      PkgConfig::JANSSON
                      ${FCGI_LIBRARY} ${STEMMER_LIBRARY} m)
install(TARGETS pressdex.cgi RUNTIME DESTINATION lib/cgi-bin)
