/// A gate configuration that cannot be used: one lowercase line naming the file and, when known, the line.
public struct GateConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The configuration file.
    public let path: String
    /// The line (1-based), when known.
    public let line: Int?
    /// What is wrong.
    public let reason: String

    /// Creates an error.
    public init(path: String, line: Int?, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// `path:line: reason`.
    public var description: String {
        line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
    }
}
