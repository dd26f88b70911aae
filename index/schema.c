/*
** schema.c — the table of query fields declared in schema.h.
*/
#include "schema.h"

const px_field px_schema_fields[] = {
    {"title", PX_PREFIX_TITLE, PX_FIELD_TEXT},
    {"author", PX_PREFIX_AUTHOR, PX_FIELD_TEXT},
    {"outlet", PX_PREFIX_OUTLET, PX_FIELD_OUTLET},
    {"date", "", PX_FIELD_DATE},
    {"year", PX_PREFIX_YEAR, PX_FIELD_BOOLEAN},
};

const unsigned px_schema_n_fields =
    sizeof px_schema_fields / sizeof px_schema_fields[0];
