/*
** cluster.h — MinHash signatures and LSH buckets for recognising
** syndicated copies (parameters in schema.h).  Pure functions, no state.
*/
#ifndef PX_CLUSTER_H
#define PX_CLUSTER_H

#include <stdint.h>

#include "schema.h"

/* Fills sig with the MinHash signature of the text's word shingles.
** Returns 0 (sig untouched) when the text has fewer than
** PX_CLUSTER_MIN_WORDS words. */
int px_minhash(const char *text, uint32_t sig[PX_MINHASH_SIZE]);

/* Fraction of equal positions: an estimate of the Jaccard similarity. */
double px_minhash_similarity(const uint32_t *a, const uint32_t *b);

/* One bucket key per band; articles sharing a bucket are candidates. */
void px_lsh_buckets(const uint32_t sig[PX_MINHASH_SIZE],
                    int64_t out[PX_LSH_BANDS]);

#endif /* PX_CLUSTER_H */
