import AssayUtilities
import LinearAlgebra

/// Seeded test matrices, the same on every run and machine.
public enum RandomMatrices {
    /// `rows`×`columns` values uniform in [−1, 1) from SplitMix64 (`seed`), each row scaled to unit length
    /// when `normalized` (a zero row stays zero).
    public static func uniform(rows: Int, columns: Int, seed: UInt64, normalized: Bool = true) -> Matrix {
        var generator = SplitMix64(seed: seed)
        var values = [Float](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            var norm: Float = 0
            for column in 0..<columns {
                let value = Float.random(in: -1..<1, using: &generator)
                values[row * columns + column] = value
                norm += value * value
            }
            if normalized && norm > 0 {
                let scale = 1 / norm.squareRoot()
                for column in 0..<columns { values[row * columns + column] *= scale }
            }
        }
        return Matrix(uncheckedRows: rows, columns: columns, storage: values)
    }

    /// `rows` unit vectors in `clusters` seeded clusters: each row is its cluster's random centre plus
    /// Gaussian noise of standard deviation `spread` per coordinate, scaled to unit length; rows take the
    /// clusters in turn. Like sentence embeddings, neighbours are mostly in the same cluster.
    public static func clustered(rows: Int, columns: Int, clusters: Int, spread: Float, seed: UInt64) -> Matrix {
        var generator = SplitMix64(seed: seed)
        let centres = (0..<(clusters * columns)).map { _ in generator.nextGaussian() }
        var values = [Float](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            let cluster = row % clusters
            var norm: Float = 0
            for column in 0..<columns {
                let value = centres[cluster * columns + column] + spread * generator.nextGaussian()
                values[row * columns + column] = value
                norm += value * value
            }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 0
            for column in 0..<columns { values[row * columns + column] *= scale }
        }
        return Matrix(uncheckedRows: rows, columns: columns, storage: values)
    }

    /// `rows`×`columns` small integers in `-range...range`: every dot product and squared distance of such
    /// rows is exact in single precision (for modest sizes), so results can be compared for equality and
    /// ties are real ties.
    public static func integers(rows: Int, columns: Int, range: Int, seed: UInt64) -> Matrix {
        var generator = SplitMix64(seed: seed)
        let values = (0..<(rows * columns)).map { _ in Float(generator.index(below: 2 * range + 1) - range) }
        return Matrix(uncheckedRows: rows, columns: columns, storage: values)
    }
}

extension SplitMix64 {
    /// Uniform in [−1, 1).
    public mutating func nextSigned() -> Float { Float.random(in: -1..<1, using: &self) }

    /// Approximately standard normal: the sum of 12 uniforms in [0, 1) minus 6.
    public mutating func nextGaussian() -> Float {
        var sum: Float = 0
        for _ in 0..<12 { sum += Float.random(in: 0..<1, using: &self) }
        return sum - 6
    }
}
