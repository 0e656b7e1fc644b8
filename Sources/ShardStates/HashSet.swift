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

    /// Hashes already ascending without repeats.
    init(sortedUnique: [UInt64]) {
        values = sortedUnique
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

/// How often each 64-bit hash occurs: hashes ascending without repeats, each with its count (at least 1);
/// stored as base64 hashes beside a list of counts, merged by adding counts.
public struct HashCounts: Sendable, Equatable, Codable {
    /// The distinct hashes, ascending.
    public private(set) var hashes: HashSet
    /// The count of each hash, in the same order.
    public private(set) var counts: [Int]

    /// The counts of `values` (any order, repeats counted).
    ///
    /// - Complexity: O(n log n).
    init(_ values: [UInt64]) {
        let sorted = values.sorted()
        var counts: [Int] = []
        var unique: [UInt64] = []
        for value in sorted {
            if unique.last == value {
                counts[counts.count - 1] += 1
            } else {
                unique.append(value)
                counts.append(1)
            }
        }
        hashes = HashSet(unique)
        self.counts = counts
    }

    private init(hashes: HashSet, counts: [Int]) {
        self.hashes = hashes
        self.counts = counts
    }

    /// Number of distinct hashes.
    public var distinct: Int { counts.count }

    /// Number of values counted, repeats included.
    public var total: Int { counts.reduce(0, +) }

    /// How many counted values are in `set`.
    ///
    /// - Complexity: O(distinct).
    public func occurrences(in set: Set<UInt64>) -> Int {
        zip(hashes.values, counts).reduce(0) { $0 + (set.contains($1.0) ? $1.1 : 0) }
    }

    /// Both counts together, by one merge of the two sorted lists.
    ///
    /// - Complexity: O(distinct + other.distinct).
    func adding(_ other: HashCounts) -> HashCounts {
        let (a, b) = (hashes.values, other.hashes.values)
        var merged: [UInt64] = []
        var sums: [Int] = []
        merged.reserveCapacity(a.count + b.count)
        sums.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                merged.append(a[i])
                sums.append(counts[i])
                i += 1
            } else if i == a.count || b[j] < a[i] {
                merged.append(b[j])
                sums.append(other.counts[j])
                j += 1
            } else {
                merged.append(a[i])
                sums.append(counts[i] + other.counts[j])
                i += 1
                j += 1
            }
        }
        return HashCounts(hashes: HashSet(sortedUnique: merged), counts: sums)
    }

    /// Whether the two lists fit together: one count of at least 1 per hash, adding up to `total` (checked
    /// without overflow).
    func isConsistent(total expected: Int) -> Bool {
        guard counts.count == hashes.count, expected >= 0 else { return false }
        var sum = 0
        for count in counts {
            guard count >= 1, count <= expected - sum else { return false }
            sum += count
        }
        return sum == expected
    }
}
