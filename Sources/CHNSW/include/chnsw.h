// A C interface over hnswlib's HierarchicalNSW<float> with the inner-product space (Debian's libhnswlib-dev),
// for Swift. Distances are 1 − dot product: cosine distances for unit vectors. Every function catches the
// library's C++ exceptions and reports them as a message in `error` (NUL-terminated, cut to error_size).
#ifndef CHNSW_H
#define CHNSW_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An HNSW index of float vectors.
typedef struct chnsw_index chnsw_index;

/// A new, empty index for up to `capacity` vectors of `dimension` floats, with `m` links per node and
/// `ef_construction` candidates while inserting; `seed` draws each node's level. NULL on failure.
chnsw_index *chnsw_create(int32_t dimension, int64_t capacity, int32_t m, int32_t ef_construction,
                          uint64_t seed, char *error, size_t error_size);

/// Inserts `count` vectors (row-major, `dimension` floats each) with labels first_label, first_label + 1, …
/// in that order. Calls on disjoint labels may run on several threads at once (the order of insertion then
/// changes the graph). 0 on success, -1 on failure.
int32_t chnsw_add(chnsw_index *index, const float *rows, int64_t count, int64_t first_label, char *error,
                  size_t error_size);

/// Sets the number of candidates kept while searching (at least k is used). Not safe during searches.
void chnsw_set_ef(chnsw_index *index, int32_t ef);

/// For each of `count` queries (row-major, `dimension` floats each), its k nearest vectors, nearest first:
/// `labels[q * k + j]` and `distances[q * k + j]`; label -1 and distance +infinity where the index holds
/// fewer than k vectors. Safe to call from several threads at once. 0 on success, -1 on failure.
int32_t chnsw_search(const chnsw_index *index, const float *queries, int64_t count, int32_t k, int64_t *labels,
                     float *distances, char *error, size_t error_size);

/// Number of vectors inserted.
int64_t chnsw_count(const chnsw_index *index);

/// Frees the index (NULL is ignored).
void chnsw_free(chnsw_index *index);

#ifdef __cplusplus
}
#endif

#endif
