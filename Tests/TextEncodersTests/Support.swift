import AssayTestSupport
import Foundation

@testable import TextEncoders

/// Paths and shared fixtures of the TextEncoders tests.
enum Support {
    /// The model fetched by `scripts/fetch-minilm.sh`.
    static let modelDirectory = RepositoryPaths.miniLMModel.path
    /// `../shared/datasets` beside the repository.
    static let sharedDatasets = RepositoryPaths.sharedDatasets.path
    /// The golden values written by `References/`.
    static let goldenDirectory = RepositoryPaths.fixture("golden")

    static var modelPresent: Bool {
        FileManager.default.fileExists(atPath: modelDirectory + "/model.safetensors")
    }
    static var datasetsPresent: Bool { FileManager.default.fileExists(atPath: sharedDatasets) }

    /// One golden row: a hand-written text, or a reference to a line of a shared dataset.
    struct Row: Decodable {
        struct Reference: Decodable {
            let file: String
            let line: Int
        }
        let text: String?
        let ref: Reference?
        let ids: [Int32]?
        let vector: [Float]?

        var label: String { ref.map { "\($0.file):\($0.line)" } ?? "hand-written \(String(reflecting: text ?? ""))" }
    }

    struct TokenGolden: Decodable {
        struct Classes: Decodable {
            let dropped: [[UInt32]]
            let whitespace: [[UInt32]]
            let punctuation: [[UInt32]]
            let strippedAccents: [[UInt32]]

            enum CodingKeys: String, CodingKey {
                case dropped, whitespace, punctuation
                case strippedAccents = "stripped_accents"
            }
        }
        let rows: [Row]
        let unicodeClasses: Classes

        enum CodingKeys: String, CodingKey {
            case rows
            case unicodeClasses = "unicode_classes"
        }
    }

    struct EmbeddingGolden: Decodable {
        let rows: [Row]
    }

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: goldenDirectory.appendingPathComponent(name)))
    }

    /// Dataset lines by file, read once per file.
    final class LineCache: @unchecked Sendable {
        private var files: [String: [Substring]] = [:]

        func text(_ reference: Row.Reference) throws -> String {
            if files[reference.file] == nil {
                let content = try String(contentsOfFile: sharedDatasets + "/" + reference.file, encoding: .utf8)
                files[reference.file] = content.split(separator: "\n", omittingEmptySubsequences: false)
            }
            guard let lines = files[reference.file], reference.line >= 1, reference.line <= lines.count else {
                throw CocoaError(.fileReadCorruptFile)
            }
            let object = try JSONSerialization.jsonObject(with: Data(lines[reference.line - 1].utf8))
            guard let text = (object as? [String: Any])?["text"] as? String else {
                throw CocoaError(.fileReadCorruptFile)
            }
            return text
        }
    }

    /// The golden rows that can be checked here, with their texts: the hand-written ones always, the
    /// ones drawn from `../shared/datasets` when it is present.
    static func checkable(_ rows: [Row]) throws -> (rows: [Row], texts: [String]) {
        let kept = rows.filter { $0.text != nil || datasetsPresent }
        return (kept, try texts(kept))
    }

    /// The text of every golden row, resolving dataset references.
    static func texts(_ rows: [Row]) throws -> [String] {
        let cache = LineCache()
        return try rows.map { row in
            if let text = row.text { return text }
            guard let reference = row.ref else { throw CocoaError(.fileReadCorruptFile) }
            return try cache.text(reference)
        }
    }
}
