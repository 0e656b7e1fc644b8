import AuditModel
import Foundation

/// The per-instance export (`--instances`): one JSON object per line and row of every dataset, with the row's subjectivity
/// and the real-trained classifier's view of its label (fields absent where they do not apply).
public enum InstancesReport {
    /// The JSON Lines text; keys sorted, so the same result gives the same bytes.
    ///
    /// - Complexity: O(total rows).
    public static func render(_ result: AuditResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for dataset in result.datasets {
            for finding in dataset.rowFindings {
                let data = try encoder.encode(Line(dataset: dataset.name, finding: finding))
                text += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return text
    }

    private struct Line: Encodable {
        let dataset: String
        let finding: RowFinding

        private enum CodingKeys: String, CodingKey { case dataset }

        func encode(to encoder: any Encoder) throws {
            try finding.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(dataset, forKey: .dataset)
        }
    }
}
