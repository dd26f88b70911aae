# Tests of indexer/extract/: unit tests of its pieces (hostile input
# included) and the quality report on labelled pages, which fails when
# field accuracy or body F1 drops below its thresholds.
if(NOT TARGET pressdex_extract)
  add_subdirectory(${PROJECT_SOURCE_DIR}/indexer/extract
                   ${CMAKE_BINARY_DIR}/indexer-extract)
endif()
find_package(ZLIB REQUIRED)

add_executable(test_extract_quality test_extract_quality.c)
target_compile_definitions(test_extract_quality PRIVATE
  PXE_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_link_libraries(test_extract_quality PRIVATE pressdex_extract pressdex
                      PkgConfig::JANSSON ZLIB::ZLIB)
add_test(NAME extract_quality COMMAND test_extract_quality)
set_tests_properties(extract_quality PROPERTIES TIMEOUT 300)

# The unit tests exercise the readers too, so they link the indexer's
# ingest helpers (ingest.c and the extract.c it calls) as pressdex-index
# does.
add_executable(test_extract_unit
  extract/test_extract_unit.c
  extract/test_extract_warc.c
  ${PROJECT_SOURCE_DIR}/indexer/ingest.c
  ${PROJECT_SOURCE_DIR}/indexer/extract.c)
target_include_directories(test_extract_unit PRIVATE
  ${PROJECT_SOURCE_DIR}/indexer)
target_compile_definitions(test_extract_unit PRIVATE
  PXE_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_link_libraries(test_extract_unit PRIVATE pressdex_extract pressdex
                      PkgConfig::JANSSON ZLIB::ZLIB)
add_test(NAME extract_unit COMMAND test_extract_unit)
