/*
** text.c — extraction for scraped page text: read the page's layout into
** lines, mark the chrome, find the story block, read the metadata, join
** what is left.
**
** Scrapers save a page in a few shapes: a browser's innerText (one line a
** block), w3m and lynx dumps (paragraphs wrapped at a fixed width; lynx
** indents text and leaves headings at the margin), and markdown (links as
** [text](url), images as ![alt](url), headings as "# …").  The layout is
** evidence, so it is read here, once: wrapped lines are rejoined into
** their paragraph, link and image syntax is reduced to its text while the
** line keeps flags saying it was a link, an image, a list item or a
** heading, and the hosts the page links to are counted (they name the
** site).  Everything after that works on plain lines and their flags.
**
** Chrome is marked before metadata is read so that the headline search
** skips menus; the metadata step may then claim back a line the chrome
** step dropped (a headline repeated on the page, a byline that looked
** like a time stamp).
*/
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

/* The longest link text, and the deepest nesting of brackets, read as
** markdown. */
#define TEXT_LINK_MAX 2000
#define TEXT_LINK_DEPTH 4

/* The shape of the page as a whole. */
typedef struct {
    int markdown;      /* links and images in markdown syntax */
    int indented;      /* lynx: text indented, headings at the edge */
    size_t wrap;       /* the width lines were wrapped at, 0: none */
    size_t lines;      /* lines that are not blank */
} text_layout;

static size_t text_indent(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    return k;
}

static int text_has(const char *s, size_t n, const char *needle)
{
    /* From one showing of the needle's first byte to the next. */
    size_t k = strlen(needle);
    if (k == 0)
        return 1;
    const char *p = s, *end = s + n;
    while ((size_t)(end - p) >= k &&
           (p = memchr(p, needle[0], (size_t)(end - p) - k + 1))) {
        if (memcmp(p + 1, needle + 1, k - 1) == 0)
            return 1;
        p++;
    }
    return 0;
}

