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
        return y * Float(bitPattern: UInt32(truncatingIfNeeded: Int32(n) + 127) << 23)
    }

    /// Softmax of each row of a row-major `rows × columns` block, in place (the row maximum subtracted first).
    ///
    /// - Complexity: O(rows · columns).
    static func rows(_ scores: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let row = UnsafeMutableBufferPointer(rebasing: scores[(r * columns)..<((r + 1) * columns)])
            var largest = -Float.greatestFiniteMagnitude
            for j in 0..<columns { largest = row[j] > largest ? row[j] : largest }
            var sum: Float = 0
            for j in 0..<columns {
                let e = exp(row[j] - largest)
                row[j] = e
                sum += e
            }
            let inverse = 1 / sum
            for j in 0..<columns { row[j] *= inverse }
        }
    }
}
