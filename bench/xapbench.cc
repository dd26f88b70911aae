/*
** xapbench.cc — Xapian's own tooling as a peer: queries a database built by
** scriptindex (xapian-omega) with bench/index.script, through libxapian.
**
**   px-xapbench DB          answer queries (see proto.h)
**
** `quest` would answer the same queries, but each call pays for process
** start-up and opening the database, which dominates sub-millisecond
** queries; this program is what quest does per query (QueryParser with the
** English stemmer, STEM_SOME, default AND, phrases and boolean operators),
** inside one process, plus what a search page needs and quest does not:
** Omega-style filters (boolean outlet term, date value range), snippets
** cut by MSet::snippet() from the text stored in the document data, and
** facet counts from ValueCountMatchSpy over the whole match set.
**
** Slots and prefixes are those of index.script: value 0 = YYYYMMDD,
** 1 = outlet (lower case), 2 = YYYY-MM; XO = outlet (lower case).
*/
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "proto.h"

namespace {

const Xapian::valueno SLOT_DATE = 0, SLOT_OUTLET = 1, SLOT_MONTH = 2;

std::string yyyymmdd(const char *iso)
{
    std::string s(iso);
    std::string out;
    for (char c : s)
        if (c != '-')
            out += c;
    return out;
}

/* The request's query with its filters, as Omega would build it. */
Xapian::Query build_query(Xapian::QueryParser &qp, const bp_request &rq)
{
    Xapian::Query q = qp.parse_query(rq.query,
        Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE);
    if (rq.outlet)
        q = Xapian::Query(Xapian::Query::OP_FILTER, q,
            Xapian::Query("XO" + Xapian::Unicode::tolower(rq.outlet)));
    if (rq.from && rq.to)
        q = Xapian::Query(Xapian::Query::OP_FILTER, q,
            Xapian::Query(Xapian::Query::OP_VALUE_RANGE, SLOT_DATE,
                          yyyymmdd(rq.from), yyyymmdd(rq.to)));
    else if (rq.from)
        q = Xapian::Query(Xapian::Query::OP_FILTER, q,
            Xapian::Query(Xapian::Query::OP_VALUE_GE, SLOT_DATE,
                          yyyymmdd(rq.from)));
    else if (rq.to)
        q = Xapian::Query(Xapian::Query::OP_FILTER, q,
            Xapian::Query(Xapian::Query::OP_VALUE_LE, SLOT_DATE,
                          yyyymmdd(rq.to)));
    return q;
}

/* scriptindex stores "name=value" lines; the dump puts text last, so the
** body is everything after the first "text=" at a line start. */
std::string body_of(const std::string &data)
{
    std::string::size_type p = data.compare(0, 5, "text=") == 0
                                   ? 0 : data.find("\ntext=");
    if (p == std::string::npos)
        return std::string();
    return data.substr(p == 0 ? 5 : p + 6);
}

void run(Xapian::Database &db, Xapian::QueryParser &qp,
         const Xapian::Stem &stem, const bp_request &rq)
{
    double t0 = bp_now_us();
    long hits = 0, total = -1;
    Xapian::Enquire enq(db);
    enq.set_query(build_query(qp, rq));
    if (rq.kind == BP_PHRASE) {
        enq.set_sort_by_value(SLOT_DATE, false);
        Xapian::MSet m = enq.get_mset(0, db.get_doccount());
        for (Xapian::MSetIterator i = m.begin(); i != m.end(); ++i) {
            Xapian::Document d = i.get_document();
            (void)d.get_value(SLOT_OUTLET);
            (void)d.get_value(SLOT_DATE);
            hits++;
        }
        total = hits;
    } else if (rq.kind == BP_COUNT) {
        total = (long)enq.get_mset(0, 0, db.get_doccount())
                    .get_matches_estimated(); /* exact: all checked */
    } else {
        Xapian::ValueCountMatchSpy outlets(SLOT_OUTLET), months(SLOT_MONTH);
        Xapian::doccount check = 0;
        if (rq.kind == BP_FACETS) {
            enq.add_matchspy(&outlets);
            enq.add_matchspy(&months);
            check = db.get_doccount();
        }
        Xapian::MSet m = enq.get_mset(0, 10, check);
        for (Xapian::MSetIterator i = m.begin(); i != m.end(); ++i) {
            std::string data = i.get_document().get_data();
            (void)m.snippet(body_of(data), 200, stem);
            hits++;
        }
        if (rq.kind == BP_FACETS) {
            /* Read every count, as a page showing the facets would. */
            for (Xapian::TermIterator t = outlets.values_begin();
                 t != outlets.values_end(); ++t)
                (void)t.get_termfreq();
            for (Xapian::TermIterator t = months.values_begin();
                 t != months.values_end(); ++t)
                (void)t.get_termfreq();
        }
        /* Exact when the spies ran: check_at_least covered every document. */
        total = (long)m.get_matches_estimated();
    }
    bp_answer(bp_now_us() - t0, hits, total);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: px-xapbench DB\n");
        return 2;
    }
    try {
        double t0 = bp_now_us();
        Xapian::Database db(argv[1]);
        Xapian::Stem stem("english");
        Xapian::QueryParser qp;
        qp.set_database(db);
        qp.set_stemmer(stem);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        qp.set_default_op(Xapian::Query::OP_AND);
        std::printf("ready\t%.1f\n", bp_now_us() - t0);
        std::fflush(stdout);

        std::string line;
        while (std::getline(std::cin, line)) {
            bp_request rq;
            if (bp_parse(&line[0], &rq) != 0) {
                bp_error("bad request line");
                continue;
            }
            try {
                run(db, qp, stem, rq);
            } catch (const Xapian::Error &e) {
                bp_error(e.get_description().c_str());
            }
        }
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "px-xapbench: %s\n", e.get_description().c_str());
        return 2;
    }
    return 0;
}