/* Characters (not bytes) of a UTF-8 line: wrapping counts columns. */
static size_t text_columns(const char *s, size_t n)
{
    size_t c = 0, i = 0;
    /* Eight bytes at a time: a continuation byte has its top bit set and
    ** the next one clear, and its top bits are counted out. */
    for (; i + 8 <= n; i += 8) {
        uint64_t w, cont;
        memcpy(&w, s + i, 8);
        cont = w & ~(w << 1) & 0x8080808080808080ULL;
        cont = (cont >> 7) * 0x0101010101010101ULL >> 56;
        c += 8 - (size_t)cont;
    }
    for (; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Line widths up to this many columns are counted one by one; wider
** ones together (a wrap width is at most 130). */
#define TEXT_WIDTHS 200

/* The wrap width a dump's lines suggest: the width of the line at rank
** n - 1 - n / 50 from the narrowest (a long URL aside), from a count of
** the lines of each width; TEXT_WIDTHS when it is wider than that. */
static size_t text_width_at_rank(const size_t *count, size_t n)
{
    size_t rank = n - 1 - n / 50, seen = 0;
    for (size_t w = 0; w < TEXT_WIDTHS; w++) {
        seen += count[w];
        if (seen > rank)
            return w;
    }
    return TEXT_WIDTHS;
}

static text_layout text_measure(const char *text, size_t len)
{
    text_layout lay = {0, 0, 0, 0};
    size_t pos = 0, lines = 0, indented = 0, margin = 0, md = 0, longish = 0;
    size_t count[TEXT_WIDTHS + 1] = {0}, n_lens = 0;
    while (pos < len) {
        const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + 1;
        if (text_indent(s, n) == n)
            continue;
        lines++;
        indented += text_indent(s, n) == 3;
        margin += text_indent(s, n) == 0;
        if (text_has(s, n, "](http") || (n > 2 && s[0] == '#') ||
            (n > 2 && s[0] == '!' && s[1] == '['))
            md++;
        if (n_lens < 4096) {   /* the first 4096 lines tell */
            size_t c = text_columns(s, n);
            count[c < TEXT_WIDTHS ? c : TEXT_WIDTHS]++;
            n_lens++;
        }
    }
    lay.lines = lines;
    lay.markdown = md >= 3;
    /* lynx sets text off by a margin of three columns and leaves only
    ** headings at the edge. */
    lay.indented = lines > 0 && indented * 100 >= lines * 8 &&
                   margin * 100 <= lines * 20;
    if (n_lens < 10 || lay.markdown)
        return lay;
    /* Wrapped dumps stay within their width (a long URL aside), and many
    ** lines come close to it; unwrapped text has long paragraphs on one
    ** line. */
    size_t width = text_width_at_rank(count, n_lens);
    if (width < 60 || width > 130)
        return lay;
    for (size_t w = width - 25; w <= width; w++)
        longish += count[w];
    if (longish * 20 >= n_lens || longish >= 8)
        lay.wrap = width;
    return lay;
}

/* Counts the host of a URL starting at s (up to n bytes). */
static void text_count_url(pxe_lines *ls, const char *s, size_t n)
{
    char url[512], host[256];
    if (ls->lines_only)
        return;
    if (n >= sizeof url)
        n = sizeof url - 1;
    memcpy(url, s, n);
    url[n] = '\0';
    char date[11];
    if (pxe_url_host(url, host, sizeof host))
        pxe_lines_host(ls, host);
    /* A date in a path starts with its year, four digits in a row (the
    ** readers of dates.c take none before 1900): most URLs have none. */
    size_t run = 0;
    for (const char *p = url; *p && run < 4; p++)
        run = (unsigned)*p - '0' < 10u ? run + 1 : 0;
    if (run < 4)
        return;
    if (pxe_date_from_url(url, date))
        pxe_lines_url_date(ls, date);
    else if (pxe_date_month_from_url(url, date)) {
        date[7] = '\0';   /* "YYYY-MM": the path gives no day */
        pxe_lines_url_date(ls, date);
    }
}

/* Top-level domains of news sites.  A word in running text is taken for
** a domain only with one of these ("WSJ.com", "Sportsnet.ca"), so that
** "photo.jpg", "cu.ft" or a missing space after a full stop are not. */
static int text_is_tld(const char *word, const char *t)
{
    static const char *const tlds[] = {
        "com", "org", "net", "news", "info", "tv", "io", "co", "uk", "ca",
        "au", "nz", "ie", "in", "za", "ng", "ke", "de", "fr", "it", "es",
        "nl", "be", "ch", "at", "se", "no", "dk", "fi", "pl", "ru", "ua",
        "br", "ar", "mx", "cl", "jp", "kr", "cn", "hk", "tw", "sg", "my",
        "id", "ph", "pk", "il", "ae", "tr", "gr", "pt", "cz", "hu", "ro",
        "us", "eu", "ly", "me", "fm", "am"};
    /* "EXPRESS.CO.UK" is a domain written in capitals; "the end.In" is
    ** a missing space. */
    size_t upper = 0;
    for (const char *p = word; *p; p++)
        upper += isupper((unsigned char)*p) != 0;
    for (size_t i = 0; i < sizeof tlds / sizeof *tlds; i++)
        if (strcmp(t, tlds[i]) == 0 ||
            (strcasecmp(t, tlds[i]) == 0 && upper == pxe_letter_count(word)))
            return 1;
    return 0;
}

/* Domains written in the text ("WSJ.com", "name@example.com"): a word
** with a dot, ending in a known top-level domain. */
static void text_count_domains(pxe_lines *ls, const char *s)
{
    if (ls->lines_only || !strchr(s, '.'))
        return;
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, " \t,;()<>\"'|");
        /* A domain has a dot. */
        if (n > 4 && n < 100 && memchr(p, '.', n)) {
            char w[100];
            memcpy(w, p, n);
            w[n] = '\0';
            char *at = strchr(w, '@');
            char *d = at ? at + 1 : w;
            size_t k = strlen(d);
            while (k > 0 && strchr(".:!?", d[k - 1]))
                d[--k] = '\0';
            const char *dot = strrchr(d, '.');
            if (dot && dot > d && text_is_tld(d, dot + 1) &&
                !strstr(w, "://") && !strchr(d, '/'))
                pxe_lines_host(ls, d);
        }
        p += n;
        p += strspn(p, " \t,;()<>\"'|");
    }
}

/* Whether s/n opens with "http://" or "https://" (and more after it). */
static int text_url_at(const char *s, size_t n)
{
    return s[0] == 'h' && n > 7 && memcmp(s + 1, "ttp", 3) == 0 &&
           ((n > 8 && memcmp(s + 4, "s://", 4) == 0) ||
            memcmp(s + 4, "://", 3) == 0);
}

