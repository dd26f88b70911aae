/*
** schema.h — the index schema, in one place.
**
** Every term prefix and value slot pressdex writes or queries is declared
** here; the writer (index_write.c) and the query side (index_search.c) both
** read this header and nothing else decides a prefix.  Changing anything
** here changes the on-disk format: bump PX_SCHEMA_VERSION and let
** `pressdex-index reindex` rebuild the Xapian side from the store.
** (Date precisions added terms without a bump: they mark only month- and
** year-precise articles, which did not exist before, and day-precise
** documents are written exactly as in version 1, so older indexes answer
** every date query the same.)
*/
#ifndef PX_SCHEMA_H
#define PX_SCHEMA_H

#define PX_SCHEMA_VERSION "1"

/* Probabilistic (ranked, positional, stemmed through STEM_SOME) fields. */
#define PX_PREFIX_BODY    ""    /* body and title words, unprefixed */
#define PX_PREFIX_TITLE   "S"   /* title words again, for title: */
#define PX_PREFIX_AUTHOR  "A"   /* author words, for author: */

/* Boolean (filter) fields; the value follows the prefix directly. */
#define PX_PREFIX_ID      "Q"   /* unique id: store docid in decimal */
#define PX_PREFIX_OUTLET  "XO"  /* outlet key (px_outlet_key) */
#define PX_PREFIX_AUTHOR_EXACT "XA" /* whole author name, case-folded */
#define PX_PREFIX_YEAR    "Y"   /* YYYY: every dated article */
#define PX_PREFIX_MONTH   "M"   /* YYYYMM: dated to a day or a month */
#define PX_PREFIX_DAY     "D"   /* YYYYMMDD: dated to a day */
#define PX_PREFIX_UNDATED "XU"  /* "XU" alone: article has no known date */
#define PX_PREFIX_CLUSTER "XC"  /* syndication cluster id, in sharded
                                   indexes only (docdata.c) */
/* The period of an article dated only to a month or a year, so that a
** date query can leave out the periods that overhang its end (see
** index_dates.c); day-precise articles carry neither. */
#define PX_PREFIX_MONTH_ONLY "XPM" /* YYYYMM: month known, day not */
#define PX_PREFIX_YEAR_ONLY  "XPY" /* YYYY: only the year known */

/* Value slots. */
enum {
    PX_SLOT_DATE = 0,   /* "YYYYMMDD", a month or year as its first day:
                           sorting and date ranges */
    PX_SLOT_OUTLET = 1, /* outlet key: outlet facet counts */
    PX_SLOT_MONTH = 2,  /* "YYYY-MM", or "YYYY" for a year-precise date
                           (a facet bucket of its own): month facets */
    PX_SLOT_OLDEST = 3, /* as PX_SLOT_DATE, "~" when undated: oldest-first
                           sorting with undated articles last */
    PX_SLOT_CLUSTER = 4 /* syndication cluster id (decimal): collapsing */
};

/* Ranking: title words count this many times a body occurrence, and the
** body starts this many positions after the title so that no phrase spans
** both. */
#define PX_TITLE_WDF 5
#define PX_TITLE_GAP 100

/* Syndication clusters (cluster.c): word 4-gram shingles, a MinHash
** signature of PX_MINHASH_SIZE values, locality-sensitive hashing in
** PX_LSH_BANDS bands of PX_MINHASH_SIZE / PX_LSH_BANDS rows to find
** candidates, and a candidate joins a cluster when the signatures agree on
** at least PX_CLUSTER_THRESHOLD of their values (estimated Jaccard
** similarity of the shingle sets).  Wire copy republished with light edits
** scores 0.6-0.95; articles sharing one paragraph of five score < 0.25. */
#define PX_SHINGLE_WORDS 4
#define PX_MINHASH_SIZE 64
#define PX_LSH_BANDS 32
#define PX_CLUSTER_THRESHOLD 0.5
#define PX_CLUSTER_MIN_WORDS 20   /* shorter texts stay alone */

/* Xapian metadata keys. */
#define PX_META_SCHEMA   "pressdex.schema"
#define PX_META_LANGUAGE "pressdex.language"
#define PX_META_SYNCED   "pressdex.synced_seq"  /* store seq applied */
/* In a sharded index's spelling database: + outlet key -> the outlet's
** display name (docdata.c). */
#define PX_META_OUTLET   "pressdex.outlet:"

/* A sharded index's documents carry their article as document data
** (docdata.c), so that shards served remotely need no store. */

/* How each user-visible query field maps to the index.  The query parser
** is configured from this table. */
typedef enum {
    PX_FIELD_TEXT,     /* probabilistic prefix */
    PX_FIELD_BOOLEAN,  /* boolean prefix, value used verbatim */
    PX_FIELD_OUTLET,   /* value normalised with px_outlet_key */
    PX_FIELD_DATE      /* date, month, year or range -> value range */
} px_field_kind;

typedef struct {
    const char *name;     /* as typed by the user, without ':' */
    const char *prefix;
    px_field_kind kind;
} px_field;

extern const px_field px_schema_fields[];
extern const unsigned px_schema_n_fields;

#endif /* PX_SCHEMA_H */
