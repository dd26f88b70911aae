/*
** cgi_main.c — pressdex.cgi: the search page as a CGI/1.1 program (RFC
** 3875) and, from the same code, a FastCGI responder (libfcgi's FCGX
** interface).  Started by a web server on a FastCGI socket it loops over
** requests and keeps the index open between them; started any other way
** it answers the one request described by its environment and exits.
**
** Safety rules, all enforced here or in cgi_params.c:
**  - the index is the directory named by PRESSDEX_DB in the *process*
**    environment, set by the server's configuration; no request parameter
**    or header can name another one, and it is opened read-only;
**  - only GET and HEAD; parameters are validated and capped, and anything
**    unexpected gets a 400 page saying which parameter was wrong;
**  - the page is built in memory and sent with a Content-Length and a
**    Content-Security-Policy that forbids all script;
**  - a search may take PRESSDEX_TIME_LIMIT seconds (default 2) for all
**    it does, the page's second search for the outlet sidebar included;
**    it then shows the best hits found, saying so, and a query over the
**    library's cost caps (length, nesting, expanded terms) is refused with
**    a message naming the cap, so that no query can hold a process for
**    long;
**  - every search runs with the settings the command line uses (spelling
**    variants, outlet aliases: cli_common.c and the library's
**    px_search_env), so the page and pressdex-search answer alike;
**  - a concurrent indexer run never breaks a page: the library retries on
**    a modified index, and a persistent process reopens the index when its
**    files have changed or when a search still fails.
*/
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <fcgiapp.h>
#include <jansson.h>

#include "cgi_buf.h"
#include "cgi_html.h"
#include "cgi_params.h"
#include "cli_common.h"
#include "output.h"
#include "pressdex.h"

extern char **environ;

/* Styles are inline (one <style>); nothing else may load or run. */
#define CGI_CSP "default-src 'none'; style-src 'unsafe-inline'; " \
                "img-src 'self' data:; form-action 'self'; base-uri 'none'; " \
                "frame-ancestors 'none'"

/* Seconds of matching per search when PRESSDEX_TIME_LIMIT is unset. */
#define CGI_TIME_LIMIT 2.0

/* What identifies one committed state of the index on disk: when any of
** these files changes, a long-lived process reopens to see new articles. */
typedef struct {
    struct { long long mtime_ns, size, ino; } f[3];
} index_sig;

/* Process-wide state, kept across FastCGI requests. */
typedef struct {
    const char *db;    /* PRESSDEX_DB at start-up, or NULL */
    ps_setup setup;    /* what every search runs with (as the CLI's);
                          setup.env NULL when it could not be built */
    px_index *ix;      /* open read-only, or NULL */
    index_sig sig;     /* the files as they were when ix was opened */
    cgi_buf body;      /* the response being built; memory reused */
} cgi_server;

/* One request: its CGI variables and where the response goes. */
typedef struct {
    char **envp;
    FCGX_Stream *out;  /* NULL: plain CGI, write to stdout */
    int head_only;     /* HEAD: headers without the body */
} cgi_request;

static void index_signature(const char *db, index_sig *s)
{
    static const char *const files[3] = {"xapian/iamglass", "articles.sqlite",
                                         "articles.sqlite-wal"};
    memset(s, 0, sizeof *s);
    for (int i = 0; i < 3; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", db, files[i]);
        if (stat(path, &st) != 0)
            continue;
        s->f[i].mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
                           st.st_mtim.tv_nsec;
        s->f[i].size = (long long)st.st_size;
        s->f[i].ino = (long long)st.st_ino;
    }
}

static void server_close_index(cgi_server *srv)
{
    if (srv->ix)
        px_index_close(srv->ix, NULL);
    srv->ix = NULL;
}

/* Makes srv->ix an up-to-date read-only handle.  `force` reopens even when
** the files look unchanged (after a failed search). */
static px_status server_index(cgi_server *srv, int force, px_err *err)
{
    index_sig now;
    index_signature(srv->db, &now);
    if (srv->ix && !force && memcmp(&now, &srv->sig, sizeof now) == 0)
        return PX_OK;
    server_close_index(srv);
    px_status st = px_index_open(srv->db, PX_OPEN_READ, NULL, &srv->ix, err);
    if (st != PX_OK)
        srv->ix = NULL;
    srv->sig = now;
    return st;
}

static void out_write(cgi_request *rq, const char *s, size_t n)
{
    while (n > 0) {
        size_t chunk = n > (1u << 20) ? (1u << 20) : n;
        if (rq->out)
            FCGX_PutStr(s, (int)chunk, rq->out);
        else
            fwrite(s, 1, chunk, stdout);
        s += chunk;
        n -= chunk;
    }
}

static const char *status_text(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}

