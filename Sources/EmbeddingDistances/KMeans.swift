import AssayUtilities
import LinearAlgebra

/// The result of ``KMeans/fit(_:clusters:restarts:maxIterations:seed:)``: the best of the restarts by inertia.
public struct KMeansResult: Sendable, Equatable {
    /// K×m centroids, one per row (a cluster that ends empty keeps its last centroid).
    public let centroids: Matrix
    /// The cluster of each input row, in `0..<K`: its nearest centroid (ties to the lower cluster index).
    public let assignments: [Int]
    /// Σ over rows of the squared Euclidean distance to the assigned centroid.
    public let inertia: Double
    /// Lloyd iterations (centroid updates) the kept restart ran.
    public let iterations: Int
    /// Which restart (0-based) was kept: the lowest inertia, ties to the earlier restart.
    public let restart: Int
}

/// Lloyd's k-means with seeded k-means++ initialisation, distances through GEMM.
///
/// Each restart draws its own k-means++ start from one ``SplitMix64`` stream seeded with `seed`: the first
/// centroid is a uniformly drawn row, each next one a row drawn with probability proportional to its squared
/// distance to the nearest centroid chosen so far (Arthur & Vassilvitskii 2007, one trial per step). Lloyd
/// iterations then alternate assignment (nearest centroid, ties to the lower index) and update (the mean of
/// each cluster, accumulated in double precision) until no assignment changes or `maxIterations` updates have
/// run; the assignments returned always belong to the returned centroids.
///
/// Distances are ‖x‖² − 2 x·c + ‖c‖², with x·c for a block of rows and all centroids from one `sgemm`
/// (``LinearAlgebra/Matrix/multiplied(by:alpha:)``), clamped at 0.
///
/// **Empty clusters.** When an assignment step leaves clusters empty, each empty cluster takes, in cluster
/// order, the row farthest from its own centroid (ties to the lower row index) among the rows whose cluster
/// has more than one member; that row moves to the empty cluster before the update (scikit-learn's rule).
/// A cluster stays empty only when no such row exists (fewer distinct rows than clusters).
///
/// The result depends only on the input, the parameters and `seed` (the BLAS thread count can change the last
/// bits of the distances, and so near-tie assignments).
public enum KMeans {
    /// Rows per GEMM block: the distance tile is at most `blockRows`×K floats.
    static let blockRows = 2048

    /// Clusters the rows of `x` into `clusters` groups, keeping the best of `restarts` runs by inertia.
    ///
    /// - Parameters:
    ///   - x: n×m rows (finite values; not checked here).
    ///   - clusters: K, in `1...n`.
    ///   - restarts: independent k-means++ starts, at least 1.
    ///   - maxIterations: Lloyd updates per restart, at least 0.
    ///   - seed: the SplitMix64 seed of every random choice.
    /// - Returns: the kept restart (lowest inertia, ties to the earlier restart): its centroids, the cluster of
    ///   each row, its inertia, its iteration count and its index.
    /// - Throws: ``EmbeddingDistanceError/invalidParameter(name:reason:)`` for K outside `1...n`,
    ///   `restarts < 1` or `maxIterations < 0`.
    /// - Complexity: O(restarts · (n·K·m + iterations · n·K·m)) time, the n·K·m terms in `sgemm`
    ///   (k-means++ needs K matrix–vector products of n×m); memory O(n·m + K·m + 2048·K).
    public static func fit(
        _ x: Matrix, clusters: Int, restarts: Int = 5, maxIterations: Int = 500, seed: UInt64
    ) throws(EmbeddingDistanceError) -> KMeansResult {
        guard clusters >= 1, clusters <= x.rows else {
            throw .invalidParameter(
                name: "clusters", reason: "must be between 1 and the \(x.rows) rows, got \(clusters)")
        }
        guard restarts >= 1 else { throw .invalidParameter(name: "restarts", reason: "must be at least 1") }
        guard maxIterations >= 0 else { throw .invalidParameter(name: "max_iterations", reason: "must be at least 0") }
        let data = BlockedRows(x)
        var generator = SplitMix64(seed: seed)
        var best: KMeansResult?
        for restart in 0..<restarts {
            let initial = plusPlusInitialisation(data, clusters: clusters, generator: &generator)
            let run = lloyd(data, centroids: initial, maxIterations: maxIterations, restart: restart)
            if let current = best, current.inertia <= run.inertia { continue }
            best = run
        }
        // restarts >= 1, so best is set.
        return best
            ?? KMeansResult(
                centroids: Matrix(rows: 0, columns: x.columns), assignments: [], inertia: 0, iterations: 0, restart: 0)
    }

