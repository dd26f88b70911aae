/*
** jsonld.c — what a page's JSON-LD (schema.org) says about its article.
**
** Pages embed one or more <script type="application/ld+json"> blocks: a
** single object, an array of objects, or an object with an "@graph"
** array.  The article is the object whose @type is one of the article
** types; its headline, author(s), publisher, datePublished, url and
** articleBody are taken, the first value found winning.  Authors may be
** a string, an object with "name", or an array of either; several are
** joined with " and ".  Malformed JSON is skipped silently: the page's
** other metadata still counts.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "extract_int.h"

static const char *const jsonld_types[] = {
    "NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
    "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
    "BackgroundNewsArticle", "LiveBlogPosting", "Report", "ScholarlyArticle",
    "SocialMediaPosting", "TechArticle", "WebPage", "Posting",
};

/* 2 for a news/article type, 1 for WebPage, 0 otherwise. */
static int jsonld_rank_type(json_t *type)
{
    if (json_is_array(type)) {
        int best = 0;
        size_t i;
        json_t *v;
        json_array_foreach(type, i, v) {
            int r = jsonld_rank_type(v);
            if (r > best)
                best = r;
        }
        return best;
    }
    const char *s = json_string_value(type);
    if (!s)
        return 0;
    for (size_t i = 0; i < sizeof jsonld_types / sizeof *jsonld_types; i++)
        if (strcasecmp(s, jsonld_types[i]) == 0)
            return strcmp(jsonld_types[i], "WebPage") == 0 ? 1 : 2;
    return 0;
}

static void jsonld_take(char **dst, const char *s)
{
    if (!*dst && s && *s)
        *dst = pxe_collapse(s, strlen(s));
}

/* The name of a person/organisation value: string, {name}, or array. */
static void jsonld_names(json_t *v, pxe_buf *out)
{
    if (json_is_string(v)) {
        if (out->len)
            pxe_buf_adds(out, " and ");
        pxe_buf_adds(out, json_string_value(v));
    } else if (json_is_object(v)) {
        jsonld_names(json_object_get(v, "name"), out);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) jsonld_names(e, out);
    }
}

static void jsonld_take_names(char **dst, json_t *v)
{
    pxe_buf b = {0};
    jsonld_names(v, &b);
    char *s = pxe_buf_take(&b);
    if (s && *s && !strstr(s, "://"))
        jsonld_take(dst, s);
    free(s);
}

static void jsonld_article(json_t *o, pxe_jsonld *j)
{
    jsonld_take(&j->headline, json_string_value(json_object_get(o, "headline")));
    jsonld_take(&j->headline, json_string_value(json_object_get(o, "name")));
    jsonld_take(&j->date,
                json_string_value(json_object_get(o, "datePublished")));
    jsonld_take(&j->date, json_string_value(json_object_get(o, "dateCreated")));
    jsonld_take(&j->url, json_string_value(json_object_get(o, "url")));
    json_t *main = json_object_get(o, "mainEntityOfPage");
    jsonld_take(&j->url, json_string_value(json_is_object(main)
                                               ? json_object_get(main, "@id")
                                               : main));
    jsonld_take(&j->body, json_string_value(json_object_get(o, "articleBody")));
    jsonld_take_names(&j->author, json_object_get(o, "author"));
    jsonld_take_names(&j->author, json_object_get(o, "creator"));
    jsonld_take_names(&j->publisher, json_object_get(o, "publisher"));
    jsonld_take_names(&j->publisher, json_object_get(o, "sourceOrganization"));
}

/* Visits objects (arrays and @graph included), articles first. */
static void jsonld_walk(json_t *v, pxe_jsonld *j, int want_rank, int depth)
{
    if (depth > 8)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) jsonld_walk(e, j, want_rank, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    if (jsonld_rank_type(json_object_get(v, "@type")) == want_rank)
        jsonld_article(v, j);
    jsonld_walk(json_object_get(v, "@graph"), j, want_rank, depth + 1);
}

void pxe_jsonld_parse(const char *json, size_t len, pxe_jsonld *j)
{
    json_error_t e;
    json_t *root = json_loadb(json, len, JSON_DECODE_ANY, &e);
    if (!root)
        return;
    jsonld_walk(root, j, 2, 0);
    jsonld_walk(root, j, 1, 0);
    /* A WebSite/Organization object names the publisher at least. */
    if (!j->publisher && json_is_object(root)) {
        const char *t = json_string_value(json_object_get(root, "@type"));
        if (t && (strcmp(t, "WebSite") == 0 || strcmp(t, "Organization") == 0 ||
                  strcmp(t, "NewsMediaOrganization") == 0))
            jsonld_take(&j->publisher,
                        json_string_value(json_object_get(root, "name")));
    }
    json_decref(root);
}

void pxe_jsonld_free(pxe_jsonld *j)
{
    free(j->headline);
    free(j->author);
    free(j->publisher);
    free(j->date);
    free(j->url);
    free(j->body);
    memset(j, 0, sizeof *j);
}
