# Tests of indexer/extract/: unit tests of its pieces (hostile input
# included) and the quality report on labelled pages, which fails when
# field accuracy or body F1 drops below its thresholds.
if(NOT TARGET pressdex_extract)
  add_subdirectory(${PROJECT_SOURCE_DIR}/indexer/extract
                   ${CMAKE_BINARY_DIR}/indexer-extract)
endif()
find_package(ZLIB REQUIRED)

# extract_quality scores three sets: tests/extraction/, and, when the
# checkout has them beside it, ../shared/extraction (HTML) and
# ../shared/scraped-text (scraped text); see test_extract_quality.c.
add_executable(test_extract_quality test_extract_quality.c
  extract_quality_util.c extract_quality_scraped.c)
target_compile_definitions(test_extract_quality PRIVATE
  PXE_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_link_libraries(test_extract_quality PRIVATE pressdex_extract pressdex
                      PkgConfig::JANSSON ZLIB::ZLIB)
add_test(NAME extract_quality COMMAND test_extract_quality)
set_tests_properties(extract_quality PROPERTIES TIMEOUT 300)

# The unit tests exercise the readers and the format table too; all of
# them are in the library.
add_executable(test_extract_unit
  extract/test_extract_unit.c
  extract/test_extract_warc.c
  extract/test_extract_readers.c)
target_compile_definitions(test_extract_unit PRIVATE
  PXE_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_link_libraries(test_extract_unit PRIVATE pressdex_extract pressdex
                      PkgConfig::JANSSON ZLIB::ZLIB)
add_test(NAME extract_unit COMMAND test_extract_unit)