    /// k-means++: K row indices' values as a K×m row-major array (double).
    static func plusPlusInitialisation(
        _ data: BlockedRows, clusters: Int, generator: inout SplitMix64
    ) -> [Double] {
        let n = data.rows
        let m = data.columns
        var centroids = [Double](repeating: 0, count: clusters * m)
        var nearest = [Double](repeating: .infinity, count: n)
        var chosen = generator.index(below: n)
        for c in 0..<clusters {
            for j in 0..<m { centroids[c * m + j] = Double(data.storage[chosen * m + j]) }
            if c == clusters - 1 { break }
            // squared distances of every row to the new centroid, by matrix-vector products per block
            let centre = makeMatrix(rows: m, columns: 1, storage: Array(data.storage[(chosen * m)..<(chosen * m + m)]))
            let centreNorm = data.norms[chosen]
            for (blockIndex, block) in data.blocks.enumerated() {
                let start = blockIndex * KMeans.blockRows
                let products = (try? block.multiplied(by: centre))?.storage ?? []
                for r in 0..<min(products.count, block.rows) {
                    let d2 = max(0, data.norms[start + r] + centreNorm - 2 * Double(products[r]))
                    if d2 < nearest[start + r] { nearest[start + r] = d2 }
                }
            }
            var total = 0.0
            for value in nearest { total += value }
            if total > 0 {
                let target = Double(generator.next() >> 11) * 0x1p-53 * total
                var cumulative = 0.0
                var pick = -1
                for i in 0..<n where nearest[i] > 0 {
                    cumulative += nearest[i]
                    pick = i
                    if cumulative > target { break }
                }
                chosen = max(pick, 0)
            } else {
                // every row coincides with a chosen centroid: any row, uniformly (the cluster may end empty)
                chosen = generator.index(below: n)
            }
        }
        return centroids
    }

    static func lloyd(_ data: BlockedRows, centroids initial: [Double], maxIterations: Int, restart: Int)
        -> KMeansResult
    {
        let n = data.rows
        let m = data.columns
        let k = initial.count / max(m, 1)
        var centroids = initial
        var labels = [Int](repeating: -1, count: n)
        var distances = [Double](repeating: 0, count: n)
        var iterations = 0
        while true {
            let changed = assign(data, centroids: centroids, clusters: k, labels: &labels, distances: &distances)
            if changed == 0 || iterations == maxIterations { break }
            relocateEmptyClusters(labels: &labels, distances: distances, clusters: k)
            update(data, labels: labels, clusters: k, centroids: &centroids)
            iterations += 1
        }
        var inertia = 0.0
        for value in distances { inertia += value }
        let matrix = makeMatrix(rows: k, columns: m, storage: centroids.map { Float($0) })
        return KMeansResult(
            centroids: matrix, assignments: labels, inertia: inertia, iterations: iterations, restart: restart)
    }

