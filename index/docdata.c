/*
** docdata.c — the articles a sharded index's shards carry themselves.
**
** The store (articles.sqlite) is the source of truth for every index.
** In a sharded index each Xapian document also carries what a search
** shows of its article (all its fields, the body compressed with zlib) as
** its document data, plus a cluster term, and the spelling database holds
** each outlet's display name as metadata.  A front that searches shards
** served by xapian-tcpsrv therefore needs no store: it reads hits,
** `show`, clusters and facet names from the shards (px_index_open on a
** directory holding only xapian/).
**
** The data: "PXD1", then each field as '+' value or '-' (absent), each
** ended by a NUL, in the order of FIELDS below, then the body's length in
** decimal and a NUL, then the body deflated (zlib).  Errors are statuses
** with a message; nothing here keeps state.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "index_internal.h"
#include "schema.h"

#define DATA_MAGIC "PXD1"
#define N_FIELDS 13

/* The article's fields as strings, in the data's order; its numbers are
** printed into `num`. */
static void fields_of(const px_article *a, const char *f[N_FIELDS],
                      char num[3][24])
{
    snprintf(num[0], 24, "%" PRId64, a->docid);
    snprintf(num[1], 24, "%" PRId64, a->indexed_at);
    snprintf(num[2], 24, "%" PRId64, a->cluster);
    const char *v[N_FIELDS] = {
        num[0], a->ext_id, a->source, a->url, a->outlet, a->date,
        px_date_source_name(a->date_source),
        px_date_precision_name(a->date_precision), a->title, a->author,
        a->hash, num[1], num[2]};
    memcpy(f, v, sizeof v);
}

px_status px_docdata_add(px_xdoc *doc, const px_article *a, px_err *err)
{
    const char *f[N_FIELDS];
    char num[3][24];
    fields_of(a, f, num);
    const char *body = a->body ? a->body : "";
    size_t blen = strlen(body), size = strlen(DATA_MAGIC) + 32;
    for (int i = 0; i < N_FIELDS; i++)
        size += (f[i] ? strlen(f[i]) : 0) + 2;
    uLong zmax = compressBound((uLong)blen);
    char *buf = malloc(size + zmax), *p = buf;
    if (!buf)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    p += sprintf(p, "%s", DATA_MAGIC);
    for (int i = 0; i < N_FIELDS; i++) {
        if (f[i])
            p += sprintf(p, "+%s", f[i]) + 1;
        else
            p += sprintf(p, "-") + 1;
    }
    p += sprintf(p, "%zu", blen) + 1;
    uLongf zlen = zmax;
    px_status st = PX_OK;
    if (compress2((Bytef *)p, &zlen, (const Bytef *)body, (uLong)blen, 6) !=
        Z_OK)
        st = px_err_set(err, PX_ENOMEM, "cannot compress article %" PRId64,
                        a->docid);
    if (st == PX_OK)
        st = px_xdoc_set_data(doc, buf, (size_t)(p - buf) + zlen, err);
    free(buf);
    char term[40];
    snprintf(term, sizeof term, "%s%" PRId64, PX_PREFIX_CLUSTER, a->cluster);
    if (st == PX_OK)
        st = px_xdoc_add_term(doc, term, 0, err);
    return st;
}

/* The next NUL-ended field of data[*at..len) into *out ('-': NULL);
** 0 when the data ends first or malloc fails. */
static int next_field(const char *data, size_t len, size_t *at, char **out)
{
    const char *s = data + *at, *nul = memchr(s, '\0', len - *at);
    if (!nul || (*s != '+' && *s != '-'))
        return 0;
    *at = (size_t)(nul - data) + 1;
    *out = NULL;
    if (*s == '-')
        return 1;
    *out = strndup(s + 1, (size_t)(nul - s - 1));
    return *out != NULL;
}

static px_status decode(const char *data, size_t len, int with_body,
                        px_article *a, px_err *err)
{
    size_t at = strlen(DATA_MAGIC);
    char *v[N_FIELDS] = {0};
    int ok = len > at && memcmp(data, DATA_MAGIC, at) == 0;
    for (int i = 0; ok && i < N_FIELDS; i++)
        ok = next_field(data, len, &at, &v[i]);
    const char *lenp = data + at, *nul = ok ? memchr(lenp, '\0', len - at)
                                              : NULL;
    size_t blen = nul ? strtoull(lenp, NULL, 10) : 0;
    if (ok && nul) {
        a->docid = v[0] ? strtoll(v[0], NULL, 10) : 0;
        a->ext_id = v[1]; a->source = v[2]; a->url = v[3]; a->outlet = v[4];
        snprintf(a->date, sizeof a->date, "%s", v[5] ? v[5] : "");
        a->date_source = px_date_source_from_name(v[6]);
        a->date_precision = px_date_precision_from_name(v[7]);
        a->title = v[8]; a->author = v[9];
        snprintf(a->hash, sizeof a->hash, "%s", v[10] ? v[10] : "");
        a->indexed_at = v[11] ? strtoll(v[11], NULL, 10) : 0;
        a->cluster = v[12] ? strtoll(v[12], NULL, 10) : 0;
        v[1] = v[2] = v[3] = v[4] = v[8] = v[9] = NULL;  /* a owns them */
    }
    for (int i = 0; i < N_FIELDS; i++)
        free(v[i]);
    if (!ok || !nul)
        return px_err_set(err, PX_ECORRUPT, "a shard's document data is "
                          "not an article (rebuild the shard with reindex)");
    if (!with_body)
        return PX_OK;
    size_t zat = (size_t)(nul - data) + 1;
    uLongf out = (uLongf)blen;
    a->body = malloc(blen + 1);
    if (!a->body)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    if (uncompress((Bytef *)a->body, &out, (const Bytef *)data + zat,
                   (uLong)(len - zat)) != Z_OK || out != blen)
        return px_err_set(err, PX_ECORRUPT, "article %" PRId64 ": its "
                          "shard's copy of the text is damaged", a->docid);
    a->body[blen] = '\0';
    return PX_OK;
}

