import AuditModel
import DatasetIO

/// The datasets of an audit and the facts about them that decide what can be computed.
public struct AuditInputs: Sendable {
    /// The datasets, the real reference (if any) first by convention.
    public let datasets: [Dataset]
    /// The real dataset's position, if one was given.
    public let realIndex: Int?
    /// Per dataset, its labels in sorted order with their rows (0-based, file order).
    public let labelRows: [[(label: String, rows: [Int])]]
    /// Whether every dataset has a row with two or more ratings, so subjectivity can come from raters
    /// throughout and the values of one report compare like with like.
    public let everyDatasetHasRaters: Bool
    /// What decides the numbers.
    public let configuration: AuditConfiguration

    /// The inputs of an audit of `datasets` under `configuration`.
    ///
    /// - Complexity: O(total rows) plus sorting each dataset's labels.
    public init(_ datasets: [Dataset], configuration: AuditConfiguration) {
        self.datasets = datasets
        self.configuration = configuration
        realIndex = datasets.firstIndex { $0.role == .real }
        labelRows = datasets.map { dataset in
            var rows: [String: [Int]] = [:]
            for (row, label) in dataset.labels.enumerated() {
                if let label { rows[label, default: []].append(row) }
            }
            return rows.sorted { $0.key < $1.key }.map { (label: $0.key, rows: $0.value) }
        }
        everyDatasetHasRaters = datasets.allSatisfy { $0.annotations.contains { ($0?.count ?? 0) >= 2 } }
    }

    /// The real dataset, if one was given.
    public var real: Dataset? { realIndex.map { datasets[$0] } }

    /// Whether dataset `position` is the real one.
    public func isReal(_ position: Int) -> Bool { position == realIndex }

    /// The positions of the synthetic datasets.
    public var syntheticPositions: [Int] { datasets.indices.filter { $0 != realIndex } }
}
