/*
** finish.c — the last step every article takes before the command-line
** overrides, whatever its format: the outlet name is mapped to one name
** (an alias from the aliases file, or the label without a trailing
** section such as "Newsmax - News" or "CNN (Web News)"), and a date
** nothing vouches for is dropped, so that unknown stays unknown.  Finding
** metadata and dropping chrome in page text happens earlier, in the
** readers.
*/
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

/* Words that name a section, a desk or a medium of an outlet rather than
** the outlet: exports label articles "Outlet - Section" or "Outlet
** (Section)".  Editions (UK, US) and bias labels (Left, Right) are not in
** the list: those name a different publication or say nothing of one. */
static const char *const finish_section_words[] = {
    "news", "opinion", "opinions", "op-ed", "oped", "editorial",
    "editorials", "politics", "political", "online", "web", "digital",
    "sport", "sports", "business", "world", "blog", "blogs", "analysis",
    "commentary", "column", "columns", "columnists", "features", "feature",
    "national", "local", "breaking", "latest", "live", "video", "tech",
    "technology", "science", "health", "entertainment", "culture", "arts",
    "lifestyle", "money", "finance", "markets", "economy", "media",
    "investigations", "fact", "check", "letters", "reviews", "magazine",
    "wire", "home", "front", "page", "edition", "international",
};

#define FINISH_MAX_SECTION_WORDS 3

static int finish_is_section_word(const char *s, size_t n)
{
    size_t count = sizeof finish_section_words / sizeof *finish_section_words;
    for (size_t i = 0; i < count; i++)
        if (strlen(finish_section_words[i]) == n &&
            strncasecmp(s, finish_section_words[i], n) == 0)
            return 1;
    return 0;
}

/* Non-zero when s/n is one to FINISH_MAX_SECTION_WORDS section words
** joined by spaces, "/", "&", "," or "and". */
static int finish_is_section(const char *s, size_t n)
{
    size_t i = 0, words = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '/' || s[i] == '&' ||
                         s[i] == ','))
            i++;
        size_t start = i;
        while (i < n && s[i] != ' ' && s[i] != '/' && s[i] != '&' &&
               s[i] != ',')
            i++;
        if (i == start)
            break;
        if (i - start == 3 && strncasecmp(s + start, "and", 3) == 0)
            continue;
        if (!finish_is_section_word(s + start, i - start) ||
            ++words > FINISH_MAX_SECTION_WORDS)
            return 0;
    }
    return words > 0;
}

/* Non-zero when label[0..n) has a letter or digit: something is left. */
static int finish_has_name(const char *label, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isalnum((unsigned char)label[i]) || (label[i] & 0x80))
            return 1;
    return 0;
}

/* The last occurrence of `sep` that starts before label + n, or NULL. */
static const char *finish_last(const char *label, size_t n, const char *sep)
{
    const char *last = NULL;
    for (const char *p = label; (p = strstr(p, sep)) && p < label + n; p++)
        last = p;
    return last;
}

size_t pxe_outlet_strip_section(const char *label, const char **section,
                                size_t *section_len)
{
    static const char *const dashes[] = {" - ", " \xE2\x80\x93 ",
                                         " \xE2\x80\x94 "};
    size_t len = strlen(label), n = len;
    const char *sep = NULL, *x = NULL;
    while (n > 0 && label[n - 1] == ' ')
        n--;
    if (section)
        *section = NULL;
    if (section_len)
        *section_len = 0;
    if (n > 2 && label[n - 1] == ')') {        /* "Outlet (Section)" */
        if ((sep = finish_last(label, n, " (")))
            x = sep + 2;
        n--;
    } else {                                   /* "Outlet - Section" */
        for (size_t d = 0; d < sizeof dashes / sizeof *dashes; d++) {
            const char *p = finish_last(label, n, dashes[d]);
            if (p && (!sep || p > sep)) {
                sep = p;
                x = p + strlen(dashes[d]);
            }
        }
    }
    size_t xlen = sep && x <= label + n ? (size_t)(label + n - x) : 0;
    if (!sep || !finish_is_section(x, xlen) ||
        !finish_has_name(label, (size_t)(sep - label)))
        return len;
    if (section)
        *section = x;
    if (section_len)
        *section_len = xlen;
    size_t cut = (size_t)(sep - label);
    while (cut > 0 && label[cut - 1] == ' ')
        cut--;
    return cut;
}

/* The outlet's one name: an alias of the label as given, else the label
** without its section, or an alias of that. */
static px_status finish_outlet(const struct pxe_ctx *ctx, px_article *a,
                               px_err *err)
{
    const char *canonical = ctx ? pxe_outlet_canonical(ctx, a->outlet) : NULL;
    size_t keep = strlen(a->outlet);
    if (!canonical)
        keep = pxe_outlet_strip_section(a->outlet, NULL, NULL);
    if (!canonical && keep < strlen(a->outlet)) {
        if (px_article_set(&a->outlet, a->outlet, keep) != PX_OK)
            return px_err_set(err, PX_ENOMEM, "out of memory");
        canonical = ctx ? pxe_outlet_canonical(ctx, a->outlet) : NULL;
    }
    if (canonical && strcmp(canonical, a->outlet) != 0 &&
        px_article_set(&a->outlet, canonical, strlen(canonical)) != PX_OK)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    return PX_OK;
}

px_status pxe_article_finish(const struct pxe_ctx *ctx, px_article *a,
                             px_err *err)
{
    if (a->outlet && finish_outlet(ctx, a, err) != PX_OK)
        return PX_ENOMEM;
    if (a->date_source == PX_DATE_UNKNOWN)
        a->date[0] = '\0';
    return PX_OK;
}
