import AssayTestSupport
import Foundation

/// The public datasets beside the repository (`../shared/datasets`), read as JSON Lines.
enum SharedDatasets {
    /// `../shared/datasets` beside the repository.
    static let folder = RepositoryPaths.sharedDatasets

    /// Whether the shared datasets are present.
    static var isPresent: Bool { FileManager.default.fileExists(atPath: folder.path) }

    /// One row: its text, label, and whether an LLM wrote it.
    struct Row {
        let text: String
        let label: String?
        let synthetic: Bool
    }

    /// The rows of `relativePath` (under the datasets folder). A row is synthetic when its `split` is
    /// `synthetic`, it names a `generator`, or (GPTurk) its `class` is `gen-summaries`.
    static func rows(_ relativePath: String) throws -> [Row] {
        let data = try Data(contentsOf: folder.appendingPathComponent(relativePath))
        var rows: [Row] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                let text = object["text"] as? String
            else { continue }
            let synthetic =
                (object["split"] as? String) == "synthetic" || object["generator"] != nil
                || (object["class"] as? String) == "gen-summaries"
            rows.append(Row(text: text, label: object["label"] as? String, synthetic: synthetic))
        }
        return rows
    }

    /// Every `*.jsonl` file, as paths relative to the datasets folder, sorted; LLM annotation files
    /// (real texts relabelled by a model) are left out.
    static func files() throws -> [String] {
        var paths: [String] = []
        for dataset in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let sub = folder.appendingPathComponent(dataset)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: sub.path) else { continue }
            for name in names.sorted() where name.hasSuffix(".jsonl") && !name.hasPrefix("llm_annotations") {
                paths.append(dataset + "/" + name)
            }
        }
        return paths
    }
}