/* What a line was made of, as text_unmark_to() counts it. */
typedef struct {
    size_t link_chars, text_chars, images;
} text_made;

/* Writes s/n to b with markdown links and images reduced to their text
** and bare URLs removed (their hosts counted); m counts what it wrote.  A
** link's text is written straight into b: no string of its own. */
static void text_unmark_to(pxe_lines *ls, pxe_buf *b, const char *s,
                           size_t n, int markdown, text_made *m)
{
    size_t i = 0;
    while (i < n) {
        int img = markdown && s[i] == '!' && i + 1 < n && s[i + 1] == '[';
        if (markdown && (s[i] == '[' || img)) {
            /* A link's text is short; a hostile line of brackets must not
            ** make this quadratic, nor the recursion deep (markdown
            ** nests an image in a link, and no deeper). */
            size_t o = i + (size_t)img + 1, depth = 1, j = o;
            size_t stop = n - o > TEXT_LINK_MAX ? o + TEXT_LINK_MAX : n;
            while (j < stop && depth && depth < TEXT_LINK_DEPTH) {
                depth += s[j] == '[';
                depth -= s[j] == ']';
                j++;
            }
            const char *close = !depth && j < n && s[j] == '('
                ? memchr(s + j, ')', n - j > TEXT_LINK_MAX ? TEXT_LINK_MAX
                                                          : n - j)
                : NULL;
            if (close) {
                size_t end = (size_t)(close - s);
                text_count_url(ls, s + j + 1, end - j - 1);
                if (img) {
                    m->images++;
                } else {
                    size_t before = b->len;
                    text_unmark_to(ls, b, s + o, j - 1 - o, markdown,
                                   &(text_made){0, 0, 0});
                    m->link_chars += b->len - before;
                    pxe_buf_addc(b, ' ');
                }
                i = end + 1;
                continue;
            }
        }
        if (text_url_at(s + i, n - i)) {
            size_t k = i;
            while (k < n && !pxe_is_space((unsigned char)s[k]) && s[k] != ')')
                k++;
            text_count_url(ls, s + i, k - i);
            i = k;
            continue;
        }
        /* Plain text up to the next byte that may open a link, or the
        ** next URL, is copied in one go. */
        size_t k = i + 1, chars = !pxe_is_space((unsigned char)s[i]);
        for (; k < n; k++) {
            char c = s[k];
            if ((markdown && (c == '[' || c == '!')) ||
                (c == 'h' && text_url_at(s + k, n - k)))
                break;
            chars += !pxe_is_space((unsigned char)c);
        }
        m->text_chars += chars;
        pxe_buf_add(b, s + i, k - i);
        i = k;
    }
}

/* Reduces markdown links and images to their text, removes bare URLs
** (counting their hosts) and reports what the line was made of. */
static char *text_unmark(pxe_lines *ls, const char *s, size_t n,
                         unsigned *flags, int markdown)
{
    pxe_buf b = {0};
    text_made m = {0, 0, 0};
    pxe_buf_reserve(&b, n);   /* links only shorten the line */
    text_unmark_to(ls, &b, s, n, markdown, &m);
    char *t = pxe_buf_take(&b);
    if (!t)
        return NULL;
    if (m.images && pxe_letter_count(t) == 0)
        *flags |= PXE_LF_IMAGE;
    if (m.link_chars > 0 && m.link_chars * 2 >= m.text_chars)
        *flags |= PXE_LF_LINKS;
    return t;
}

/* The list bullet or markdown heading marks at the start of a line. */
static size_t text_marks(const char *s, size_t n, unsigned *flags)
{
    /* Bullets as dumps draw them: "•", "□", "◦", "▪", "■", "○". */
    static const char *const bullets[] = {
        "\xe2\x80\xa2 ", "\xe2\x96\xa1 ", "\xe2\x97\xa6 ", "\xe2\x96\xaa ",
        "\xe2\x96\xa0 ", "\xe2\x97\x8b "};
    size_t k = 0;
    /* As strchr("*+-o", s[0]), which matches the terminator too. */
    char c = n > 2 ? s[0] : 'x';
    if ((c == '*' || c == '+' || c == '-' || c == 'o' || c == '\0') &&
        s[1] == ' ') {
        *flags |= PXE_LF_ITEM;
        k = 2;
    }
    /* Every bullet starts with the same byte. */
    for (size_t i = 0; !k && n > 4 && s[0] == '\xe2' &&
                       i < sizeof bullets / sizeof *bullets; i++)
        if (n > 4 && strncmp(s, bullets[i], 4) == 0) {
            *flags |= PXE_LF_ITEM;
            k = 4;
        }
    size_t h = k;
    while (h < n && s[h] == '#')
        h++;
    if (h > k && h < n && s[h] == ' ' && h - k <= 6) {
        *flags |= PXE_LF_HEADING | (h - k == 1 ? PXE_LF_H1 : 0);
        k = h + 1;
    }
    while (k < n && pxe_is_space((unsigned char)s[k]))
        k++;
    return k;
}

