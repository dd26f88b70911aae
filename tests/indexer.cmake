# Tests of reading files into articles (indexer/extract/, the
# pressdex_extract library): the chunked JSON Lines reader.
add_executable(unit_jsonl_chunks unit_jsonl_chunks.c)
target_link_libraries(unit_jsonl_chunks PRIVATE pressdex_extract pressdex)
add_test(NAME unit_jsonl_chunks COMMAND unit_jsonl_chunks)
set_tests_properties(unit_jsonl_chunks PROPERTIES TIMEOUT 120)