/* Sends the headers and srv->body (unless HEAD). */
static void respond(cgi_server *srv, cgi_request *rq, int status,
                    const char *ctype)
{
    cgi_buf h = {0};
    if (srv->body.oom) {  /* the page itself could not be built */
        cgi_buf_reset(&srv->body);
        cgi_buf_puts(&srv->body, "out of memory\n");
        status = 500;
        ctype = "text/plain; charset=utf-8";
    }
    cgi_buf_printf(&h, "Status: %d %s\r\nContent-Type: %s\r\n"
                   "Content-Length: %zu\r\n", status, status_text(status),
                   ctype, srv->body.len);
    cgi_buf_puts(&h, "Content-Security-Policy: " CGI_CSP "\r\n"
                 "X-Content-Type-Options: nosniff\r\n"
                 "X-Frame-Options: DENY\r\n"
                 "Referrer-Policy: no-referrer\r\n"
                 "Cache-Control: no-cache\r\n");
    if (status == 405)
        cgi_buf_puts(&h, "Allow: GET, HEAD\r\n");
    cgi_buf_puts(&h, "\r\n");
    out_write(rq, h.data ? h.data : "", h.len);
    if (!rq->head_only)
        out_write(rq, srv->body.data ? srv->body.data : "", srv->body.len);
    cgi_buf_free(&h);
}

/* An error response, as a page or as {"error": …} in JSON mode. */
static void respond_error(cgi_server *srv, cgi_request *rq, int status,
                          int json, const char *heading, const char *msg,
                          const cgi_params *p)
{
    cgi_buf_reset(&srv->body);
    if (json) {
        json_t *doc = json_pack("{si ss ss}", "status", status, "error",
                                heading, "message", msg);
        char *s = doc ? json_dumps(doc, JSON_INDENT(2) |
                              JSON_PRESERVE_ORDER | PS_JSON_REAL)
                      : NULL;
        cgi_buf_puts(&srv->body, s ? s : "{}");
        cgi_buf_puts(&srv->body, "\n");
        free(s);
        json_decref(doc);
        respond(srv, rq, status, "application/json");
        return;
    }
    cgi_html_error(&srv->body, heading, msg, p);
    respond(srv, rq, status, "text/html; charset=utf-8");
}

static int json_out(cgi_server *srv, json_t *doc)
{
    char *s = doc ? json_dumps(doc, JSON_INDENT(2) |
                              JSON_PRESERVE_ORDER | PS_JSON_REAL)
                  : NULL;
    json_decref(doc);
    if (!s)
        return 0;
    cgi_buf_puts(&srv->body, s);
    cgi_buf_puts(&srv->body, "\n");
    free(s);
    return 1;
}

/* Runs `op` against the index; on a failure that a fresh handle could cure
** (files replaced by a writer, a revision discarded past the library's own
** retries) reopens once and tries again. */
typedef px_status (*index_op)(px_index *ix, void *ctx, px_err *err);

static px_status with_index(cgi_server *srv, index_op op, void *ctx,
                            px_err *err)
{
    px_status st = server_index(srv, 0, err);
    if (st == PX_OK)
        st = op(srv->ix, ctx, err);
    if (st == PX_OK || st == PX_EQUERY || st == PX_EUNIMPL ||
        st == PX_EINVAL || st == PX_ENOTFOUND || st == PX_ENOMEM ||
        st == PX_ELIMIT)
        return st;
    st = server_index(srv, 1, err);
    if (st == PX_OK)
        st = op(srv->ix, ctx, err);
    return st;
}

typedef struct {
    const px_search_opts *opts;
    px_results *r;
    int64_t id;
    px_article *a;
} op_ctx;

static px_status op_search(px_index *ix, void *ctx, px_err *err)
{
    op_ctx *c = ctx;
    return px_search(ix, c->opts, &c->r, err);
}

static px_status op_get(px_index *ix, void *ctx, px_err *err)
{
    op_ctx *c = ctx;
    return px_index_get(ix, c->id, &c->a, err);
}

/* Maps a library failure to a response.  Details that name server paths
** go to the server's error log, not to the visitor. */
static void respond_failure(cgi_server *srv, cgi_request *rq,
                            const cgi_params *p, px_status st,
                            const px_err *err)
{
    if (st == PX_EQUERY || st == PX_EUNIMPL || st == PX_EINVAL) {
        respond_error(srv, rq, 400, p->json, "Bad request", err->msg, p);
        return;
    }
    if (st == PX_ELIMIT && p->json) {
        /* A script gets the cap by name, to shorten its query by it. */
        const char *cap = px_err_cap(err);
        json_t *doc = json_pack("{si ss ss so}", "status", 400, "error",
                                "Query too costly", "message", err->msg,
                                "cap", cap ? json_string(cap) : json_null());
        cgi_buf_reset(&srv->body);
        if (!json_out(srv, doc))
            srv->body.oom = 1;
        respond(srv, rq, 400, "application/json");
        return;
    }
    if (st == PX_ELIMIT) {
        respond_error(srv, rq, 400, 0, "Query too costly", err->msg, p);
        return;
    }
    fprintf(stderr, "pressdex.cgi: %s: %s\n", px_status_str(st), err->msg);
    respond_error(srv, rq, 503, p->json, "Archive unavailable",
                  "The archive index cannot be read right now. Try again in "
                  "a moment; if this persists, tell the site's maintainer.",
                  p);
}

