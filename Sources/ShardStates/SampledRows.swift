import DatasetIO
import Foundation

/// A seeded sample of a dataset's rows, with every column the audit reads: the rows whose
/// ``StableHash/sampleKey(seed:row:)`` are the smallest (bottom-k sampling), so the union of the shards'
/// samples holds the whole dataset's sample and merging keeps the `capacity` smallest keys.
public struct SampledRows: Sendable, Equatable, Codable {
    /// Each row's number in the whole dataset (0-based), ascending.
    public var rowNumbers: [Int]
    /// The line each row starts on in the file it was read from.
    public var lineNumbers: [Int]
    /// The texts.
    public var texts: [String]
    /// The labels.
    public var labels: [String?]
    /// The raters' labels.
    public var annotations: [[String]?]
    /// The splits (empty when the dataset has none).
    public var splits: [String?]
    /// One column per compared label field.
    public var comparedLabels: [[String?]]
    /// The rows' vectors (given by the data, or embedded when profiled), row-major.
    public var vectors: StoredVectors?

    /// The rows `rows` of `dataset` (positions, ascending), numbered `numbers` in the whole dataset.
    init(_ dataset: Dataset, rows: [Int], numbers: [Int], vectors: StoredVectors?) {
        rowNumbers = numbers
        lineNumbers = rows.map { dataset.lineNumbers[$0] }
        texts = rows.map { dataset.texts[$0] }
        labels = rows.map { dataset.labels[$0] }
        annotations = rows.map { dataset.annotations[$0] }
        splits = dataset.splits.isEmpty ? [] : rows.map { dataset.splits[$0] }
        comparedLabels = dataset.comparedLabels.map { column in rows.map { column[$0] } }
        self.vectors = vectors
    }

    /// Number of rows.
    public var count: Int { rowNumbers.count }

    /// Whether the columns fit together.
    var isConsistent: Bool {
        lineNumbers.count == count && texts.count == count && labels.count == count && annotations.count == count
            && (splits.isEmpty || splits.count == count) && comparedLabels.allSatisfy { $0.count == count }
            && zip(rowNumbers, rowNumbers.dropFirst()).allSatisfy { $0 < $1 } && rowNumbers.allSatisfy { $0 >= 0 }
            && (vectors.map { $0.rows == count } ?? true)
    }

    /// The rows of `parts` whose keys under `seed` are the `capacity` smallest, in row order.
    ///
    /// - Complexity: O(r log r) for r rows in all.
    static func merged(_ parts: [SampledRows], seed: UInt64, capacity: Int) -> SampledRows {
        var chosen = parts.indices.flatMap { part in parts[part].rowNumbers.indices.map { (part: part, index: $0) } }
        chosen.sort {
            let left = parts[$0.part].rowNumbers[$0.index]
            let right = parts[$1.part].rowNumbers[$1.index]
            return (StableHash.sampleKey(seed: seed, row: left), left) < (
                StableHash.sampleKey(seed: seed, row: right), right
            )
        }
        chosen = Array(chosen.prefix(capacity))
        chosen.sort { parts[$0.part].rowNumbers[$0.index] < parts[$1.part].rowNumbers[$1.index] }
        func column<T>(_ path: KeyPath<SampledRows, [T]>) -> [T] {
            chosen.map { parts[$0.part][keyPath: path][$0.index] }
        }
        var merged = parts[0]
        merged.rowNumbers = column(\.rowNumbers)
        merged.lineNumbers = column(\.lineNumbers)
        merged.texts = column(\.texts)
        merged.labels = column(\.labels)
        merged.annotations = column(\.annotations)
        // A part without rows has no split column whether or not the dataset has one.
        merged.splits = parts.contains { !$0.splits.isEmpty } ? chosen.map { parts[$0.part].splits[$0.index] } : []
        merged.comparedLabels = parts[0].comparedLabels.indices.map { field in
            chosen.map { parts[$0.part].comparedLabels[field][$0.index] }
        }
        if let dimension = parts[0].vectors?.dimension, parts.allSatisfy({ $0.vectors?.dimension == dimension }) {
            var values = [Float]()
            values.reserveCapacity(chosen.count * dimension)
            for choice in chosen {
                values.append(contentsOf: parts[choice.part].vectors?.row(choice.index) ?? [])
            }
            merged.vectors = StoredVectors(dimension: dimension, values: values)
        } else {
            merged.vectors = nil
        }
        return merged
    }
}

/// Float32 vectors stored row-major as little-endian bytes in base64.
public struct StoredVectors: Sendable, Equatable, Codable {
    /// Numbers per row.
    public var dimension: Int
    /// The numbers, row-major.
    public var values: [Float]

    /// Vectors of `dimension` numbers each.
    init(dimension: Int, values: [Float]) {
        self.dimension = dimension
        self.values = values
    }

    /// Number of rows.
    public var rows: Int { dimension > 0 ? values.count / dimension : 0 }

    /// Row `i`.
    func row(_ i: Int) -> ArraySlice<Float> { values[(i * dimension)..<((i + 1) * dimension)] }

    private enum CodingKeys: String, CodingKey { case dimension, values }

    /// Decodes the base64 bytes, checking their length and, for hashes, their order.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dimension = try container.decode(Int.self, forKey: .dimension)
        let data = try container.decode(Data.self, forKey: .values)
        guard (1...65_536).contains(dimension), data.count % (4 * dimension) == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container, debugDescription: "vector bytes do not fit the dimension")
        }
        var bits = [UInt32](repeating: 0, count: data.count / 4)
        bits.withUnsafeMutableBytes { target in data.copyBytes(to: target) }
        values = bits.map { Float(bitPattern: UInt32(littleEndian: $0)) }
        guard values.allSatisfy(\.isFinite) else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container, debugDescription: "a vector holds a value that is not finite")
        }
    }

    /// Encodes the values as little-endian bytes in base64.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dimension, forKey: .dimension)
        let bits = values.map(\.bitPattern.littleEndian)
        try container.encode(bits.withUnsafeBytes { Data($0) }, forKey: .values)
    }
}
