/*
** xapian_search.cc — the C API of xapian_wrap.h for searching: queries,
** the query parser, matching with match spies, results and snippets, and
** the Xapian side of the query cost budget (counting what a query's
** wildcards expand to, and a deadline that ends a match).
**
** Like xapian_wrap.cc, every entry point runs inside guard(): no
** exception crosses into C, and policy (how much a query may cost, what
** to do when it costs too much) is decided by the C modules.
*/
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include <xapian.h>

#include "xapian_internal.h"

using pxw::dup_string;
using pxw::guard;
using pxw::make_stem;

namespace {

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

/* A posting source matching every document until a deadline, then none:
** ANDed (as a filter, weightless) with a query, it ends Xapian's match
** loop at the deadline, keeping the best hits found so far.  Xapian's own
** Enquire::set_time_limit only stops exhaustive counting: a match of a
** huge OR, or one sorted by date, still runs to its end.  The clock is
** read every few calls; *cut records that the deadline ended the match.
** Its bounds claim every document, so that the filter leaves the match
** count estimates as they were. */
class DeadlineSource : public Xapian::PostingSource {
    std::chrono::steady_clock::time_point end;
    bool *cut;
    Xapian::docid did = 0, last = 0;
    Xapian::doccount docs = 0;
    unsigned calls = 0;
    bool done = false;

    void tick()
    {
        if ((++calls & 15) == 0 && std::chrono::steady_clock::now() >= end) {
            done = true;
            *cut = true;
        }
    }

