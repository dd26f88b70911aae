/*
** xapian_wrap.cc — the C API of xapian_wrap.h over Xapian's C++ API:
** stemming, databases, documents and the term generator (queries, the
** parser and matching are in xapian_search.cc).
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

#include "xapian_internal.h"

using pxw::dup_string;
using pxw::guard;

namespace {

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

}  // namespace

Xapian::Stem pxw::make_stem(const char *lang)
{
    if (!lang || std::strcmp(lang, "none") == 0)
        return Xapian::Stem();
    return Xapian::Stem(new SnowballStem(lang));
}

using pxw::make_stem;

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
        *out = pxw::read_handle(path, new Xapian::Database(path));
    });
}

static px_status open_writable(const char *path, int action, px_xdb **out,
                               px_err *err)
{
    return guard(err, path, [&] {
        px_xdb *h = new px_xdb{nullptr, nullptr};
        try {
            if (action != Xapian::DB_CREATE_OR_OVERWRITE &&
                pxw::is_sharded(path)) {
                pxw::open_set(path, action, h);
                *out = h;
                return;
            }
            h->wdb = new Xapian::WritableDatabase(path, action);
        } catch (...) {
            pxw::discard(h);
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
    if (!db || db->is_part)
        return;
    if (db->parts)
        pxw::close_set(db);
    else
        delete db->spell;
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
        if (pxw::is_sharded(src)) {
            pxw::compact_set(src, dst);
            return;
        }
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
    return guard(err, "commit", [&] {
        if (db->parts)
            for (unsigned k = 0; k < db->nshards; k++)
                db->parts[k]->wdb->commit();
        else
            writable(db).commit();
    });
}

px_status px_xdb_replace(px_xdb *db, unsigned docid, px_xdoc *doc,
                         px_err *err)
{
    return guard(err, "replace document",
                 [&] { pxw::route(db, &docid).replace_document(docid, doc->doc); });
}

px_status px_xdb_delete(px_xdb *db, unsigned docid, px_err *err)
{
    return guard(err, "delete document", [&] {
        try {
            Xapian::WritableDatabase &w = pxw::route(db, &docid);
            w.delete_document(docid);
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

px_status px_xdb_get_data(px_xdb *db, unsigned docid, char **out,
                          size_t *len, px_err *err)
{
    return guard(err, "document", [&] {
        std::string d = db->db->get_document(docid).get_data();
        *out = dup_string(d);
        *len = d.size();
    });
}

px_status px_xdb_get_spelling_metadata(px_xdb *db, const char *key,
                                       char **out, px_err *err)
{
    return guard(err, "get metadata", [&] {
        *out = dup_string((db->spell ? db->spell : db->db)->get_metadata(key));
    });
}

px_status px_xdb_set_metadata(px_xdb *db, const char *key, const char *value,
                              px_err *err)
{
    /* Every shard carries the index's metadata: a shard served alone
    ** must say what it is. */
    return guard(err, "set metadata", [&] {
        if (db->parts)
            for (unsigned k = 0; k < db->nshards; k++)
                db->parts[k]->wdb->set_metadata(key, value);
        else
            writable(db).set_metadata(key, value);
    });
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
        std::string s = (db->spell ? db->spell : db->db)
                            ->get_spelling_suggestion(word);
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

