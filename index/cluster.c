/*
** cluster.c — MinHash over word shingles, and LSH band keys.
**
** Words are case-folded runs of letters and digits; a shingle is
** PX_SHINGLE_WORDS consecutive words, hashed with 64-bit FNV-1a.  Each of
** the PX_MINHASH_SIZE signature values is the minimum over all shingles of
** the shingle hash mixed with a per-position seed (a splitmix64 finaliser),
** so two texts agree on a position with probability equal to the Jaccard
** similarity of their shingle sets.
*/
#include <ctype.h>
#include <string.h>

#include "cluster.h"

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* Hash of the next word at *p (advancing past it), or 0 at the end. */
static uint64_t next_word(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    while (*s && !(isalnum(*s) || *s >= 0x80))
        s++;
    if (!*s) {
        *p = (const char *)s;
        return 0;
    }
    uint64_t h = 0xcbf29ce484222325ULL;
    while (*s && (isalnum(*s) || *s >= 0x80)) {
        h ^= (uint64_t)tolower(*s++);
        h *= 0x100000001b3ULL;
    }
    *p = (const char *)s;
    return h | 1;   /* never 0, which marks the end */
}

int px_minhash(const char *text, uint32_t sig[PX_MINHASH_SIZE])
{
    uint64_t window[PX_SHINGLE_WORDS] = {0}, mins[PX_MINHASH_SIZE];
    size_t words = 0;
    for (int i = 0; i < PX_MINHASH_SIZE; i++)
        mins[i] = UINT64_MAX;
    const char *p = text ? text : "";
    uint64_t w;
    while ((w = next_word(&p)) != 0) {
        window[words++ % PX_SHINGLE_WORDS] = w;
        if (words < PX_SHINGLE_WORDS)
            continue;
        uint64_t sh = 0;
        for (size_t k = 0; k < PX_SHINGLE_WORDS; k++)
            sh = mix(sh ^ window[(words + k) % PX_SHINGLE_WORDS]);
        for (int i = 0; i < PX_MINHASH_SIZE; i++) {
            uint64_t v = mix(sh ^ (0x5bd1e995ULL * (uint64_t)(i + 1)));
            if (v < mins[i])
                mins[i] = v;
        }
    }
    if (words < PX_CLUSTER_MIN_WORDS)
        return 0;
    for (int i = 0; i < PX_MINHASH_SIZE; i++)
        sig[i] = (uint32_t)(mins[i] >> 32);
    return 1;
}

double px_minhash_similarity(const uint32_t *a, const uint32_t *b)
{
    int same = 0;
    for (int i = 0; i < PX_MINHASH_SIZE; i++)
        same += a[i] == b[i];
    return (double)same / PX_MINHASH_SIZE;
}

void px_lsh_buckets(const uint32_t sig[PX_MINHASH_SIZE],
                    int64_t out[PX_LSH_BANDS])
{
    const int rows = PX_MINHASH_SIZE / PX_LSH_BANDS;
    for (int b = 0; b < PX_LSH_BANDS; b++) {
        uint64_t h = (uint64_t)b;
        for (int r = 0; r < rows; r++)
            h = mix(h ^ sig[b * rows + r]);
        /* Band number in the top bits keeps bands apart; positive int64. */
        out[b] = (int64_t)(((uint64_t)b << 56) | (h >> 8));
    }
}
