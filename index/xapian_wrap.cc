/*
** xapian_wrap.cc — the C API of xapian_wrap.h over Xapian's C++ API.
**
** The only C++ in pressdex.  Every entry point runs its body inside
** guard(), which catches every exception and turns it into a px_status
** and a message; no exception ever crosses into C.  The wrapper decides
** nothing: what to index, how to rank and what to show is decided by the
** C modules calling it.  Stemming is Snowball through libstemmer, handed
** to Xapian as a StemImplementation so that the term generator, the query
** parser and snippets share one stemmer.
*/
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

extern "C" {
#include <libstemmer.h>
}

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
    explicit px_xenq(const Xapian::Database &db) : enq(db) {}
};
struct px_xmset {
    Xapian::MSet mset;
    Xapian::Stem stem;
};
struct px_xspy { Xapian::ValueCountMatchSpy *spy; };

namespace {

/* Runs fn, mapping any exception to a status and a message. */
template <typename F>
px_status guard(px_err *err, const char *what, F fn)
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

char *dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

/* Snowball through libstemmer.  One sb_stemmer per Xapian::Stem: the
** stemmer keeps state between calls and is not shared.  News text repeats
** its words (a term generator stems every occurrence), so stems are
** remembered: a hash lookup costs a fraction of a Snowball run, and a
** word always has the same stem.  The memo is emptied when it reaches
** PX_STEM_MEMO words so that it stays a few megabytes. */
class SnowballStem : public Xapian::StemImplementation {
    static constexpr size_t PX_STEM_MEMO = 1u << 16;
    sb_stemmer *st;
    std::string lang;
    std::unordered_map<std::string, std::string> memo;

  public:
    explicit SnowballStem(const char *language)
        : st(sb_stemmer_new(language, "UTF_8")), lang(language)
    {
        if (!st)
            throw Xapian::InvalidArgumentError(
                std::string("no Snowball stemmer for language ") + language);
    }
    ~SnowballStem() override { sb_stemmer_delete(st); }
    std::string operator()(const std::string &word) override
    {
        auto hit = memo.find(word);
        if (hit != memo.end())
            return hit->second;
        const sb_symbol *s = sb_stemmer_stem(
            st, reinterpret_cast<const sb_symbol *>(word.data()),
            static_cast<int>(word.size()));
        if (!s)
            throw std::bad_alloc();
        std::string stem(reinterpret_cast<const char *>(s),
                         static_cast<size_t>(sb_stemmer_length(st)));
        if (memo.size() >= PX_STEM_MEMO)
            memo.clear();
        memo.emplace(word, stem);
        return stem;
    }
    std::string get_description() const override
    {
        return "libstemmer(" + lang + ")";
    }
};

Xapian::Stem make_stem(const char *lang)
{
    if (!lang || std::strcmp(lang, "none") == 0)
        return Xapian::Stem();
    return Xapian::Stem(new SnowballStem(lang));
}

Xapian::Query::op xop(px_xop op)
{
    switch (op) {
    case PX_XOP_AND: return Xapian::Query::OP_AND;
    case PX_XOP_OR: return Xapian::Query::OP_OR;
    case PX_XOP_AND_NOT: return Xapian::Query::OP_AND_NOT;
    case PX_XOP_FILTER: return Xapian::Query::OP_FILTER;
    case PX_XOP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
    case PX_XOP_PHRASE: return Xapian::Query::OP_PHRASE;
    case PX_XOP_NEAR: return Xapian::Query::OP_NEAR;
    case PX_XOP_SYNONYM: return Xapian::Query::OP_SYNONYM;
    }
    throw Xapian::InvalidArgumentError("unknown query operator");
}

/* A field whose text C code turns into a query.  A failing callback does
** not throw through the parser (Xapian 1.4 leaks parser state when a
** FieldProcessor throws): it records the message for px_xqp_parse to
** report and matches nothing. */
class CField : public Xapian::FieldProcessor {
    px_xqp_field_fn fn;
    void *ctx;
    std::string *error;

  public:
    CField(px_xqp_field_fn f, void *c, std::string *e) : fn(f), ctx(c), error(e) {}
    Xapian::Query operator()(const std::string &value) override
    {
        px_err e;
        e.msg[0] = '\0';
        px_xquery *q = nullptr;
        px_status st = fn(ctx, value.c_str(), &q, &e);
        if (st == PX_ENOMEM)
            throw std::bad_alloc();
        if (st != PX_OK || !q) {
            if (error->empty())
                *error = e.msg[0] ? e.msg : "bad field value";
            px_xquery_free(q);
            return Xapian::Query::MatchNothing;
        }
        Xapian::Query result = q->q;
        px_xquery_free(q);
        return result;
    }
};

}  // namespace

