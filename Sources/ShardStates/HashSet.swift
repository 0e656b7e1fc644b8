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
        HashSet(sets.lazy.flatMap(\.values))
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
