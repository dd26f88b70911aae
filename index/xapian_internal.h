/*
** xapian_internal.h — what the two halves of the Xapian wrapper share:
** the structs behind xapian_wrap.h's opaque handles, the exception guard
** every entry point runs in, and the stemmer factory.  C++ only, private to
** xapian_wrap.cc (databases, documents, indexing) and xapian_search.cc
** (queries, the parser, matching, the query cost budget).
*/
#ifndef PX_XAPIAN_INTERNAL_H
#define PX_XAPIAN_INTERNAL_H

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include <xapian.h>

#include "xapian_wrap.h"

struct px_xdb {
    Xapian::Database *db;
    Xapian::WritableDatabase *wdb;   /* same object when writable */
    /* A writable sharded database (xapian_shards.cc): the set's handle
    ** holds one handle per shard in `parts`, and db/wdb combine them for
    ** reading; a shard's handle knows its place in the set. */
    unsigned nshards = 1;
    unsigned shard = 0;
    px_xdb **parts = nullptr;
    bool is_part = false;            /* owned by its set */
    bool remote = false;             /* some shard is served remotely */
    /* A sharded index keeps its spelling data in a database of its own
    ** (xapian_shards.cc); NULL: in db. */
    Xapian::Database *spell = nullptr;
};
struct px_xdoc { Xapian::Document doc; };
struct px_xtg { Xapian::TermGenerator tg; };
struct px_xquery { Xapian::Query q; };
struct px_xqp {
    Xapian::QueryParser qp;
    std::string corrected;
    std::string field_error;   /* set by a field callback during a parse */
};
struct px_xenq {
    Xapian::Enquire enq;
    Xapian::Stem stem;
    Xapian::Query query;   /* as set, without the deadline's filter */
    double deadline = 0;   /* seconds from the next mset; 0: none */
    bool cut = false;      /* the last mset was ended by the deadline */
    bool remote = false;   /* a remote shard cannot run the deadline's
                              posting source: Xapian's limit alone */
    Xapian::Database db;
    explicit px_xenq(const Xapian::Database &d) : enq(d), db(d) {}
};
struct px_xmset {
    Xapian::MSet mset;
    Xapian::Stem stem;
    Xapian::Database db;       /* what mset was matched against */
    Xapian::Query query;       /* ... and with, for snippets */
    Xapian::MSet snip;         /* unweighted match for snippets, made on
                                  first use (px_xmset_snippet) */
    bool snip_ready;
};
struct px_xspy { Xapian::ValueCountMatchSpy *spy; };

namespace pxw {

/* Runs fn, mapping any exception to a status and a message. */
template <typename F>
inline px_status guard(px_err *err, const char *what, F fn)
{
    try {
        fn();
        return PX_OK;
    } catch (const Xapian::DatabaseModifiedError &e) {
        return px_err_set(err, PX_EMODIFIED, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseLockError &e) {
        return px_err_set(err, PX_ELOCKED, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseCorruptError &e) {
        return px_err_set(err, PX_ECORRUPT, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseVersionError &e) {
        return px_err_set(err, PX_ECORRUPT, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return px_err_set(err, PX_ENOTFOUND, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::DatabaseOpeningError &e) {
        return px_err_set(err, PX_ENOTFOUND, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::QueryParserError &e) {
        return px_err_set(err, PX_EQUERY, "%s", e.get_msg().c_str());
    } catch (const Xapian::UnimplementedError &e) {
        return px_err_set(err, PX_EUNIMPL, "%s", e.get_msg().c_str());
    } catch (const Xapian::DocNotFoundError &e) {
        return px_err_set(err, PX_ENOTFOUND, "%s: %s", what, e.get_msg().c_str());
    } catch (const Xapian::NetworkError &e) {
        /* The description names the shard ("remote:tcp(HOST:PORT)"). */
        return px_err_set(err, PX_EIO, "%s: a remote shard did not answer: "
                          "%s", what, e.get_description().c_str());
    } catch (const Xapian::Error &e) {
        return px_err_set(err, PX_EBACKEND, "%s: %s: %s", what,
                          e.get_type(), e.get_msg().c_str());
    } catch (const std::bad_alloc &) {
        return px_err_set(err, PX_ENOMEM, "%s: out of memory", what);
    } catch (const std::exception &e) {
        return px_err_set(err, PX_EBACKEND, "%s: %s", what, e.what());
    } catch (...) {
        return px_err_set(err, PX_EBACKEND, "%s: unknown error", what);
    }
}

inline char *dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

/* A Xapian::Stem running libstemmer's `lang` ("none" or NULL: none). */
Xapian::Stem make_stem(const char *lang);

/* Sharded databases (xapian_shards.cc). */
bool is_sharded(const char *path);     /* path holds a stub of shards */
/* path is a stub (a file, or a directory holding XAPIANDB) naming a
** shard served remotely. */
bool names_remote(const char *path);
void open_set(const char *path, int action, px_xdb *h);
void create_set(const char *path, unsigned n, px_xdb *h);
void close_set(px_xdb *h);             /* the shards' handles only */
/* Frees a writable handle whose opening failed part way. */
void discard(px_xdb *h);
/* A read handle of db (taken over: freed on failure too), the database
** at `path`, with its spelling database and whether it names remote
** shards. */
px_xdb *read_handle(const char *path, Xapian::Database *db);
/* Opens path/spelling into h->spell for reading, when there is one. */
void open_spelling(const char *path, px_xdb *h);
void compact_set(const char *src, const char *dst);
/* The writer holding document *docid, which becomes its id there; throws
** for a read-only handle or a shard's handle given another's document. */
Xapian::WritableDatabase &route(px_xdb *db, unsigned *docid);

}  // namespace pxw

#endif /* PX_XAPIAN_INTERNAL_H */
