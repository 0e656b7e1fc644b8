/// Why an agreement measure has no value for some data, in words for a report.
public struct UndefinedAgreement: Error, Equatable, Sendable, CustomStringConvertible {
    /// The reason, e.g. "raters per item differ".
    public let reason: String

    /// Creates the error.
    public init(_ reason: String) { self.reason = reason }

    /// The reason, as given.
    public var description: String { reason }
}
