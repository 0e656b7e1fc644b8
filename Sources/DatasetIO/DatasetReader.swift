/// Reads datasets from JSON Lines, CSV and TSV files or standard input.
public struct DatasetReader: Sendable {
    /// Which fields hold text, label and annotations.
    public var fields: FieldMapping

    /// Creates a reader.
    public init(fields: FieldMapping = FieldMapping()) {
        self.fields = fields
    }

    /// Reads a whole dataset.
    ///
    /// TODO(DatasetIO helper): implement.
    public func read(_ source: DatasetSource, role: DatasetRole) throws(DatasetIOError) -> Dataset {
        throw DatasetIOError(path: source.path, reason: "not implemented")
    }
}
