/*
** stemstrat.cc — what each Xapian stemming strategy costs, for
** docs/stemming.md.
**
**   px-stemstrat ARTICLES.jsonl WORKDIR
**
** Indexes the title (weighted 5) and text of each JSON Lines article
** three times, with TermGenerator strategies STEM_SOME (pressdex's: exact
** positional words plus Z-prefixed stems without positions),
** STEM_SOME_FULL_POS (stems positional too) and STEM_ALL_Z (stems only,
** positional), compacts each, and prints its size; then times a fixed set
** of queries against each with the matching QueryParser strategy (for
** STEM_SOME both as typed and with the case lowered outside phrases, as
** index_search.c does), and counts their matches.  English stemming
** (Xapian's Snowball, the algorithm libstemmer has).
*/
#include <xapian.h>
#include <jansson.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace {

struct strategy {
    const char *name;
    Xapian::TermGenerator::stem_strategy tg;
    Xapian::QueryParser::stem_strategy qp;
};

const strategy strategies[] = {
    {"STEM_SOME", Xapian::TermGenerator::STEM_SOME,
     Xapian::QueryParser::STEM_SOME},
    {"STEM_SOME_FULL_POS", Xapian::TermGenerator::STEM_SOME_FULL_POS,
     Xapian::QueryParser::STEM_SOME_FULL_POS},
    {"STEM_ALL_Z", Xapian::TermGenerator::STEM_ALL_Z,
     Xapian::QueryParser::STEM_ALL_Z},
};

const char *queries[] = {
    "negotiation", "Negotiation", "trump", "Trump", "NATO", "NATO summit",
    "\"supreme court\"", "\"Supreme Court\"", "\"border wall\"",
    "Obama judges", "\"the president said\"", "health care reform",
};

unsigned long long dir_bytes(const std::string &dir)
{
    unsigned long long n = 0;
    for (const char *f : {"postlist.glass", "termlist.glass",
                          "position.glass", "docdata.glass",
                          "record.glass", "spelling.glass",
                          "synonym.glass", "iamglass"}) {
        struct stat st;
        if (stat((dir + "/" + f).c_str(), &st) == 0)
            n += (unsigned long long)st.st_size;
    }
    return n;
}

/* Lower case outside double quotes, operators kept (index_search.c). */
std::string lower_outside_phrases(const std::string &q)
{
    std::string out;
    bool quoted = false;
    for (size_t i = 0; i < q.size();) {
        if (q[i] == '"') {
            quoted = !quoted;
            out += q[i++];
            continue;
        }
        size_t j = i;
        while (j < q.size() && isalnum((unsigned char)q[j]))
            j++;
        if (j == i) {
            out += q[i++];
            continue;
        }
        std::string w = q.substr(i, j - i);
        if (!quoted && w != "AND" && w != "OR" && w != "NOT")
            for (char &c : w)
                c = (char)tolower((unsigned char)c);
        out += w;
        i = j;
    }
    return out;
}

void build(const char *jsonl, const std::string &path, const strategy &s)
{
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(s.tg);
    std::ifstream in(jsonl);
    std::string line;
    while (std::getline(in, line)) {
        json_error_t e;
        json_t *a = json_loads(line.c_str(), 0, &e);
        if (!a)
            continue;
        const char *title = json_string_value(json_object_get(a, "title"));
        const char *text = json_string_value(json_object_get(a, "text"));
        Xapian::Document doc;
        tg.set_document(doc);
        if (title)
            tg.index_text(title, 5);
        tg.increase_termpos(100);
        if (text)
            tg.index_text(text);
        db.add_document(doc);
        json_decref(a);
    }
    db.commit();
    db.close();
    Xapian::Database(path).compact(path + ".c");
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void run_queries(const std::string &path, const strategy &s, bool lowered)
{
    Xapian::Database db(path + ".c");
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(s.qp);
    qp.set_database(db);
    qp.set_default_op(Xapian::Query::OP_AND);
    for (const char *q : queries) {
        std::string qs = lowered ? lower_outside_phrases(q) : q;
        std::vector<double> ms;
        Xapian::doccount n = 0;
        for (int rep = 0; rep < 7; rep++) {
            auto t0 = std::chrono::steady_clock::now();
            Xapian::Enquire enq(db);
            enq.set_query(qp.parse_query(qs, Xapian::QueryParser::FLAG_DEFAULT |
                                                 Xapian::QueryParser::FLAG_PHRASE));
            Xapian::MSet m = enq.get_mset(0, 10, db.get_doccount());
            n = m.get_matches_estimated();
            auto t1 = std::chrono::steady_clock::now();
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        std::printf("  %-28s %7u matches  %7.2f ms\n", q, n, median(ms));
    }
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: px-stemstrat ARTICLES.jsonl WORKDIR\n");
        return 2;
    }
    try {
        for (const strategy &s : strategies) {
            std::string path = std::string(argv[2]) + "/" + s.name;
            build(argv[1], path, s);
            std::printf("%s: %.1f MB compacted\n", s.name,
                        dir_bytes(path + ".c") / 1e6);
            run_queries(path, s, false);
            if (s.tg == Xapian::TermGenerator::STEM_SOME) {
                std::printf("%s, case lowered outside phrases:\n", s.name);
                run_queries(path, s, true);
            }
        }
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "px-stemstrat: %s\n", e.get_description().c_str());
        return 1;
    }
    return 0;
}