static json_t *article_json(const px_article *a)
{
    json_t *s[7];
    const char *v[7] = {a->title, a->outlet, a->date, a->author, a->source,
                        a->url, a->ext_id};
    for (int i = 0; i < 7; i++)
        s[i] = v[i] && *v[i] ? json_string(v[i]) : json_null();
    return json_pack("{sI so so so so ss so so so so ss}",
                     "id", (json_int_t)a->docid, "title", s[0],
                     "outlet", s[1], "date", s[2],
                     "date_precision", ps_json_date_precision(a),
                     "date_source", px_date_source_name(a->date_source),
                     "author", s[3], "source", s[4], "url", s[5],
                     "ext_id", s[6], "body", a->body ? a->body : "");
}

static void serve_article(cgi_server *srv, cgi_request *rq,
                          const cgi_params *p)
{
    op_ctx c = {.id = p->id};
    px_err err = {{0}};
    px_status st = with_index(srv, op_get, &c, &err);
    if (st == PX_ENOTFOUND) {
        respond_error(srv, rq, 404, p->json, "Not found",
                      "There is no article with this number in the archive.",
                      p);
        return;
    }
    if (st != PX_OK) {
        respond_failure(srv, rq, p, st, &err);
        return;
    }
    cgi_buf_reset(&srv->body);
    if (p->json) {
        if (!json_out(srv, article_json(c.a)))
            srv->body.oom = 1;
        respond(srv, rq, 200, "application/json");
    } else {
        cgi_html_article(&srv->body, p, c.a, px_index_language(srv->ix));
        respond(srv, rq, 200, "text/html; charset=utf-8");
    }
    px_article_free(c.a);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) +
           (now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Outlet counts for the same search without its outlet filters
** (multi-select faceting): with one outlet chosen, the sidebar must still
** list the others so they can be added.  NULL when no outlet is filtered,
** the extra search failed or no time is left for it (the request's time
** limit, which began at t0, covers both searches); the page then lists
** the filtered counts. */
static px_results *outlet_facets(cgi_server *srv, const px_search_opts *o,
                                 const struct timespec *t0)
{
    double left = o->time_limit - seconds_since(t0);
    if (!o->n_outlets || (o->time_limit > 0 && left < 0.01))
        return NULL;
    px_search_opts all = *o;
    if (o->time_limit > 0)
        all.time_limit = left;
    all.outlets = NULL;
    all.n_outlets = 0;
    all.offset = 0;
    all.limit = 1;
    all.snippets = 0;
    all.no_suggestion = 1;
    op_ctx c = {.opts = &all};
    px_err err = {{0}};
    return with_index(srv, op_search, &c, &err) == PX_OK ? c.r : NULL;
}

static void serve_search(cgi_server *srv, cgi_request *rq, cgi_params *p)
{
    /* With no words to rank by, relevance is meaningless: newest first. */
    if (!p->sort_given && p->q[strspn(p->q, " ")] == '\0')
        p->sort = PX_SORT_NEWEST;
    px_search_opts o = {
        .query = p->q, .outlets = (const char **)p->outlets,
        .n_outlets = p->n_outlets, .from = p->from[0] ? p->from : NULL,
        .to = p->to[0] ? p->to : NULL, .sort = p->sort, .offset = p->offset,
        .limit = p->limit, .facets = 1, .snippets = 1,
        .snippet_len = p->json ? 240 : cgi_html_snippet_len(p),
        .hl_start = "[", .hl_end = "]"};
    /* Variants, outlet aliases and the time limit, as on the command line. */
    px_search_env_apply(srv->setup.env, &o);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    op_ctx c = {.opts = &o};
    px_err err = {{0}};
    px_status st = with_index(srv, op_search, &c, &err);
    if (st != PX_OK) {
        respond_failure(srv, rq, p, st, &err);
        return;
    }
    cgi_buf_reset(&srv->body);
    if (p->json) {
        if (!json_out(srv, ps_json_results(c.r, &o)))
            srv->body.oom = 1;
        respond(srv, rq, 200, "application/json");
    } else {
        px_results *outlets = outlet_facets(srv, &o, &t0);
        cgi_html_results(&srv->body, p, c.r, outlets ? outlets : c.r,
                         px_index_language(srv->ix));
        respond(srv, rq, 200, "text/html; charset=utf-8");
        px_results_free(outlets);
    }
    px_results_free(c.r);
}

/* A JSON client should get JSON errors even when the parameter that is
** wrong comes before format=json. */
static int wants_json(const char *qs)
{
    for (const char *s = qs; s && (s = strstr(s, "format=json")); s++)
        if ((s == qs || s[-1] == '&') && (s[11] == '\0' || s[11] == '&'))
            return 1;
    return 0;
}

static void handle(cgi_server *srv, cgi_request *rq)
{
    const char *method = FCGX_GetParam("REQUEST_METHOD", rq->envp);
    const char *qs = FCGX_GetParam("QUERY_STRING", rq->envp);
    char msg[CGI_ERR_MAX];
    cgi_params p;
    int rc = cgi_params_parse(qs, &p, msg, sizeof msg);
    rq->head_only = method && strcmp(method, "HEAD") == 0;
    if (method && strcmp(method, "GET") != 0 && !rq->head_only)
        respond_error(srv, rq, 405, wants_json(qs), "Method not allowed",
                      "This page only answers GET and HEAD requests.", NULL);
    else if (rc == CGI_PARAMS_NOMEM)
        respond_error(srv, rq, 500, 0, "Server error", "out of memory", NULL);
    else if (rc != CGI_PARAMS_OK)
        respond_error(srv, rq, 400, p.json || wants_json(qs), "Bad request",
                      msg, NULL);
    else if (!srv->setup.env)
        respond_error(srv, rq, 503, p.json, "Archive unavailable",
                      "The search page is not set up correctly; the "
                      "server's error log says why.", &p);
    else if (!srv->db || !*srv->db) {
        fprintf(stderr, "pressdex.cgi: PRESSDEX_DB is not set in the "
                "server's environment for this program\n");
        respond_error(srv, rq, 503, p.json, "Archive unavailable",
                      "The server does not say which archive to search "
                      "(PRESSDEX_DB is not configured).", &p);
    } else if (p.id)
        serve_article(srv, rq, &p);
    else
        serve_search(srv, rq, &p);
    cgi_params_free(&p);
}

static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
    FCGX_ShutdownPending();
}