/* Ends like an image file's name. */
static int text_image_name(const char *t)
{
    static const char *const exts[] = {".jpg", ".jpeg", ".png", ".gif",
                                       ".webp", ".svg"};
    size_t n = strlen(t);
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        size_t k = strlen(exts[i]);
        if (n > k && strcasecmp(t + n - k, exts[i]) == 0)
            return 1;
    }
    return 0;
}

/* Adds one logical line (a paragraph rejoined from wrapped lines). */
static void text_add(pxe_lines *ls, const text_layout *lay, const char *s,
                     size_t n, size_t indent, int para)
{
    unsigned flags = 0;
    size_t k = text_marks(s, n, &flags);
    if (lay->indented && indent == 0 && !(flags & PXE_LF_ITEM))
        flags |= PXE_LF_HEADING;
    char *t = text_unmark(ls, s + k, n - k, &flags, lay->markdown);
    if (!t) {
        ls->oom = 1;
        return;
    }
    /* w3m and lynx show an image as its alt text or file name in
    ** brackets ("[e-tronSB24]", "[adauto-2018-135.jpg]"), or as the bare
    ** file name ("AP_19115488620320.jpg"). */
    size_t tn = strlen(t), words = pxe_word_count_max(t, 15);
    if (!lay->markdown && tn > 2 && t[0] == '[' && t[tn - 1] == ']' &&
        !memchr(t + 1, '[', tn - 2) && words <= 6)
        flags |= PXE_LF_ALT;
    if (!strchr(t, ' ') && text_image_name(t))
        flags |= PXE_LF_ALT;
    /* A site's own domain stands in its chrome (menus, footers, e-mail
    ** addresses); prose names other sites. */
    if (words < 15)
        text_count_domains(ls, t);
    /* lynx writes "(BUTTON)" where a page has a button. */
    char *button = strstr(t, "(BUTTON)");
    for (char *b = button; b; b = strstr(b, "(BUTTON)"))
        memset(b, ' ', 8);
    if (button)
        words = pxe_word_count_max(t, 15);
    /* Emphasis marks of markdown carry nothing. */
    if (lay->markdown)
        for (char *p = t; *p; p++)
            if ((*p == '*' || *p == '_') &&
                (p[1] == '*' || p[1] == '_' || p == t || p[-1] == ' ' ||
                 p[1] == ' ' || p[1] == '\0'))
                *p = ' ';
    if (words > 0 || (flags & PXE_LF_IMAGE)) {
        long at = pxe_lines_add_owned(ls, t, tn, para || ls->n == 0);
        if (at >= 0)
            ls->v[at].flags = flags;
    } else {
        free(t);
    }
}

