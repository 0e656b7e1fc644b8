/// The stable identifier of a metric, such as `self_bleu_4`: the key of its value in every report and
/// the name a gate rule or `--metrics` uses. Part of the JSON contract: an id, once published, is never
/// renamed.
///
/// The set of ids is open: each metric declares its own (`extension MetricID { static let … }` beside
/// its code), and a result read from JSON keeps ids it does not know.
public struct MetricID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The id as written in reports, lower-case snake case.
    public let rawValue: String

    /// The id `rawValue`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The id `name`.
    public init(_ name: String) {
        self.init(rawValue: name)
    }

    /// The id itself.
    public var description: String { rawValue }

    /// Decodes an id from a JSON string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the id as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
