/// Converts the bytes of a valid JSON number to the nearest Float32 (correctly rounded, ties to even),
/// without allocating in the common case.
///
/// Fast path: the first 19 significant digits form an integer `m` (later digits are dropped) and, when the
/// decimal exponent `e` is within ±22, `D = Double(m) · 10^e` (or `/ 10^−e`; `10^|e|` is an exact Double).
/// Truncation (relative error < 1e-18), the conversion of `m` and the one multiplication or division
/// (≤ 2^-53 each) leave `D` within 3 Double ulps of the true value, so `Float(D)` is the correctly rounded
/// Float unless `D` lies within 8 ulps of a midpoint between two Floats (the 29 Double fraction bits below
/// Float's precision near `1000…0`) or below Float's normal range. Those rare values, and exponents beyond
/// ±22, go through `Float(String)`, the standard library's correctly rounded, locale-independent
/// conversion. Values beyond Float's range become ±infinity (the caller reports them).
enum DecimalToFloat {
    /// Exact powers of ten, 10^0 … 10^22.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// The Float nearest to the JSON number spelled by `bytes[from..<to]` (which must match the JSON
    /// number grammar).
    ///
    /// - Complexity: O(to − from).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Float {
        if let fast = fastPath(bytes, from: from, to: to) { return fast }
        let spelling = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        return Float(spelling) ?? .nan
    }

    /// The fast path's result, or `nil` when the slow path must decide.
    static func fastPath(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Float? {
        var index = from
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        while index < to {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            if digits < 19 {
                if mantissa != 0 || digit != 0 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(digit)
            } else {
                exponent += 1
            }
            index += 1
        }
        if index < to && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < to {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if digits < 19 {
                    if mantissa != 0 || digit != 0 { digits += 1 }
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    exponent -= 1
                }
                index += 1
            }
        }
        if index < to {
            // An exponent: [eE][+-]?digits.
            index += 1
            var exponentNegative = false
            if index < to && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            while index < to {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                written = written * 10 + Int(digit)
                if written > 100_000 { return nil }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard exponent >= -22 && exponent <= 22 else { return nil }
        var value = Double(mantissa)
        if exponent < 0 {
            value /= powersOfTen[-exponent]
        } else {
            value *= powersOfTen[exponent]
        }
        guard value >= Double(Float.leastNormalMagnitude) else { return nil }
        // Distance, in Double ulps, from the midpoint between the two nearest Floats.
        let lowBits = Int(truncatingIfNeeded: value.bitPattern & ((1 << 29) - 1))
        guard abs(lowBits - (1 << 28)) > 8 else { return nil }
        let result = Float(value)
        return negative ? -result : result
    }
}
