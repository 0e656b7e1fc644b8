/// Converts the bytes of a valid JSON number to the nearest Float32 (correctly rounded, ties to even),
/// without allocating in the common case.
///
/// Fast path: the first 19 significant digits form an integer `m` (later digits are dropped) and, when the
/// decimal exponent `e` is within `minimumExponent...maximumExponent`, `D = Double(m) · P` where `P` is
/// the Double nearest `10^e` (a compile-time literal). Truncation (relative error < 1e-18), rounding `m`,
/// rounding `P` and the one multiplication (≤ 2^-53 relative each) leave `D` within 4 Double ulps of the
/// true value, so `Float(D)` is the correctly rounded Float unless `D` lies within 8 ulps of a midpoint
/// between two Floats (the 29 Double fraction bits below Float's precision near `1000…0`; the overflow
/// threshold is such a midpoint too) or below Float's normal range. Those rare values, and exponents
/// outside the table, go through `Float(String)`, the standard library's correctly rounded,
/// locale-independent conversion. Values beyond Float's range become ±infinity (the caller reports them).
enum DecimalToFloat {
    /// The smallest and largest decimal exponents of the table.
    static let minimumExponent = -64
    static let maximumExponent = 40

    /// The Doubles nearest 10^-64 … 10^40.
    private static let powersOfTen: [Double] = [
        1e-64, 1e-63, 1e-62, 1e-61, 1e-60, 1e-59, 1e-58, 1e-57,
        1e-56, 1e-55, 1e-54, 1e-53, 1e-52, 1e-51, 1e-50, 1e-49,
        1e-48, 1e-47, 1e-46, 1e-45, 1e-44, 1e-43, 1e-42, 1e-41,
        1e-40, 1e-39, 1e-38, 1e-37, 1e-36, 1e-35, 1e-34, 1e-33,
        1e-32, 1e-31, 1e-30, 1e-29, 1e-28, 1e-27, 1e-26, 1e-25,
        1e-24, 1e-23, 1e-22, 1e-21, 1e-20, 1e-19, 1e-18, 1e-17,
        1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9,
        1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1,
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
        1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23,
        1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
        1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39,
        1e40,
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
        return compose(mantissa: mantissa, exponent: exponent, negative: negative)
    }

    /// `±mantissa · 10^exponent` as a Float when the fast path can decide it (see the type's comment),
    /// else `nil`. `mantissa` holds at most 19 significant digits (less than 10^19).
    @inline(__always)
    static func compose(mantissa: UInt64, exponent: Int, negative: Bool) -> Float? {
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard exponent >= minimumExponent && exponent <= maximumExponent else { return nil }
        let value = Double(mantissa) * powersOfTen[exponent - minimumExponent]
        guard value >= Double(Float.leastNormalMagnitude) else { return nil }
        // Distance, in Double ulps, from the midpoint between the two nearest Floats.
        let lowBits = Int(truncatingIfNeeded: value.bitPattern & ((1 << 29) - 1))
        guard abs(lowBits - (1 << 28)) > 8 else { return nil }
        let result = Float(value)
        return negative ? -result : result
    }
}