/* ---- stemming ---------------------------------------------------- */

const char **px_xstem_languages(void)
{
    return sb_stemmer_list();
}

int px_xstem_valid(const char *lang)
{
    if (!lang)
        return 0;
    if (std::strcmp(lang, "none") == 0)
        return 1;
    for (const char **l = sb_stemmer_list(); *l; l++)
        if (std::strcmp(*l, lang) == 0)
            return 1;
    return 0;
}

px_status px_xstem_word(const char *lang, const char *word, char **out,
                        px_err *err)
{
    return guard(err, "stem", [&] {
        Xapian::Stem stem = make_stem(lang);
        *out = dup_string(stem(word));
    });
}

/* ---- databases --------------------------------------------------- */

px_status px_xdb_open_read(const char *path, px_xdb **out, px_err *err)
{
    return guard(err, path, [&] {
        px_xdb *h = new px_xdb{nullptr, nullptr};
        try {
            h->db = new Xapian::Database(path);
        } catch (...) {
            delete h;
            throw;
        }
        *out = h;
    });
}

static px_status open_writable(const char *path, int action, px_xdb **out,
                               px_err *err)
{
    return guard(err, path, [&] {
        px_xdb *h = new px_xdb{nullptr, nullptr};
        try {
            h->wdb = new Xapian::WritableDatabase(path, action);
        } catch (...) {
            delete h;
            throw;
        }
        h->db = h->wdb;
        *out = h;
    });
}

px_status px_xdb_open_write(const char *path, px_xdb **out, px_err *err)
{
    return open_writable(path, Xapian::DB_CREATE_OR_OPEN, out, err);
}

px_status px_xdb_overwrite(const char *path, px_xdb **out, px_err *err)
{
    return open_writable(path, Xapian::DB_CREATE_OR_OVERWRITE, out, err);
}

px_status px_xdb_reopen(px_xdb *db, px_err *err)
{
    return guard(err, "reopen", [&] { db->db->reopen(); });
}

void px_xdb_close(px_xdb *db)
{
    if (!db)
        return;
    try {
        db->db->close();
    } catch (...) {
    }
    delete db->db;
    delete db;
}

px_status px_xdb_compact(const char *src, const char *dst, px_err *err)
{
    return guard(err, src, [&] {
        Xapian::Database db(src);
        /* Document ids are the store's row ids: never renumber them. */
        db.compact(dst, Xapian::DBCOMPACT_NO_RENUMBER);
    });
}

px_status px_xdb_doccount(px_xdb *db, unsigned *out, px_err *err)
{
    return guard(err, "doccount", [&] { *out = db->db->get_doccount(); });
}

px_status px_xdb_lastdocid(px_xdb *db, unsigned *out, px_err *err)
{
    return guard(err, "lastdocid", [&] { *out = db->db->get_lastdocid(); });
}

px_status px_xdb_termfreq(px_xdb *db, const char *term, unsigned *out,
                          px_err *err)
{
    return guard(err, "termfreq", [&] { *out = db->db->get_termfreq(term); });
}

px_status px_xdb_postlist(px_xdb *db, const char *term,
                          int (*cb)(void *ctx, unsigned docid), void *ctx,
                          px_err *err)
{
    return guard(err, "postlist", [&] {
        for (auto p = db->db->postlist_begin(term);
             p != db->db->postlist_end(term); ++p)
            if (cb(ctx, *p))
                break;
    });
}

static Xapian::WritableDatabase &writable(px_xdb *db)
{
    if (!db->wdb)
        throw Xapian::InvalidOperationError("database is open read-only");
    return *db->wdb;
}

px_status px_xdb_commit(px_xdb *db, px_err *err)
{
    return guard(err, "commit", [&] { writable(db).commit(); });
}

px_status px_xdb_replace(px_xdb *db, unsigned docid, px_xdoc *doc,
                         px_err *err)
{
    return guard(err, "replace document",
                 [&] { writable(db).replace_document(docid, doc->doc); });
}

px_status px_xdb_delete(px_xdb *db, unsigned docid, px_err *err)
{
    return guard(err, "delete document", [&] {
        try {
            writable(db).delete_document(docid);
        } catch (const Xapian::DocNotFoundError &) {
        }
    });
}

