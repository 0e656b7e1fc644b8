import AssayUtilities
import CHNSW
import Dispatch
import LinearAlgebra

/// The parameters of an HNSW index (hnswlib's names in brackets); the defaults reach recall@10 above
/// 0.99 on sentence embeddings (see `Benchmarks/README.md`).
public struct HNSWParameters: Sendable, Equatable, Codable {
    /// Links per node and layer [`M`]; memory grows with it (2·M links in the bottom layer).
    public var links: Int
    /// Candidates kept while inserting [`ef_construction`]: a better graph for a slower build.
    public var constructionCandidates: Int
    /// Candidates kept while searching [`ef`], at least k: higher recall for slower queries.
    public var searchCandidates: Int
    /// Seed of the level each node is drawn at.
    public var seed: UInt64

    /// Parameters; by default M = 16, ef_construction = 100, ef = 64, seed 100 (hnswlib's).
    public init(links: Int = 16, constructionCandidates: Int = 100, searchCandidates: Int = 64, seed: UInt64 = 100) {
        self.links = links
        self.constructionCandidates = constructionCandidates
        self.searchCandidates = searchCandidates
        self.seed = seed
    }
}

/// An approximate nearest-neighbour index by cosine similarity over unit vectors: a hierarchical navigable
/// small-world graph (Malkov & Yashunin 2018) built by hnswlib (Debian's `libhnswlib-dev`).
///
/// Rows are inserted in row order on one thread, so the same rows and parameters give the same graph and
/// the same neighbours, whatever the number of search threads.
public final class HNSWIndex: @unchecked Sendable {
    // The handle is written only in `init`; hnswlib's searches are safe from several threads at once.
    private let handle: OpaquePointer
    /// Number of indexed rows.
    public let count: Int
    /// Length of the vectors.
    public let dimension: Int
    /// The parameters it was built with.
    public let parameters: HNSWParameters

    /// Builds the index over `rows` (unit vectors; similarities are dot products), row `i` labelled `i`.
    ///
    /// - Throws: ``NeighbourGraphsError/nonFinite(row:)`` for a row with NaN or an infinity;
    ///   ``NeighbourGraphsError/index(_:)`` when hnswlib fails (out of memory, invalid parameters).
    /// - Complexity: about O(N · log N · M · ef_construction · d) time, O(N · (d + 2M)) memory.
    public init(_ rows: MatrixRows, parameters: HNSWParameters = HNSWParameters()) throws(NeighbourGraphsError) {
        try NeighbourSweep.checkFinite(rows)
        guard parameters.links >= 2, parameters.constructionCandidates >= 1, parameters.searchCandidates >= 1,
            parameters.links <= 1024, parameters.constructionCandidates <= 1 << 16,
            parameters.searchCandidates <= 1 << 16
        else { throw .index("invalid parameters \(parameters)") }
        var message = [CChar](repeating: 0, count: 256)
        let capacity = Int64(max(rows.count, 1))
        guard
            let created = chnsw_create(
                Int32(rows.columns), capacity, Int32(parameters.links), Int32(parameters.constructionCandidates),
                parameters.seed, &message, message.count)
        else { throw .index(Self.text(message)) }
        let status = rows.withUnsafeBufferPointer { values in
            chnsw_add(created, values.baseAddress, Int64(rows.count), 0, &message, message.count)
        }
        guard status == 0 else {
            chnsw_free(created)
            throw .index(Self.text(message))
        }
        chnsw_set_ef(created, Int32(parameters.searchCandidates))
        handle = created
        count = rows.count
        dimension = rows.columns
        self.parameters = parameters
    }

    deinit { chnsw_free(handle) }

    /// The NUL-terminated message the C interface wrote into `buffer`.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The `k` approximate nearest indexed rows of every query row, best first, similarity = dot product
    /// (1 − hnswlib's inner-product distance). With `excludingSameIndex` (the queries are the indexed rows
    /// themselves) each query's own row is left out. Queries run in blocks on every core.
    ///
    /// - Throws: ``NeighbourGraphsError/dimensionMismatch(first:second:)``,
    ///   ``NeighbourGraphsError/nonFinite(row:)`` or ``NeighbourGraphsError/index(_:)``.
    /// - Complexity: about O(Q · log N · max(ef, k) · d).
    public func search(_ queries: MatrixRows, k: Int, excludingSameIndex: Bool = false) throws(NeighbourGraphsError)
        -> NeighbourList
    {
        precondition(k >= 1, "k must be at least 1")
        guard queries.columns == dimension else {
            throw .dimensionMismatch(first: queries.columns, second: dimension)
        }
        try NeighbourSweep.checkFinite(queries)
        let asked = excludingSameIndex ? k + 1 : k
        let blockSize = 256
        let blocks = (queries.count + blockSize - 1) / blockSize
        let found = ResultSlots<Result<(labels: [Int64], distances: [Float]), NeighbourGraphsError>>(count: blocks)
        queries.withUnsafeBufferPointer { values in
            let base = UnsafeSendable(values.baseAddress)
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let start = block * blockSize
                let rows = min(blockSize, queries.count - start)
                var labels = [Int64](repeating: -1, count: rows * asked)
                var distances = [Float](repeating: .infinity, count: rows * asked)
                var message = [CChar](repeating: 0, count: 256)
                let status = chnsw_search(
                    handle, base.value.map { $0 + start * dimension }, Int64(rows), Int32(asked), &labels,
                    &distances, &message, message.count)
                if status == 0 {
                    found.store(.success((labels, distances)), at: block)
                } else {
                    let text = Self.text(message)
                    found.store(.failure(.index(text)), at: block)
                }
            }
        }
        var indices: [Int32] = []
        var similarities: [Float] = []
        indices.reserveCapacity(queries.count * k)
        similarities.reserveCapacity(queries.count * k)
        for (block, outcome) in found.values.enumerated() {
            let (labels, distances) = try outcome.get()
            for row in 0..<(labels.count / asked) {
                let query = block * blockSize + row
                var kept = 0
                for slot in 0..<asked where kept < k {
                    let label = labels[row * asked + slot]
                    if excludingSameIndex && label == Int64(query) { continue }
                    if label < 0 {
                        indices.append(-1)
                        similarities.append(-.infinity)
                    } else {
                        indices.append(Int32(label))
                        similarities.append(1 - distances[row * asked + slot])
                    }
                    kept += 1
                }
            }
        }
        return NeighbourList(k: k, indices: indices, similarities: similarities)
    }
}

/// A pointer handed to concurrent blocks that only read through it.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
