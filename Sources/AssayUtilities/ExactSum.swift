/// Correctly rounded floating-point sums, as Python's `math.fsum`.
public enum ExactSum {
    /// The sum of `values` rounded once (Shewchuk's algorithm with exact partials, as CPython's `fsum`).
    ///
    /// - Complexity: O(n) for well-scaled input.
    @inlinable
    public static func fsum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var partials: [Double] = []
        for value in values {
            var x = value
            var kept = 0
            for i in 0..<partials.count {
                var y = partials[i]
                if abs(x) < abs(y) { swap(&x, &y) }
                let high = x + y
                let low = y - (high - x)
                if low != 0 {
                    partials[kept] = low
                    kept += 1
                }
                x = high
            }
            partials.removeSubrange(kept...)
            partials.append(x)
        }
        // Add the partials from the top, with CPython's half-way correction.
        guard var index = partials.indices.last else { return 0 }
        var high = partials[index]
        var low = 0.0
        while index > 0 {
            index -= 1
            let x = high
            let y = partials[index]
            high = x + y
            let yr = high - x
            low = y - yr
            if low != 0 { break }
        }
        if index > 0 && ((low < 0 && partials[index - 1] < 0) || (low > 0 && partials[index - 1] > 0)) {
            let y = low * 2
            let x = high + y
            let yr = x - high
            if y == yr { high = x }
        }
        return high
    }
}