px_status px_xdb_get_metadata(px_xdb *db, const char *key, char **out,
                              px_err *err)
{
    return guard(err, "get metadata",
                 [&] { *out = dup_string(db->db->get_metadata(key)); });
}

px_status px_xdb_set_metadata(px_xdb *db, const char *key, const char *value,
                              px_err *err)
{
    return guard(err, "set metadata",
                 [&] { writable(db).set_metadata(key, value); });
}

px_status px_xdb_add_synonym(px_xdb *db, const char *term,
                             const char *synonym, px_err *err)
{
    return guard(err, "add synonym",
                 [&] { writable(db).add_synonym(term, synonym); });
}

px_status px_xdb_clear_synonyms(px_xdb *db, const char *term, px_err *err)
{
    return guard(err, "clear synonyms",
                 [&] { writable(db).clear_synonyms(term); });
}

px_status px_xdb_spelling_suggestion(px_xdb *db, const char *word,
                                     char **out, px_err *err)
{
    return guard(err, "spelling", [&] {
        std::string s = db->db->get_spelling_suggestion(word);
        *out = s.empty() ? nullptr : dup_string(s);
    });
}

/* ---- documents --------------------------------------------------- */

px_status px_xdoc_new(px_xdoc **out, px_err *err)
{
    return guard(err, "new document", [&] { *out = new px_xdoc(); });
}

void px_xdoc_free(px_xdoc *doc)
{
    delete doc;
}

px_status px_xdoc_add_term(px_xdoc *doc, const char *term, unsigned wdfinc,
                           px_err *err)
{
    return guard(err, "add term", [&] {
        if (wdfinc)
            doc->doc.add_term(term, wdfinc);
        else
            doc->doc.add_boolean_term(term);
    });
}

px_status px_xdoc_add_posting(px_xdoc *doc, const char *term, unsigned pos,
                              unsigned wdfinc, px_err *err)
{
    return guard(err, "add posting",
                 [&] { doc->doc.add_posting(term, pos, wdfinc); });
}

px_status px_xdoc_terms(px_xdoc *doc, px_xdoc_term_fn cb, void *ctx,
                        px_err *err)
{
    return guard(err, "document terms", [&] {
        std::vector<unsigned> pos;
        for (auto t = doc->doc.termlist_begin(); t != doc->doc.termlist_end();
             ++t) {
            pos.clear();
            for (auto p = t.positionlist_begin(); p != t.positionlist_end();
                 ++p)
                pos.push_back(*p);
            std::string term = *t;
            if (cb(ctx, term.c_str(), pos.data(), pos.size()))
                break;
        }
    });
}

px_status px_xdoc_set_value(px_xdoc *doc, unsigned slot, const char *value,
                            size_t len, px_err *err)
{
    return guard(err, "set value", [&] {
        doc->doc.add_value(slot, std::string(value, len));
    });
}

px_status px_xdoc_set_data(px_xdoc *doc, const char *data, size_t len,
                           px_err *err)
{
    return guard(err, "set data",
                 [&] { doc->doc.set_data(std::string(data, len)); });
}

/* ---- term generator ---------------------------------------------- */

px_status px_xtg_new(const char *lang, px_xtg **out, px_err *err)
{
    return guard(err, "term generator", [&] {
        px_xtg *h = new px_xtg();
        try {
            h->tg.set_stemmer(make_stem(lang));
            h->tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        } catch (...) {
            delete h;
            throw;
        }
        *out = h;
    });
}

void px_xtg_free(px_xtg *tg)
{
    delete tg;
}

px_status px_xtg_set_document(px_xtg *tg, px_xdoc *doc, px_err *err)
{
    return guard(err, "term generator", [&] { tg->tg.set_document(doc->doc); });
}

px_status px_xtg_detach(px_xtg *tg, px_err *err)
{
    return guard(err, "term generator",
                 [&] { tg->tg.set_document(Xapian::Document()); });
}

px_status px_xtg_spelling_words(px_xtg *tg, const char *text, size_t len,
                                char **out, px_err *err)
{
    *out = nullptr;
    return guard(err, "spelling", [&] {
        Xapian::Document scratch;
        tg->tg.set_document(scratch);
        tg->tg.index_text(Xapian::Utf8Iterator(text, len), 1, "");
        tg->tg.set_document(Xapian::Document());
        std::string words;
        for (auto t = scratch.termlist_begin(); t != scratch.termlist_end();
             ++t)
            for (Xapian::termcount n = t.get_wdf(); n > 0; n--)
                words.append(*t).push_back('\n');
        *out = dup_string(words);
    });
}