    /// Nearest-centroid assignment through one GEMM per row block; returns how many labels changed.
    static func assign(
        _ data: BlockedRows, centroids: [Double], clusters k: Int, labels: inout [Int], distances: inout [Double]
    ) -> Int {
        let m = data.columns
        var transposed = [Float](repeating: 0, count: m * k)
        var centroidNorms = [Double](repeating: 0, count: k)
        for c in 0..<k {
            var norm = 0.0
            for j in 0..<m {
                let value = Float(centroids[c * m + j])
                transposed[j * k + c] = value
                norm += Double(value) * Double(value)
            }
            centroidNorms[c] = norm
        }
        let centroidMatrix = makeMatrix(rows: m, columns: k, storage: transposed)
        var changed = 0
        for (blockIndex, block) in data.blocks.enumerated() {
            let start = blockIndex * KMeans.blockRows
            guard let products = try? block.multiplied(by: centroidMatrix), products.storage.count == block.rows * k
            else { continue }
            products.storage.withUnsafeBufferPointer { tile in
                for r in 0..<block.rows {
                    let row = start + r
                    let norm = data.norms[row]
                    var bestCluster = 0
                    var bestDistance = Double.infinity
                    for c in 0..<k {
                        let d2 = norm + centroidNorms[c] - 2 * Double(tile[r * k + c])
                        if d2 < bestDistance {
                            bestDistance = d2
                            bestCluster = c
                        }
                    }
                    if labels[row] != bestCluster { changed += 1 }
                    labels[row] = bestCluster
                    distances[row] = max(0, bestDistance)
                }
            }
        }
        return changed
    }

    /// Moves the farthest rows of clusters with more than one member into empty clusters.
    static func relocateEmptyClusters(labels: inout [Int], distances: [Double], clusters k: Int) {
        var counts = [Int](repeating: 0, count: k)
        for label in labels where label >= 0 && label < k { counts[label] += 1 }
        let empty = (0..<k).filter { counts[$0] == 0 }
        guard !empty.isEmpty else { return }
        let order = labels.indices.sorted { a, b in
            distances[a] != distances[b] ? distances[a] > distances[b] : a < b
        }
        var cursor = 0
        for cluster in empty {
            while cursor < order.count && !(labels[order[cursor]] >= 0 && counts[labels[order[cursor]]] > 1) {
                cursor += 1
            }
            guard cursor < order.count else { return }
            let row = order[cursor]
            counts[labels[row]] -= 1
            labels[row] = cluster
            counts[cluster] = 1
            cursor += 1
        }
    }

    /// Centroids = the mean of their rows (double sums); an empty cluster keeps its centroid.
    static func update(_ data: BlockedRows, labels: [Int], clusters k: Int, centroids: inout [Double]) {
        let m = data.columns
        var sums = [Double](repeating: 0, count: k * m)
        var counts = [Int](repeating: 0, count: k)
        data.storage.withUnsafeBufferPointer { values in
            for (row, label) in labels.enumerated() where label >= 0 && label < k {
                counts[label] += 1
                let base = label * m
                let source = row * m
                for j in 0..<m { sums[base + j] += Double(values[source + j]) }
            }
        }
        for c in 0..<k where counts[c] > 0 {
            let scale = 1 / Double(counts[c])
            for j in 0..<m { centroids[c * m + j] = sums[c * m + j] * scale }
        }
    }
}

/// Rows of a matrix split into GEMM blocks of ``KMeans/blockRows``, with their squared norms.
struct BlockedRows {
    let rows: Int
    let columns: Int
    let storage: [Float]
    let norms: [Double]
    let blocks: [Matrix]

    init(_ x: Matrix) {
        rows = x.rows
        columns = x.columns
        storage = x.storage
        var norms = [Double](repeating: 0, count: x.rows)
        for r in 0..<x.rows {
            var sum = 0.0
            for j in 0..<x.columns {
                let value = Double(x.storage[r * x.columns + j])
                sum += value * value
            }
            norms[r] = sum
        }
        self.norms = norms
        var blocks: [Matrix] = []
        var start = 0
        while start < x.rows {
            let count = min(KMeans.blockRows, x.rows - start)
            blocks.append(
                makeMatrix(
                    rows: count, columns: x.columns,
                    storage: Array(x.storage[(start * x.columns)..<((start + count) * x.columns)])))
            start += count
        }
        self.blocks = blocks
    }
}

/// A matrix over storage whose size the caller has already made `rows * columns`.
func makeMatrix(rows: Int, columns: Int, storage: [Float]) -> Matrix {
    (try? Matrix(rows: rows, columns: columns, storage: storage)) ?? Matrix(rows: rows, columns: columns)
}
