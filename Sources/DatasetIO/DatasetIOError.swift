/// A problem with an input dataset: where it is and what is wrong.
///
/// `description` is one lowercase line, `path:line: field: reason`, with the line and the field
/// left out when they do not apply (for example `data.csv: file is empty`).
public struct DatasetIOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The dataset's path as the user gave it (`-` for standard input).
    public var path: String
    /// The 1-based line of the problem, when it is tied to one.
    public var line: Int?
    /// The field (column or JSON key) at fault, when there is one.
    public var field: String?
    /// What is wrong, lowercase, without a final period.
    public var reason: String

    /// Creates an error.
    public init(path: String, line: Int? = nil, field: String? = nil, reason: String) {
        self.path = path
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `path:line: field: reason`.
    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let field { return "\(location): \(field): \(reason)" }
        return "\(location): \(reason)"
    }
}