  public:
    DeadlineSource(std::chrono::steady_clock::time_point e, bool *c)
        : end(e), cut(c) {}
    void init(const Xapian::Database &db) override
    {
        did = 0;
        done = false;
        last = db.get_lastdocid();
        docs = db.get_doccount();
    }
    Xapian::doccount get_termfreq_min() const override { return docs; }
    Xapian::doccount get_termfreq_est() const override { return docs; }
    Xapian::doccount get_termfreq_max() const override { return docs; }
    Xapian::PostingSource *clone() const override
    {
        return new DeadlineSource(end, cut);
    }
    void next(double) override
    {
        ++did;
        tick();
    }
    void skip_to(Xapian::docid to, double) override
    {
        if (to > did)
            did = to;
        tick();
    }
    bool at_end() const override { return done || did > last; }
    Xapian::docid get_docid() const override { return did; }
    std::string get_description() const override { return "DeadlineSource"; }
};

/* The pattern of a wildcard subquery.  Xapian 1.4 does not expose it but
** describes it as "Query(WILDCARD <combiner> <pattern>)", escaping a
** backslash and invalid UTF-8 as \xNN; false when the description is
** not of that form. */
bool wildcard_pattern(const Xapian::Query &q, std::string &out)
{
    std::string d = q.get_description();
    const std::string head = "Query(WILDCARD ";
    size_t sp = d.find(' ', head.size());
    if (d.compare(0, head.size(), head) != 0 || sp == std::string::npos ||
        d.back() != ')')
        return false;
    std::string p = d.substr(sp + 1, d.size() - sp - 2);
    out.clear();
    for (size_t i = 0; i < p.size(); i++) {
        if (p[i] == '\\' && i + 3 < p.size() && p[i + 1] == 'x' &&
            std::isxdigit(static_cast<unsigned char>(p[i + 2])) &&
            std::isxdigit(static_cast<unsigned char>(p[i + 3]))) {
            out.push_back(static_cast<char>(
                std::strtol(p.substr(i + 2, 2).c_str(), nullptr, 16)));
            i += 3;
        } else if (p[i] == '\\') {
            return false;
        } else {
            out.push_back(p[i]);
        }
    }
    return true;
}

/* Adds to *terms what q will cost the matcher in terms: one per term, and
** for a wildcard the number of index terms it expands to (at most
** per_wildcard, as the parser limits each).  Once *terms passes cap,
** wildcards are only counted, not expanded, which keeps the count itself
** cheap (the walk is bounded by the query's length). */
void query_cost(const Xapian::Database &db, const Xapian::Query &q,
                unsigned per_wildcard, unsigned cap, unsigned *terms,
                unsigned *wildcards)
{
    std::string pattern;
    if (q.get_type() == Xapian::Query::OP_WILDCARD) {
        ++*wildcards;
        unsigned n = 0;
        if (*terms > cap) {
            n = 0;
        } else if (!wildcard_pattern(q, pattern)) {
            n = per_wildcard;
        } else {
            for (auto t = db.allterms_begin(pattern);
                 t != db.allterms_end(pattern) && n < per_wildcard; ++t)
                n++;
        }
        *terms += n;
        return;
    }
    if (q.get_type() == Xapian::Query::LEAF_TERM) {
        ++*terms;
        return;
    }
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        query_cost(db, q.get_subquery(i), per_wildcard, cap, terms,
                   wildcards);
}

/* A wildcard as the terms it stands for: the `max` most frequent index
** terms starting with its pattern, any of which matches, each weighted on
** its own (OP_OR).  Xapian would expand the wildcard inside each shard and
** weight the expansion as one term (OP_SYNONYM) with statistics estimated
** shard by shard, so that a query would rank differently once an index is
** split (and OP_MAX, the other shard-proof choice, crashes Xapian 1.4.22
** over several shards); each term's own weight uses statistics of the
** whole index. */
Xapian::Query expand_wildcard(const Xapian::Database &db,
                              const Xapian::Query &q, unsigned max)
{
    std::string pattern;
    if (!wildcard_pattern(q, pattern))
        return q;
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    for (auto t = db.allterms_begin(pattern); t != db.allterms_end(pattern);
         ++t)
        found.emplace_back(t.get_termfreq(), *t);
    std::stable_sort(found.begin(), found.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    if (found.size() > max)
        found.resize(max);
    std::vector<std::string> terms;
    for (auto &f : found)
        terms.push_back(f.second);
    std::sort(terms.begin(), terms.end());
    if (terms.empty())
        return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

/* q with its wildcards expanded (expand_wildcard), through the operators
** whose subqueries are all there is to them; others are kept whole. */
Xapian::Query expand_wildcards(const Xapian::Database &db,
                               const Xapian::Query &q, unsigned max)
{
    switch (q.get_type()) {
    case Xapian::Query::OP_WILDCARD:
        return expand_wildcard(db, q, max);
    case Xapian::Query::OP_AND: case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT: case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE: case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM: case Xapian::Query::OP_MAX: {
        std::vector<Xapian::Query> subs;
        for (size_t i = 0; i < q.get_num_subqueries(); i++)
            subs.push_back(expand_wildcards(db, q.get_subquery(i), max));
        return Xapian::Query(q.get_type(), subs.begin(), subs.end());
    }
    default:
        return q;
    }
}

}  // namespace

px_status px_xquery_cost(px_xdb *db, const px_xquery *q, unsigned cap,
                         unsigned *terms, unsigned *wildcards, px_err *err)
{
    *terms = *wildcards = 0;
    return guard(err, "query cost", [&] {
        query_cost(*db->db, q->q, PX_XWILDCARD_MAX, cap, terms, wildcards);
    });
}

px_status px_xquery_expand_wildcards(px_xdb *db, px_xquery *q, px_err *err)
{
    return guard(err, "wildcard", [&] {
        q->q = expand_wildcards(*db->db, q->q, PX_XWILDCARD_MAX);
    });
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
            h->qp.set_max_expansion(PX_XWILDCARD_MAX,
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
    /* The parser reads the database for spelling corrections only
    ** (wildcards are expanded when matching, against the shards). */
    return guard(err, "query parser", [&] {
        qp->qp.set_database(db->spell ? *db->spell : *db->db);
    });
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
        h->remote = db->remote;
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
    return guard(err, "enquire", [&] {
        enq->enq.set_query(q->q);
        enq->query = q->q;
    });
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
        enq->cut = false;
        if (enq->deadline > 0 && !enq->remote) {
            /* The filter matches every document: it only ends the match
            ** when the time is up.  Set for this mset alone, so the
            ** deadline counts from now. */
            auto end = std::chrono::steady_clock::now() +
                       std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                           std::chrono::duration<double>(enq->deadline));
            Xapian::PostingSource *src = new DeadlineSource(end, &enq->cut);
            enq->enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                             enq->query,
                                             Xapian::Query(src->release())));
        }
        Xapian::MSet m = enq->enq.get_mset(offset, limit, check_at_least);
        enq->enq.set_query(enq->query);
        *out = new px_xmset{m, enq->stem, enq->db, enq->query, Xapian::MSet(),
                            false};
    });
}

px_status px_xenq_set_deadline(px_xenq *enq, double seconds, px_err *err)
{
    return guard(err, "enquire", [&] { enq->deadline = seconds > 0 ? seconds : 0; });
}

int px_xenq_cut(const px_xenq *enq)
{
    return enq->cut;
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
    ** terms is as good a snippet for a news search.  Every query term
    ** counts the same: snippets come from an unweighted match of the same
    ** query, because the weights Xapian would use are bounds it computes
    ** shard by shard, and a snippet must not change when an index is
    ** split. */
    return guard(err, "snippet", [&] {
        if (!m->snip_ready) {
            Xapian::Enquire enq(m->db);
            enq.set_query(m->query);
            enq.set_weighting_scheme(Xapian::BoolWeight());
            m->snip = enq.get_mset(0, 0);
            m->snip_ready = true;
        }
        std::string s = m->snip.snippet(std::string(text, len), length, m->stem,
                                        Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                        hl_start, hl_end, "...");
        *out = dup_string(s);
    });
}

