# Tests of the indexer's own pieces (indexer/), linked from their sources
# as pressdex-index links them: the chunked JSON Lines reader.
add_executable(unit_jsonl_chunks
  unit_jsonl_chunks.c
  ${PROJECT_SOURCE_DIR}/indexer/read_jsonl.c
  ${PROJECT_SOURCE_DIR}/indexer/ingest.c
  ${PROJECT_SOURCE_DIR}/indexer/extract.c)
target_include_directories(unit_jsonl_chunks PRIVATE
  ${PROJECT_SOURCE_DIR}/indexer)
target_link_libraries(unit_jsonl_chunks PRIVATE pressdex_extract pressdex
                      PkgConfig::JANSSON)
add_test(NAME unit_jsonl_chunks COMMAND unit_jsonl_chunks)
set_tests_properties(unit_jsonl_chunks PROPERTIES TIMEOUT 120)