/* The FastCGI loop.  SIGTERM (sent by the server on shutdown) interrupts
** the accept and ends the loop, so the process exits normally. */
static int serve_fastcgi(cgi_server *srv)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);   /* no SA_RESTART: accept must fail */
    sigaction(SIGINT, &sa, NULL);
    if (FCGX_Init() != 0)
        return 1;
    FCGX_Request req;
    FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR);
    while (!stopping && FCGX_Accept_r(&req) >= 0) {
        cgi_request rq = {req.envp, req.out, 0};
        handle(srv, &rq);
        FCGX_Finish_r(&req);
    }
    FCGX_Free(&req, 1);
    return 0;
}

#ifndef PS_VERSION
#define PS_VERSION "unknown"
#endif

int main(int argc, char **argv)
{
    /* --version only from a shell: a web server may pass an ISINDEX
    ** query's words as arguments (RFC 3875, 4.4), and sets
    ** GATEWAY_INTERFACE when it does. */
    if (argc == 2 && strcmp(argv[1], "--version") == 0 &&
        !getenv("GATEWAY_INTERFACE")) {
        printf("pressdex.cgi %s\n", PS_VERSION);
        return 0;
    }
    cgi_server srv = {0};
    signal(SIGPIPE, SIG_IGN);
    /* The page searches only the index its server configured: never a
    ** default location, and never one a request names. */
    srv.db = getenv("PRESSDEX_DB");
    px_search_setup setup = {.db = srv.db ? srv.db : "",
                             .default_time_limit = CGI_TIME_LIMIT};
    px_err err = {""};
    if (ps_setup_init(&srv.setup, &setup, &err) != PX_OK)
        fprintf(stderr, "pressdex.cgi: %s\n", err.msg);
    else if (px_search_env_warning(srv.setup.env))
        fprintf(stderr, "pressdex.cgi: %s\n",
                px_search_env_warning(srv.setup.env));
    int rc = 0;
    if (FCGX_IsCGI()) {
        cgi_request rq = {environ, NULL, 0};
        handle(&srv, &rq);
        rc = fflush(stdout) == 0 ? 0 : 1;
    } else {
        rc = serve_fastcgi(&srv);
    }
    server_close_index(&srv);
    ps_setup_free(&srv.setup);
    cgi_buf_free(&srv.body);
    return rc;
}
