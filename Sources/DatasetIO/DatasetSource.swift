/// Where a dataset comes from: a display name, a path (`-` for standard input) and an optional format.
public struct DatasetSource: Sendable, Equatable {
    /// Display name used in reports.
    public var name: String
    /// The path as given, or `-` for standard input.
    public var path: String
    /// The format, or `nil` to infer it from the extension (JSON Lines when that says nothing).
    public var format: DatasetFormat?

    /// Creates a source with an explicit name.
    public init(name: String, path: String, format: DatasetFormat? = nil) {
        self.name = name
        self.path = path
        self.format = format
    }

    /// Parses a command-line dataset argument: `PATH` or `NAME=PATH`.
    ///
    /// TODO(DatasetIO helper): implement the documented rules.
    public init(argument: String, format: DatasetFormat? = nil) throws(DatasetIOError) {
        self.init(name: argument, path: argument, format: format)
    }
}
