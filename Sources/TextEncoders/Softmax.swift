/// Row-wise softmax for attention scores, with a branch-free `exp` the compiler vectorises.
enum Softmax {
    /// eˣ for x ≤ 0 (Cephes' `expf`: x = n·ln 2 + r, a degree-6 polynomial in r, 2ⁿ from the exponent bits),
    /// within 2e-7 relative error of libm on [−87, 0]; arguments below −87 give about 1e-38 instead of 0.
    ///
    /// - Complexity: O(1), no branches.
    @inline(__always)
    static func exp(_ value: Float) -> Float {
        let x = max(value, -87)
        let n = (x * 1.442_695 + 0.5).rounded(.down)
        let r = x - n * 0.693_359_4 - n * -2.121_944_4e-4
        var y: Float = 1.987_569_1e-4
        y = y * r + 1.398_2e-3
        y = y * r + 8.333_452e-3
        y = y * r + 4.166_579_6e-2
        y = y * r + 0.166_666_65
        y = y * r + 0.5
        y = y * (r * r) + r + 1
        // 2ⁿ without a checked Float → Int conversion: n + 1.5·2²³ holds n in the low mantissa bits.
        let biased = (n + 12_582_912).bitPattern &- 0x4B40_0000 &+ 127
        return y * Float(bitPattern: biased << 23)
    }

    /// Softmax of each row of a row-major `rows × columns` block, in place (the row maximum subtracted first).
    ///
    /// - Complexity: O(rows · columns).
    static func rows(_ scores: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int) {
        guard let base = scores.baseAddress, columns > 0 else { return }
        precondition(scores.count >= rows * columns, "softmax: block is too small")
        let wide = columns / 8 * 8
        for r in 0..<rows {
            let row = base + r * columns
            let raw = UnsafeMutableRawPointer(row)
            var largest8 = SIMD8<Float>(repeating: -.greatestFiniteMagnitude)
            for j in stride(from: 0, to: wide, by: 8) {
                let values = raw.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
                largest8.replace(with: values, where: values .> largest8)
            }
            var largest = largest8.max()
            for j in wide..<columns { largest = Swift.max(largest, row[j]) }
            for j in 0..<columns { row[j] = exp(row[j] - largest) }
            var sum8 = SIMD8<Float>()
            for j in stride(from: 0, to: wide, by: 8) {
                sum8 += raw.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self)
            }
            var sum = sum8.sum()
            for j in wide..<columns { sum += row[j] }
            let inverse = 1 / sum
            for j in 0..<columns { row[j] *= inverse }
        }
    }
}
