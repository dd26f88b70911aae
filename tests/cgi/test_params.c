/*
** test_params.c — deterministic hostile-input test for the search page's
** parameter parser (searcher/cgi_params.c): each request below is either
** accepted with the stated meaning or refused with a reason, and every
** accepted one passes the round-trip and escaping checks of params_check.h.
*/
#include "params_check.h"

static int failures;

#define EXPECT(cond, what)                                              \
    do {                                                                \
        if (!(cond)) {                                                  \
            fprintf(stderr, "FAIL line %d: %s\n", __LINE__, what);      \
            failures++;                                                 \
        }                                                               \
    } while (0)

static const char *const refused[] = {
    "q=%",  "q=%4", "q=%zz", "q=%00", "q=a%00b", "q=%C0%AF", "q=%ED%A0%80",
    "q=%F5%80%80%80", "q=%FF", "q=%E2%82", "q=%07bell", "q=%7F", "q=%C2%85",
    "offset=-1", "offset=1001", "offset=1e3", "offset=+5", "offset=0x10",
    "offset=99999999999999999999", "limit=0", "limit=51", "limit=ten",
    "from=2025-02-30", "from=2025-13-01", "from=25-01-01", "from=2025-1-1",
    "to=2023-02-29", "from=2025-02-01&to=2025-01-01", "sort=random",
    "sort=NEWEST", "format=xml", "id=0", "id=-3", "id=12abc",
    "id=1234567890123456", "q=a&q=b", "sort=newest&sort=oldest",
    "limit=5&limit=5", "outlet=%ZZ", "%ZZ=1",
};

static void test_refused(void)
{
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
        if (params_check(refused[i]) != CGI_PARAMS_BAD) {
            fprintf(stderr, "FAIL: accepted %s\n", refused[i]);
            failures++;
        }
}

static void test_caps(void)
{
    char *big = malloc(CGI_MAX_QS + 16);
    memset(big, 'a', CGI_MAX_QS + 8);
    memcpy(big, "q=", 2);
    big[CGI_MAX_QS + 8] = '\0';
    EXPECT(params_check(big) == CGI_PARAMS_BAD, "huge query string");
    big[2 + CGI_MAX_QUERY] = '\0';
    EXPECT(params_check(big) == CGI_PARAMS_OK, "query at the cap");
    big[2 + CGI_MAX_QUERY] = 'a';
    big[3 + CGI_MAX_QUERY] = '\0';
    EXPECT(params_check(big) == CGI_PARAMS_BAD, "query past the cap");
    free(big);

    char many[4096] = "";
    for (int i = 0; i <= CGI_MAX_OUTLETS; i++) {
        char one[32];
        snprintf(one, sizeof one, "outlet=o%d&", i);
        strcat(many, one);
    }
    EXPECT(params_check(many) == CGI_PARAMS_BAD, "too many outlets");
    char pairs[4096] = "";
    for (int i = 0; i <= CGI_MAX_PARAMS; i++)
        strcat(pairs, "x=1&");
    EXPECT(params_check(pairs) == CGI_PARAMS_BAD, "too many parameters");
}

static void test_meaning(void)
{
    cgi_params p;
    char err[CGI_ERR_MAX];
    EXPECT(cgi_params_parse(NULL, &p, err, sizeof err) == CGI_PARAMS_OK &&
           !*p.q && p.limit == CGI_DEFAULT_LIMIT && !p.offset && !p.json,
           "empty request");
    cgi_params_free(&p);
    EXPECT(cgi_params_parse("q=%22port+strike%22+%3Cscript%3E&outlet=The+"
                            "Herald&outlet=&outlet=The+Herald&from=2024-02-29"
                            "&to=&sort=oldest&limit=20&offset=40&format=json"
                            "&id=7&utm_source=x&flag", &p, err,
                            sizeof err) == CGI_PARAMS_OK, "full request");
    EXPECT(strcmp(p.q, "\"port strike\" <script>") == 0, "q decoded");
    EXPECT(p.n_outlets == 1 && strcmp(p.outlets[0], "The Herald") == 0,
           "outlets: empty dropped, duplicate merged");
    EXPECT(strcmp(p.from, "2024-02-29") == 0 && !p.to[0], "dates");
    EXPECT(p.sort == PX_SORT_OLDEST && p.sort_given, "sort");
    EXPECT(p.limit == 20 && p.offset == 40 && p.json && p.id == 7, "numbers");
    cgi_buf b = {0};
    cgi_params_query(&b, &p);
    EXPECT(strcmp(b.data, "q=%22port%20strike%22%20%3Cscript%3E&outlet=The"
                  "%20Herald&from=2024-02-29&sort=oldest&limit=20&offset=40")
           == 0, "written back");
    cgi_buf_free(&b);
    cgi_params_free(&p);
    EXPECT(cgi_params_parse("q=a%09b%0Dc%0Ad", &p, err, sizeof err) ==
           CGI_PARAMS_OK && strcmp(p.q, "a b c d") == 0,
           "tab, CR and LF become spaces");
    cgi_params_free(&p);
    EXPECT(cgi_params_parse("q=%E2%80%9Cquote%E2%80%9D+caf%C3%A9", &p, err,
                            sizeof err) == CGI_PARAMS_OK &&
           strcmp(p.q, "\xE2\x80\x9Cquote\xE2\x80\x9D caf\xC3\xA9") == 0,
           "UTF-8 kept");
    cgi_params_free(&p);
    EXPECT(cgi_params_parse("offset=x", &p, err, sizeof err) ==
           CGI_PARAMS_BAD && strstr(err, "offset"), "reason names offset");
    cgi_params_free(&p);
}

static void test_escape(void)
{
    cgi_buf b = {0};
    cgi_html_esc(&b, "<script>alert(\"x\" & 'y')</script>\x01");
    EXPECT(strcmp(b.data, "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y"
                  "&#39;)&lt;/script&gt;") == 0, "HTML escaping");
    cgi_buf_reset(&b);
    cgi_url_esc(&b, "a b&c=d/\xC3\xA9");
    EXPECT(strcmp(b.data, "a%20b%26c%3Dd%2F%C3%A9") == 0, "URL escaping");
    cgi_buf_free(&b);
}

int main(void)
{
    test_refused();
    test_caps();
    test_meaning();
    test_escape();
    if (failures) {
        fprintf(stderr, "%d failures\n", failures);
        return 1;
    }
    printf("cgi parameter tests passed\n");
    return 0;
}
