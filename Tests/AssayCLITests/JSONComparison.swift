import Foundation

/// Compares two parsed JSON documents: keys, strings, booleans and nulls exactly, numbers within a
/// relative tolerance.
enum JSONComparison {
    /// Where `actual` and `expected` differ, as `path: what` lines (empty when they agree).
    static func differences(_ actual: Any, _ expected: Any, tolerance: Double, path: String = "$") -> [String] {
        switch (actual, expected) {
        case (let a as [String: Any], let b as [String: Any]):
            guard Set(a.keys) == Set(b.keys) else {
                return ["\(path): keys \(a.keys.sorted()) != \(b.keys.sorted())"]
            }
            return b.keys.sorted().flatMap { key in
                differences(a[key] ?? NSNull(), b[key] ?? NSNull(), tolerance: tolerance, path: "\(path).\(key)")
            }
        case (let a as [Any], let b as [Any]):
            guard a.count == b.count else { return ["\(path): \(a.count) elements != \(b.count)"] }
            return zip(a, b).enumerated().flatMap { index, pair in
                differences(pair.0, pair.1, tolerance: tolerance, path: "\(path)[\(index)]")
            }
        case (let a as String, let b as String):
            return a == b ? [] : ["\(path): \"\(a)\" != \"\(b)\""]
        case (let a as NSNumber, let b as NSNumber):
            let (x, y) = (a.doubleValue, b.doubleValue)
            return abs(x - y) <= tolerance * max(1, abs(y)) ? [] : ["\(path): \(x) != \(y)"]
        case (is NSNull, is NSNull):
            return []
        default:
            return ["\(path): \(actual) != \(expected)"]
        }
    }
}