/* Lines of the text, wrapped paragraphs rejoined; a blank line before a
** line makes it a paragraph. */
static void text_lines(const char *text, size_t len, pxe_lines *ls)
{
    text_layout lay = text_measure(text, len);
    /* Unwrapped, a line of the text is at most one line of the layout:
    ** room for all of them at once. */
    if (!lay.wrap && !ls->v && lay.lines > 0 &&
        (ls->v = malloc(lay.lines * sizeof *ls->v)))
        ls->cap = lay.lines;
    pxe_buf para_buf = {0};
    size_t pos = 0, para_indent = 0, last_len = 0;
    int para = 0, open = 0, open_para = 0;
    while (pos <= len) {
        const char *s = text + pos;
        const char *nl = pos < len ? memchr(s, '\n', len - pos) : NULL;
        size_t n = pos < len ? (nl ? (size_t)(nl - s) : len - pos) : 0;
        pos += n + 1;
        size_t ind = text_indent(s, n);
        int blank = ind == n;
        unsigned f = 0;
        int starts_item = !blank && text_marks(s + ind, n - ind, &f) > 0;
        /* A wrapped line goes on the paragraph when the one before it
        ** reached the wrap width and this one starts no new item. */
        int cont = open && !blank && lay.wrap && !starts_item &&
                   last_len + 25 >= lay.wrap && ind >= para_indent &&
                   ind <= para_indent + 2;
        if (open && !cont) {
            text_add(ls, &lay, para_buf.s ? para_buf.s : "", para_buf.len,
                     para_indent, open_para);
            para_buf.len = 0;
            if (para_buf.s)
                para_buf.s[0] = '\0';
            open = 0;
        }
        if (blank) {
            para = 1;
            continue;
        }
        if (cont)
            pxe_buf_addc(&para_buf, ' ');
        else {
            para_indent = ind;
            open_para = para;
            para = 0;
            open = 1;
        }
        pxe_buf_add(&para_buf, s + ind, n - ind);
        last_len = lay.wrap ? text_columns(s, n) : 0;   /* only wrapping asks */
    }
    if (open)   /* the last line had no newline after it */
        text_add(ls, &lay, para_buf.s ? para_buf.s : "", para_buf.len,
                 para_indent, open_para);
    if (para_buf.oom)
        ls->oom = 1;
    pxe_buf_free(&para_buf);
}

int pxe_text_layout(const char *text, size_t len, pxe_lines *ls)
{
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    ls->raw = text;
    ls->raw_len = len;
    text_lines(text, len, ls);
    return ls->oom ? -1 : 0;
}

/* The page's lines, its layout read and its chrome marked; site receives
** the site key.  Running out of memory sets ls->oom. */
static void text_prepare(const pxe_ctx *ctx, const pxe_hints *hints,
                        const char *text, size_t len, pxe_lines *ls,
                        char *site, size_t site_size)
{
    if (pxe_layouts_take(ctx, text, len, ls)) {
        /* The kept layout's raw text was the first pass's copy. */
        int bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
        ls->raw = text + (bom ? 3 : 0);
        ls->raw_len = len - (bom ? 3 : 0);
    } else {
        pxe_text_layout(text, len, ls);
    }
    /* A url header counts for the site key too (first pass does the same
    ** through pxe_learn_file). */
    pxe_site_key(hints ? hints->url : NULL, hints ? hints->path : NULL, site,
                 site_size);
    pxe_chrome_mark(ctx, ls, site, 0);
}

px_status pxe_extract_text(const pxe_ctx *ctx, const pxe_hints *hints,
                           const char *text, size_t len, pxe_result **out,
                           px_err *err)
{
    pxe_lines ls = {0};
    char site[256];
    *out = NULL;
    pxe_result *r = pxe_result_new();
    if (!r)
        return px_err_set(err, PX_ENOMEM, "out of memory");
    text_prepare(ctx, hints, text, len, &ls, site, sizeof site);
    if (hints && hints->url)
        pxe_field_set(&r->url, hints->url, "given", 100);
    if (hints && hints->title)
        pxe_field_set(&r->title, hints->title, "given", 100);
    if (hints && hints->outlet)
        pxe_field_set(&r->outlet, hints->outlet, "given", 100);
    r->site = pxe_strdup(site);
    pxe_story_find(&ls);
    if (!r->site || pxe_textmeta(ctx, &ls, r, hints) ||
        pxe_result_finish(r, &ls)) {
        pxe_lines_free(&ls);
        pxe_result_free(r);
        return px_err_set(err, PX_ENOMEM, "out of memory");
    }
    pxe_lines_free(&ls);
    *out = r;
    return PX_OK;
}

px_status pxe_fill_article(const pxe_ctx *ctx, px_article *a,
                           const char *text, size_t len, char **wire,
                           px_err *err)
{
    pxe_result *r;
    pxe_hints h = {a->source, a->url, NULL, a->title, a->outlet};
    if (wire)
        *wire = NULL;
    px_status st = pxe_extract_text(ctx, &h, text, len, &r, err);
    if (st != PX_OK)
        return st;
    st = pxe_result_to_article(r, a, err);
    if (st == PX_OK && wire && r->wire.value &&
        !(*wire = pxe_strdup(r->wire.value)))
        st = px_err_set(err, PX_ENOMEM, "out of memory");
    pxe_result_free(r);
    return st;
}
