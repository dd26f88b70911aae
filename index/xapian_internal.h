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
    explicit px_xenq(const Xapian::Database &db) : enq(db) {}
};
struct px_xmset {
    Xapian::MSet mset;
    Xapian::Stem stem;
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

}  // namespace pxw

#endif /* PX_XAPIAN_INTERNAL_H */
