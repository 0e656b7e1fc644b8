import Foundation

/// A set of 64-bit hashes, sorted ascending without repeats; stored in a state as little-endian bytes in
/// base64, and merged by union.
public struct HashSet: Sendable, Equatable, Codable {
    /// The hashes, ascending, each once.
    public private(set) var values: [UInt64]

    /// The set of `hashes` (any order, repeats allowed).
    ///
    /// - Complexity: O(n log n).
    init(_ hashes: some Sequence<UInt64>) {
        var sorted = Array(hashes)
        sorted.sort()
        values = Self.removingRepeats(sorted)
    }

    /// Number of distinct hashes.
    public var count: Int { values.count }

    /// The union of `sets`.
    ///
    /// - Complexity: O(m log m) for m hashes in all.
    static func union(_ sets: [HashSet]) -> HashSet {
        sets.count == 2 ? sets[0].union(sets[1]) : HashSet(sets.lazy.flatMap(\.values))
    }

    /// The union with `other`, by one merge of the two sorted lists.
    ///
    /// - Complexity: O(count + other.count).
    func union(_ other: HashSet) -> HashSet {
        var merged = [UInt64]()
        merged.reserveCapacity(values.count + other.values.count)
        var i = 0
        var j = 0
        while i < values.count && j < other.values.count {
            let (a, b) = (values[i], other.values[j])
            merged.append(min(a, b))
            if a <= b { i += 1 }
            if b <= a { j += 1 }
        }
        merged.append(contentsOf: values[i...])
        merged.append(contentsOf: other.values[j...])
        var set = self
        set.values = merged
        return set
    }

    private static func removingRepeats(_ sorted: [UInt64]) -> [UInt64] {
        var unique = [UInt64]()
        unique.reserveCapacity(sorted.count)
        for value in sorted where unique.last != value { unique.append(value) }
        return unique
    }

    /// Decodes the base64 bytes, checking their length and, for hashes, their order.
    public init(from decoder: any Decoder) throws {
        let data = try decoder.singleValueContainer().decode(Data.self)
        guard data.count % 8 == 0 else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "hash bytes not a multiple of 8"))
        }
        var values = [UInt64](repeating: 0, count: data.count / 8)
        values.withUnsafeMutableBytes { target in data.copyBytes(to: target) }
        values = values.map { UInt64(littleEndian: $0) }
        guard zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "hashes not ascending"))
        }
        self.values = values
    }

    /// Encodes the values as little-endian bytes in base64.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let littleEndian = values.map(\.littleEndian)
        try container.encode(littleEndian.withUnsafeBytes { Data($0) })
    }
}