px_status px_docdata_get(px_xdb *xdb, int64_t docid, int with_body,
                         px_article **out, px_err *err)
{
    char *data = NULL;
    size_t len = 0;
    px_status st = px_xdb_get_data(xdb, (unsigned)docid, &data, &len, err);
    if (st == PX_ENOTFOUND)
        return px_err_set(err, PX_ENOTFOUND, "no article %" PRId64, docid);
    px_article *a = st == PX_OK ? px_article_new() : NULL;
    if (st == PX_OK && !a)
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    if (st == PX_OK)
        st = decode(data, len, with_body, a, err);
    free(data);
    if (st != PX_OK) {
        px_article_free(a);
        return st;
    }
    *out = a;
    return PX_OK;
}

/* A query for the members of a cluster (its term). */
static px_status cluster_query(int64_t cluster, px_xquery **q, px_err *err)
{
    char term[40];
    snprintf(term, sizeof term, "%s%" PRId64, PX_PREFIX_CLUSTER, cluster);
    return px_xquery_term(term, 1, 0, q, err);
}

px_status px_docdata_cluster_size(px_index *ix, int64_t cluster,
                                  size_t *members, size_t *outlets,
                                  px_err *err)
{
    px_xquery *q = NULL;
    px_xenq *enq = NULL;
    px_xspy *spy = NULL;
    px_xmset *ms = NULL;
    px_xcount *c = NULL;
    size_t n = 0;
    unsigned total = 0, doccount = 0;
    px_status st = cluster_query(cluster, &q, err);
    if (st == PX_OK) st = px_xdb_doccount(ix->xdb, &doccount, err);
    if (st == PX_OK) st = px_xenq_new(ix->xdb, ix->language, &enq, err);
    if (st == PX_OK) st = px_xenq_set_query(enq, q, err);
    if (st == PX_OK) st = px_xspy_new(PX_SLOT_OUTLET, &spy, err);
    if (st == PX_OK) st = px_xenq_add_spy(enq, spy, err);
    if (st == PX_OK) st = px_xenq_mset(enq, 0, 0, doccount, &ms, err);
    if (st == PX_OK) st = px_xspy_values(spy, &c, &n, err);
    if (st == PX_OK) st = px_xspy_total(spy, &total, err);
    if (st == PX_OK) {
        /* The spy sees every member (its total), and counts those with an
        ** outlet; as the store counts them, members without one add the
        ** empty outlet.  (A remote match of no hits gives no bounds.) */
        size_t counted = 0;
        for (size_t i = 0; i < n; i++)
            counted += c[i].count;
        *members = total;
        *outlets = n + (total > counted ? 1 : 0);
    }
    px_xcounts_free(c, n);
    px_xmset_free(ms);
    px_xspy_free(spy);
    px_xenq_free(enq);
    px_xquery_free(q);
    return st;
}

static int member_order(const void *x, const void *y)
{
    const px_article *a = *(px_article *const *)x, *b = *(px_article *const *)y;
    if (!a->date[0] != !b->date[0])
        return a->date[0] ? -1 : 1;      /* undated last */
    int c = strcmp(a->date, b->date);
    if (c)
        return c;
    return a->docid < b->docid ? -1 : a->docid > b->docid;
}

px_status px_docdata_cluster_members(px_index *ix, int64_t cluster,
                                     px_article ***out, size_t *n,
                                     px_err *err)
{
    px_xquery *q = NULL;
    px_xenq *enq = NULL;
    px_xmset *ms = NULL;
    unsigned doccount = 0;
    *out = NULL;
    *n = 0;
    px_status st = cluster_query(cluster, &q, err);
    if (st == PX_OK) st = px_xdb_doccount(ix->xdb, &doccount, err);
    if (st == PX_OK) st = px_xenq_new(ix->xdb, ix->language, &enq, err);
    if (st == PX_OK) st = px_xenq_set_query(enq, q, err);
    if (st == PX_OK) st = px_xenq_mset(enq, 0, doccount, doccount, &ms, err);
    unsigned size = st == PX_OK ? px_xmset_size(ms) : 0;
    if (st == PX_OK && size && !(*out = calloc(size, sizeof **out)))
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    for (unsigned i = 0; st == PX_OK && i < size; i++) {
        unsigned docid = 0;
        double w;
        st = px_xmset_item(ms, i, &docid, &w, err);
        if (st == PX_OK) st = px_docdata_get(ix->xdb, docid, 0, &(*out)[i], err);
        if (st == PX_OK) (*n)++;
    }
    if (st == PX_OK && *n)
        qsort(*out, *n, sizeof **out, member_order);
    px_xmset_free(ms);
    px_xenq_free(enq);
    px_xquery_free(q);
    if (st != PX_OK) {
        for (size_t i = 0; i < *n; i++)
            px_article_free((*out)[i]);
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

px_status px_docdata_outlet_name(px_xdb *xdb, const char *key, char **out,
                                 px_err *err)
{
    size_t n = strlen(PX_META_OUTLET) + strlen(key) + 1;
    char *mkey = malloc(n);
    if (!mkey)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    snprintf(mkey, n, "%s%s", PX_META_OUTLET, key);
    char *name = NULL;
    px_status st = px_xdb_get_spelling_metadata(xdb, mkey, &name, err);
    free(mkey);
    if (st == PX_OK && name && !*name) {
        free(name);
        name = NULL;
    }
    *out = name;
    return st;
}