px_status px_xdb_add_spellings(px_xdb *db, const char *words, px_err *err)
{
    return guard(err, "spelling", [&] {
        for (const char *p = words, *nl; (nl = std::strchr(p, '\n')); p = nl + 1)
            writable(db).add_spelling(std::string(p, nl));
    });
}

px_status px_xtg_index_text(px_xtg *tg, const char *text, size_t len,
                            unsigned wdfinc, const char *prefix, px_err *err)
{
    return guard(err, "index text", [&] {
        tg->tg.index_text(Xapian::Utf8Iterator(text, len), wdfinc,
                          prefix ? prefix : "");
    });
}

px_status px_xtg_index_text_nopos(px_xtg *tg, const char *text, size_t len,
                                  unsigned wdfinc, const char *prefix,
                                  px_err *err)
{
    return guard(err, "index text", [&] {
        tg->tg.index_text_without_positions(Xapian::Utf8Iterator(text, len),
                                            wdfinc, prefix ? prefix : "");
    });
}

px_status px_xtg_increase_termpos(px_xtg *tg, unsigned delta, px_err *err)
{
    return guard(err, "term generator", [&] { tg->tg.increase_termpos(delta); });
}

/* ---- queries ----------------------------------------------------- */

static px_xquery *wrap(const Xapian::Query &q)
{
    return new px_xquery{q};
}

px_status px_xquery_term(const char *term, unsigned wqf, unsigned pos,
                         px_xquery **out, px_err *err)
{
    return guard(err, "query", [&] {
        *out = wrap(Xapian::Query(term, wqf ? wqf : 1, pos));
    });
}

px_status px_xquery_match_all(px_xquery **out, px_err *err)
{
    return guard(err, "query", [&] { *out = wrap(Xapian::Query::MatchAll); });
}

px_status px_xquery_match_nothing(px_xquery **out, px_err *err)
{
    return guard(err, "query", [&] { *out = wrap(Xapian::Query::MatchNothing); });
}

px_status px_xquery_combine(px_xop op, px_xquery *const *subs, size_t n,
                            unsigned window, px_xquery **out, px_err *err)
{
    return guard(err, "query", [&] {
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++)
            v.push_back(subs[i]->q);
        *out = wrap(Xapian::Query(xop(op), v.begin(), v.end(), window));
    });
}

px_status px_xquery_value_range(unsigned slot, const char *lo, const char *hi,
                                px_xquery **out, px_err *err)
{
    return guard(err, "query", [&] {
        if (lo && hi)
            *out = wrap(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi));
        else if (lo)
            *out = wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo));
        else if (hi)
            *out = wrap(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
        else
            *out = wrap(Xapian::Query::MatchAll);
    });
}

px_status px_xquery_scale(px_xquery *q, double factor, px_xquery **out,
                          px_err *err)
{
    return guard(err, "query", [&] {
        *out = wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor));
    });
}

px_status px_xquery_describe(const px_xquery *q, char **out, px_err *err)
{
    return guard(err, "query", [&] { *out = dup_string(q->q.get_description()); });
}

px_status px_xquery_terms(const px_xquery *q,
                          int (*cb)(void *ctx, const char *term), void *ctx,
                          px_err *err)
{
    return guard(err, "query terms", [&] {
        for (auto t = q->q.get_unique_terms_begin();
             t != q->q.get_unique_terms_end(); ++t) {
            std::string term = *t;
            if (cb(ctx, term.c_str()))
                break;
        }
    });
}

int px_xquery_empty(const px_xquery *q)
{
    return q->q.empty();
}

void px_xquery_free(px_xquery *q)
{
    delete q;
}

/* ---- query parser ------------------------------------------------ */

