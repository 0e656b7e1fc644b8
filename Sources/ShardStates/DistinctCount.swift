import Foundation

/// The number of distinct 64-bit hashes in a set that merges by union: the set itself while it holds at most
/// a limit of hashes, a HyperLogLog sketch of it above (`Metrics/shard-states.md`).
public enum DistinctCount: Sendable, Equatable, Codable {
    /// Every hash.
    case exact(HashSet)
    /// A sketch: the count is an estimate with relative standard error ``HyperLogLog/relativeStandardError``.
    case sketch(HyperLogLog)

    /// The count (the sketch's estimate, rounded).
    public var count: Int {
        switch self {
        case .exact(let set): set.count
        case .sketch(let sketch): Int(sketch.estimate.rounded())
        }
    }

    /// Whether the count is an estimate.
    public var isSketch: Bool {
        if case .sketch = self { return true }
        return false
    }

    private enum CodingKeys: String, CodingKey { case exact, sketch }

    /// Decodes `{"exact": hashes}` or `{"sketch": registers}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let set = try container.decodeIfPresent(HashSet.self, forKey: .exact) {
            self = .exact(set)
        } else {
            self = .sketch(try container.decode(HyperLogLog.self, forKey: .sketch))
        }
    }

    /// Encodes `{"exact": hashes}` or `{"sketch": registers}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .exact(let set): try container.encode(set, forKey: .exact)
        case .sketch(let sketch): try container.encode(sketch, forKey: .sketch)
        }
    }

    /// The count of the union of `parts`: exact when every part is, else the sketch of all of them.
    ///
    /// - Complexity: O(m log m) for m hashes in exact parts, O(registers) per sketch.
    static func union(_ parts: [DistinctCount]) -> DistinctCount {
        var exact: [HashSet] = []
        var sketches: [HyperLogLog] = []
        for part in parts {
            switch part {
            case .exact(let set): exact.append(set)
            case .sketch(let sketch): sketches.append(sketch)
            }
        }
        guard !sketches.isEmpty else { return .exact(HashSet.union(exact)) }
        var merged = HyperLogLog()
        for sketch in sketches { merged.merge(sketch) }
        for set in exact {
            for value in set.values { merged.insert(value) }
        }
        return .sketch(merged)
    }
}

/// Collects distinct hashes in a set until it holds more than `limit`, then in a HyperLogLog sketch, so the
/// memory of a profile and the size of its state stay bounded.
struct DistinctAccumulator {
    /// The most hashes kept exactly.
    let limit: Int
    private var set: Set<UInt64> = []
    private var sketch: HyperLogLog?

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds `hash`.
    mutating func insert(_ hash: UInt64) {
        if sketch != nil {
            sketch?.insert(hash)
            return
        }
        set.insert(hash)
        if set.count > limit {
            var converted = HyperLogLog()
            for value in set { converted.insert(value) }
            sketch = converted
            set = []
        }
    }

    /// What was collected.
    var count: DistinctCount { sketch.map(DistinctCount.sketch) ?? .exact(HashSet(set)) }
}

/// A HyperLogLog sketch (Flajolet, Fusy, Gandouet & Meunier 2007) of 2¹⁶ one-byte registers over 64-bit
/// hashes: the first 16 bits choose a register, which keeps the largest rank (leading zeros + 1) of the other
/// 48. Merging takes the larger register. The estimate is α·m² / Σ 2^−register, or linear counting
/// m·ln(m / empty registers) when that is at most 2.5·m and a register is empty; its relative standard error
/// is 1.04 / √m = 0.41 %.
public struct HyperLogLog: Sendable, Equatable, Codable {
    /// Bits of the hash that choose the register.
    public static let precision = 16
    /// Number of registers.
    public static let registerCount = 1 << precision
    /// 1.04 / √m.
    public static let relativeStandardError = 1.04 / Double(registerCount).squareRoot()

    private(set) var registers: [UInt8]

    /// An empty sketch.
    init() {
        registers = [UInt8](repeating: 0, count: Self.registerCount)
    }

    /// Adds `hash` (well mixed: the n-gram and text hashes end with the SplitMix64 finaliser).
    mutating func insert(_ hash: UInt64) {
        let index = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.precision))
        let rest = hash << UInt64(Self.precision)
        let rank = UInt8(min(rest.leadingZeroBitCount, 64 - Self.precision) + 1)
        if rank > registers[index] { registers[index] = rank }
    }

    /// Takes the larger of each register: the sketch of the union.
    mutating func merge(_ other: HyperLogLog) {
        for index in registers.indices where other.registers[index] > registers[index] {
            registers[index] = other.registers[index]
        }
    }

    /// The estimated number of distinct hashes.
    public var estimate: Double {
        let m = Double(Self.registerCount)
        let alpha = 0.7213 / (1 + 1.079 / m)
        var sum = 0.0
        var empty = 0
        for register in registers {
            sum += 1 / Double(UInt64(1) << UInt64(register))
            if register == 0 { empty += 1 }
        }
        let raw = alpha * m * m / sum
        if raw <= 2.5 * m && empty > 0 { return m * log(m / Double(empty)) }
        return raw
    }

    /// Decodes the registers (base64 bytes), checking their number and range.
    public init(from decoder: any Decoder) throws {
        let data = try decoder.singleValueContainer().decode(Data.self)
        guard data.count == Self.registerCount, data.allSatisfy({ $0 <= 64 - Self.precision + 1 }) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "not a HyperLogLog sketch"))
        }
        registers = Array(data)
    }

    /// Encodes the registers as base64 bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(registers))
    }
}
