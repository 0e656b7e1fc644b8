import Foundation

@testable import DatasetIO

/// Shared helpers for the DatasetIO tests.
enum TestSupport {
    /// Reads `bytes` as a dataset named `t` at `path`.
    static func read(
        bytes: [UInt8], format: DatasetFormat = .jsonLines, path: String = "t.jsonl",
        fields: FieldMapping = FieldMapping()
    ) throws(DatasetIOError) -> Dataset {
        try DatasetReader(fields: fields).read(bytes: bytes, name: "t", path: path, format: format, role: .synthetic)
    }

    /// Reads `text` (UTF-8) as a dataset.
    static func read(
        _ text: String, format: DatasetFormat = .jsonLines, path: String = "t.jsonl",
        fields: FieldMapping = FieldMapping()
    ) throws(DatasetIOError) -> Dataset {
        try read(bytes: Array(text.utf8), format: format, path: path, fields: fields)
    }

    /// The error description reading `bytes` produces, or `nil` if it reads fine.
    static func error(
        bytes: [UInt8], format: DatasetFormat = .jsonLines, path: String = "t.jsonl",
        fields: FieldMapping = FieldMapping()
    ) -> String? {
        do {
            _ = try read(bytes: bytes, format: format, path: path, fields: fields)
            return nil
        } catch {
            return error.description
        }
    }

    /// The error description reading `text` produces, or `nil` if it reads fine.
    static func error(
        _ text: String, format: DatasetFormat = .jsonLines, path: String = "t.jsonl",
        fields: FieldMapping = FieldMapping()
    ) -> String? {
        error(bytes: Array(text.utf8), format: format, path: path, fields: fields)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("assay-datasetio-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