px_status px_xqp_new(const char *lang, px_xstem_strategy strategy,
                     px_xqp **out, px_err *err)
{
    return guard(err, "query parser", [&] {
        px_xqp *h = new px_xqp();
        try {
            h->qp.set_stemmer(make_stem(lang));
            h->qp.set_stemming_strategy(
                strategy == PX_XSTEM_ALL_Z ? Xapian::QueryParser::STEM_ALL_Z
                                           : Xapian::QueryParser::STEM_SOME);
            /* Bound wildcard expansion so "a*" cannot blow up on a big
            ** index; the most frequent expansions are kept. */
            h->qp.set_max_expansion(1000,
                                    Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        } catch (...) {
            delete h;
            throw;
        }
        *out = h;
    });
}

void px_xqp_free(px_xqp *qp)
{
    delete qp;
}

px_status px_xqp_set_database(px_xqp *qp, px_xdb *db, px_err *err)
{
    return guard(err, "query parser", [&] { qp->qp.set_database(*db->db); });
}

px_status px_xqp_set_default_op(px_xqp *qp, px_xop op, px_err *err)
{
    return guard(err, "query parser", [&] { qp->qp.set_default_op(xop(op)); });
}

px_status px_xqp_add_prefix(px_xqp *qp, const char *field, const char *prefix,
                            int boolean, px_err *err)
{
    return guard(err, "query parser", [&] {
        if (boolean)
            qp->qp.add_boolean_prefix(field, prefix);
        else
            qp->qp.add_prefix(field, prefix);
    });
}

px_status px_xqp_add_field(px_xqp *qp, const char *field, int boolean,
                           px_xqp_field_fn fn, void *ctx, px_err *err)
{
    return guard(err, "query parser", [&] {
        Xapian::FieldProcessor *fp = new CField(fn, ctx, &qp->field_error);
        if (boolean)
            qp->qp.add_boolean_prefix(field, fp->release());
        else
            qp->qp.add_prefix(field, fp->release());
    });
}

static unsigned qp_flags(unsigned f)
{
    unsigned x = 0;
    if (f & PX_XQP_BOOLEAN) x |= Xapian::QueryParser::FLAG_BOOLEAN;
    if (f & PX_XQP_PHRASE) x |= Xapian::QueryParser::FLAG_PHRASE;
    if (f & PX_XQP_LOVEHATE) x |= Xapian::QueryParser::FLAG_LOVEHATE;
    if (f & PX_XQP_BOOLEAN_ANY_CASE) x |= Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;
    if (f & PX_XQP_WILDCARD) x |= Xapian::QueryParser::FLAG_WILDCARD;
    if (f & PX_XQP_PURE_NOT) x |= Xapian::QueryParser::FLAG_PURE_NOT;
    if (f & PX_XQP_SPELLING) x |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    if (f & PX_XQP_SYNONYM) x |= Xapian::QueryParser::FLAG_SYNONYM;
    if (f & PX_XQP_AUTO_SYNONYMS) x |= Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
    return x;
}

px_status px_xqp_parse(px_xqp *qp, const char *qs, unsigned flags,
                       px_xquery **out, px_err *err)
{
    qp->field_error.clear();
    px_status st = guard(err, "query", [&] {
        Xapian::Query q = qp->qp.parse_query(qs, qp_flags(flags));
        qp->corrected = qp->qp.get_corrected_query_string();
        *out = wrap(q);
    });
    if (st == PX_OK && !qp->field_error.empty()) {
        px_xquery_free(*out);
        *out = nullptr;
        return px_err_set(err, PX_EQUERY, "%s", qp->field_error.c_str());
    }
    return st;
}

px_status px_xqp_corrected(px_xqp *qp, char **out, px_err *err)
{
    return guard(err, "query", [&] {
        *out = qp->corrected.empty() ? nullptr : dup_string(qp->corrected);
    });
}

/* ---- enquire, match spies and results ---------------------------- */

px_status px_xenq_new(px_xdb *db, const char *stem_lang, px_xenq **out,
                      px_err *err)
{
    return guard(err, "enquire", [&] {
        px_xenq *h = new px_xenq(*db->db);
        try {
            h->stem = make_stem(stem_lang);
        } catch (...) {
            delete h;
            throw;
        }
        *out = h;
    });
}

void px_xenq_free(px_xenq *enq)
{
    delete enq;
}

px_status px_xenq_set_query(px_xenq *enq, const px_xquery *q, px_err *err)
{
    return guard(err, "enquire", [&] { enq->enq.set_query(q->q); });
}

px_status px_xenq_set_bm25(px_xenq *enq, double k1, double k2, double k3,
                           double b, double min_normlen, px_err *err)
{
    return guard(err, "enquire", [&] {
        enq->enq.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
    });
}

px_status px_xenq_sort_by_value(px_xenq *enq, unsigned slot, int reverse,
                                px_err *err)
{
    return guard(err, "enquire", [&] {
        enq->enq.set_sort_by_value_then_relevance(slot, reverse != 0);
    });
}

px_status px_xenq_sort_by_relevance(px_xenq *enq, px_err *err)
{
    return guard(err, "enquire", [&] { enq->enq.set_sort_by_relevance(); });
}

px_status px_xenq_set_collapse(px_xenq *enq, unsigned slot, unsigned max,
                               px_err *err)
{
    return guard(err, "enquire", [&] { enq->enq.set_collapse_key(slot, max); });
}

px_status px_xenq_set_time_limit(px_xenq *enq, double seconds, px_err *err)
{
    return guard(err, "enquire", [&] { enq->enq.set_time_limit(seconds); });
}

px_status px_xenq_add_spy(px_xenq *enq, px_xspy *spy, px_err *err)
{
    return guard(err, "enquire", [&] { enq->enq.add_matchspy(spy->spy); });
}

px_status px_xenq_mset(px_xenq *enq, unsigned offset, unsigned limit,
                       unsigned check_at_least, px_xmset **out, px_err *err)
{
    return guard(err, "search", [&] {
        Xapian::MSet m = enq->enq.get_mset(offset, limit, check_at_least);
        *out = new px_xmset{m, enq->stem};
    });
}

px_status px_xspy_new(unsigned slot, px_xspy **out, px_err *err)
{
    return guard(err, "match spy", [&] {
        /* Not released to Xapian: the caller frees the spy after the
        ** Enquire it was added to. */
        *out = new px_xspy{new Xapian::ValueCountMatchSpy(slot)};
    });
}

void px_xspy_free(px_xspy *spy)
{
    if (!spy)
        return;
    delete spy->spy;
    delete spy;
}

px_status px_xspy_total(px_xspy *spy, unsigned *out, px_err *err)
{
    return guard(err, "match spy", [&] { *out = spy->spy->get_total(); });
}

px_status px_xspy_values(px_xspy *spy, px_xcount **out, size_t *n,
                         px_err *err)
{
    *out = nullptr;
    *n = 0;
    return guard(err, "match spy", [&] {
        std::vector<std::pair<std::string, unsigned>> v;
        for (auto i = spy->spy->values_begin(); i != spy->spy->values_end(); ++i)
            v.emplace_back(*i, i.get_termfreq());
        px_xcount *c = static_cast<px_xcount *>(
            std::calloc(v.empty() ? 1 : v.size(), sizeof *c));
        if (!c)
            throw std::bad_alloc();
        for (size_t k = 0; k < v.size(); k++) {
            c[k].value = static_cast<char *>(std::malloc(v[k].first.size() + 1));
            if (!c[k].value) {
                px_xcounts_free(c, k);
                throw std::bad_alloc();
            }
            std::memcpy(c[k].value, v[k].first.c_str(), v[k].first.size() + 1);
            c[k].count = v[k].second;
        }
        *out = c;
        *n = v.size();
    });
}

void px_xcounts_free(px_xcount *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        std::free(c[i].value);
    std::free(c);
}

void px_xmset_free(px_xmset *m)
{
    delete m;
}

unsigned px_xmset_size(const px_xmset *m)
{
    return m->mset.size();
}

void px_xmset_bounds(const px_xmset *m, unsigned *lower, unsigned *estimated,
                     unsigned *upper)
{
    *lower = m->mset.get_matches_lower_bound();
    *estimated = m->mset.get_matches_estimated();
    *upper = m->mset.get_matches_upper_bound();
}

px_status px_xmset_item(px_xmset *m, unsigned i, unsigned *docid,
                        double *weight, px_err *err)
{
    return guard(err, "results", [&] {
        Xapian::MSetIterator it = m->mset[i];
        *docid = *it;
        *weight = it.get_weight();
    });
}

px_status px_xmset_snippet(px_xmset *m, const char *text, size_t len,
                           size_t length, const char *hl_start,
                           const char *hl_end, char **out, px_err *err)
{
    /* No SNIPPET_BACKGROUND_MODEL: it looks up the collection frequency of
    ** every word of the text, thousands of block reads for ten hits, and
    ** halved query time when dropped; the fragment holding the most query
    ** terms is as good a snippet for a news search. */
    return guard(err, "snippet", [&] {
        std::string s = m->mset.snippet(std::string(text, len), length, m->stem,
                                        Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                        hl_start, hl_end, "...");
        *out = dup_string(s);
    });
}
