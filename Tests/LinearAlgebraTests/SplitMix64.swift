import LinearAlgebra

/// Seeded SplitMix64 generator (Steele, Lea & Flood 2014), so test data are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func nextSigned() -> Float { Float.random(in: -1..<1, using: &self) }
}

/// A rows×columns matrix of values uniform in [-1, 1), each row scaled to unit length when `normalized`.
func randomMatrix(rows: Int, columns: Int, seed: UInt64, normalized: Bool = true) -> Matrix {
    var generator = SplitMix64(seed: seed)
    var matrix = Matrix(rows: rows, columns: columns)
    for r in 0..<rows {
        var norm: Float = 0
        for c in 0..<columns {
            let value = generator.nextSigned()
            matrix[r, c] = value
            norm += value * value
        }
        if normalized && norm > 0 {
            let scale = 1 / norm.squareRoot()
            for c in 0..<columns { matrix[r, c] *= scale }
        }
    }
    return matrix
}
