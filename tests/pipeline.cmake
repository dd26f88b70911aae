# Writing through the index's writer thread and compaction: the index must
# come out exactly as writing in one thread makes it.
add_executable(unit_pipeline unit_pipeline.c)
target_link_libraries(unit_pipeline PRIVATE pressdex)
add_test(NAME unit_pipeline COMMAND unit_pipeline)
set_tests_properties(unit_pipeline PROPERTIES TIMEOUT 300)
