#include "chnsw.h"

#include <hnswlib/hnswlib.h>

#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <new>

struct chnsw_index {
    std::unique_ptr<hnswlib::InnerProductSpace> space;
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
    size_t dimension;
};

static void report(char *error, size_t error_size, const char *message) {
    if (error == nullptr || error_size == 0) return;
    std::strncpy(error, message, error_size - 1);
    error[error_size - 1] = '\0';
}

extern "C" chnsw_index *chnsw_create(int32_t dimension, int64_t capacity, int32_t m, int32_t ef_construction,
                                     uint64_t seed, char *error, size_t error_size) {
    if (dimension < 1 || capacity < 1 || m < 2 || ef_construction < 1) {
        report(error, error_size, "invalid HNSW parameters");
        return nullptr;
    }
    try {
        auto index = std::make_unique<chnsw_index>();
        index->dimension = static_cast<size_t>(dimension);
        index->space = std::make_unique<hnswlib::InnerProductSpace>(index->dimension);
        index->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(
            index->space.get(), static_cast<size_t>(capacity), static_cast<size_t>(m),
            static_cast<size_t>(ef_construction), static_cast<size_t>(seed));
        return index.release();
    } catch (const std::bad_alloc &) {
        report(error, error_size, "not enough memory for the HNSW index");
    } catch (const std::exception &e) {
        report(error, error_size, e.what());
    }
    return nullptr;
}

extern "C" int32_t chnsw_add(chnsw_index *index, const float *rows, int64_t count, int64_t first_label, char *error,
                             size_t error_size) {
    try {
        for (int64_t row = 0; row < count; ++row) {
            index->graph->addPoint(rows + static_cast<size_t>(row) * index->dimension,
                                   static_cast<hnswlib::labeltype>(first_label + row));
        }
        return 0;
    } catch (const std::bad_alloc &) {
        report(error, error_size, "not enough memory while inserting into the HNSW index");
    } catch (const std::exception &e) {
        report(error, error_size, e.what());
    }
    return -1;
}

extern "C" void chnsw_set_ef(chnsw_index *index, int32_t ef) { index->graph->setEf(static_cast<size_t>(ef)); }

extern "C" int32_t chnsw_search(const chnsw_index *index, const float *queries, int64_t count, int32_t k,
                                int64_t *labels, float *distances, char *error, size_t error_size) {
    try {
        const size_t width = static_cast<size_t>(k);
        for (int64_t query = 0; query < count; ++query) {
            auto found = index->graph->searchKnn(queries + static_cast<size_t>(query) * index->dimension, width);
            // The queue holds the farthest first; fill from the back so the nearest comes first.
            size_t slot = found.size();
            int64_t *rowLabels = labels + static_cast<size_t>(query) * width;
            float *rowDistances = distances + static_cast<size_t>(query) * width;
            for (size_t j = slot; j < width; ++j) {
                rowLabels[j] = -1;
                rowDistances[j] = std::numeric_limits<float>::infinity();
            }
            while (!found.empty()) {
                --slot;
                rowLabels[slot] = static_cast<int64_t>(found.top().second);
                rowDistances[slot] = found.top().first;
                found.pop();
            }
        }
        return 0;
    } catch (const std::bad_alloc &) {
        report(error, error_size, "not enough memory while searching the HNSW index");
    } catch (const std::exception &e) {
        report(error, error_size, e.what());
    }
    return -1;
}

extern "C" int64_t chnsw_count(const chnsw_index *index) {
    return static_cast<int64_t>(index->graph->cur_element_count);
}

extern "C" void chnsw_free(chnsw_index *index) { delete index; }
