import AssayTestSupport
import AuditModel
import DatasetIO
import Foundation
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// Compares the embedding metrics with numpy and the PyPI package vendi-score on the cases in
/// `Fixtures/golden/embedding_numpy.json`, written by `References/golden_embedding.py` (float64 throughout).
@Suite("Golden values from numpy and vendi-score")
struct GoldenEmbeddingTests {
    /// Assay's vectors are float32: values agree to 1e-6 (relative above 1, for the Vendi score).
    static let tolerance = 1e-6

    struct Case: CustomTestStringConvertible, @unchecked Sendable {
        let name: String
        let object: [String: Any]
        var testDescription: String { name }
    }

    static var golden: [String: Any] {
        let url = RepositoryPaths.root.appendingPathComponent("Fixtures/golden/embedding_numpy.json")
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }

    static var cases: [Case] {
        ((golden["cases"] as? [[String: Any]]) ?? []).map { Case(name: ($0["name"] as? String) ?? "?", object: $0) }
    }

    /// The case's datasets, read from the fixture files or built from the inline vectors.
    static func datasets(_ golden: Case) throws -> [Dataset] {
        let entries = (golden.object["datasets"] as? [[String: Any]]) ?? []
        if let paths = golden.object["source"] as? [String] {
            let reader = DatasetReader(fields: FieldMapping(vectors: "vec"))
            return try zip(paths, entries).map { path, entry in
                let role: DatasetRole = (entry["role"] as? String) == "real" ? .real : .synthetic
                let url = RepositoryPaths.root.appendingPathComponent(path)
                return try reader.read(
                    DatasetSource(name: (entry["name"] as? String) ?? path, path: url.path), role: role)
            }
        }
        return entries.map { entry in
            let texts = (entry["texts"] as? [String]) ?? []
            let labels = (entry["labels"] as? [Any])?.map { ($0 as? String).flatMap { $0.isEmpty ? nil : $0 } }
            let rows = (entry["vectors"] as? [[Double]]) ?? []
            var dataset = Dataset(
                name: (entry["name"] as? String) ?? "?",
                role: (entry["role"] as? String) == "real" ? .real : .synthetic,
                path: "inline", texts: texts, labels: labels)
            dataset.vectors = DatasetVectors(
                dimension: rows.first?.count ?? 1, values: rows.flatMap { $0.map(Float.init) })
            return dataset
        }
    }

    static func close(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= tolerance * max(1, abs(expected))
    }

    static func compare(_ actual: [MetricID: MetricValue], _ expected: [String: Any], _ context: String) {
        for (key, reference) in expected {
            let id = MetricID(key)
            guard MetricFamilies.catalog.contains(id) else { continue }
            let value = actual[id]?.number
            if let reference = (reference as? NSNumber)?.doubleValue {
                guard let value else {
                    Issue.record(
                        "\(context) \(key): unavailable (\(actual[id]?.reasonText ?? "missing")), numpy \(reference)"
                    )
                    continue
                }
                #expect(close(value, reference), "\(context) \(key): assay \(value), numpy \(reference)")
            } else {
                #expect(value == nil, "\(context) \(key): assay \(value ?? .nan), numpy null")
            }
        }
    }

    @Test(arguments: cases)
    func matchesNumpy(_ golden: Case) throws {
        let datasets = try Self.datasets(golden)
        let result = try AuditEngine(configuration: AuditConfiguration(listLimit: 1000)).run(datasets)
        let stable = ((golden.object["projection"] as? [String: Any])?["stable"] as? Bool) ?? false
        let entries = (golden.object["datasets"] as? [[String: Any]]) ?? []
        #expect(result.datasets.count == entries.count)
        for (dataset, entry) in zip(result.datasets, entries) {
            let context = "\(golden.name) \(dataset.name)"
            Self.compare(dataset.metrics, (entry["metrics"] as? [String: Any]) ?? [:], context)
            for (label, expected) in (entry["per_label"] as? [String: [String: Any]]) ?? [:] {
                Self.compare(dataset.perLabel[label] ?? [:], expected, "\(context) [\(label)]")
            }
            let details = try #require(dataset.embedding, "\(context): no embedding details")
            #expect(details.zeroVectorRows == (entry["zero_vector_rows"] as? Int), "\(context): zero rows")

            let clusters = ((entry["near_duplicate_clusters"] as? [[String: Any]]) ?? []).map {
                (($0["size"] as? Int) ?? 0, ($0["rows"] as? [Int]) ?? [])
            }
            #expect(details.nearDuplicateClusters.map(\.size) == clusters.map(\.0), "\(context): cluster sizes")
            #expect(details.nearDuplicateClusters.map(\.rows) == clusters.map(\.1), "\(context): cluster rows")

            // Exact copies tie at similarity 1 up to float32 rounding: compare as a set keyed by row.
            let copies = ((entry["real_copies"] as? [[String: Any]]) ?? []).sorted {
                (($0["row"] as? Int) ?? 0) < (($1["row"] as? Int) ?? 0)
            }
            let found = details.realCopies.sorted { $0.row < $1.row }
            #expect(found.map(\.row) == copies.map { ($0["row"] as? Int) ?? -1 }, "\(context): copied rows")
            #expect(
                found.map(\.realRow) == copies.map { ($0["real_row"] as? Int) ?? -1 }, "\(context): copied real rows")
            for (copy, reference) in zip(found, copies) {
                let similarity = (reference["similarity"] as? NSNumber)?.doubleValue ?? .nan
                #expect(abs(copy.similarity - similarity) <= 2e-6, "\(context): row \(copy.row) similarity")
            }

            if stable, let projection = entry["projection"] as? [String: Any] {
                let rows = (projection["rows"] as? [Int]) ?? []
                let coordinates = (projection["coords"] as? [[Double]]) ?? []
                #expect(details.projection.map(\.row) == rows, "\(context): projected rows")
                for (point, reference) in zip(details.projection, coordinates) where reference.count == 2 {
                    #expect(
                        abs(point.x - reference[0]) <= 1e-4 && abs(point.y - reference[1]) <= 1e-4,
                        "\(context) row \(point.row): (\(point.x), \(point.y)) vs \(reference)")
                }
            }
        }
        if stable, let variance = (golden.object["projection"] as? [String: Any])?["explained_variance"] as? [Double] {
            let found = try #require(result.embedding).explainedVariance
            #expect(found.count == variance.count)
            for (a, b) in zip(found, variance) { #expect(abs(a - b) <= 2e-6, "\(golden.name): explained variance") }
        }
    }

    @Test func goldenFileHasEveryCase() {
        #expect(Self.cases.count >= 8)
    }
}
