import AssayTestSupport
import AuditModel
import DatasetIO
import Foundation
import Testing
import TextTokenization

@testable import AuditPlan
@testable import QualityMetrics

/// Runs every worked example of the metric cards in `Metrics/` and checks its numbers.
@Suite("Metric cards' worked examples")
struct MetricCardTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let card: String
        let tokenizer: TokenizerKind
        let texts: [String]
        let labels: [String?]?
        let annotations: [[String]?]?
        let comparedLabels: [[String?]]
        let vectors: [[Double]]?
        let real: (texts: [String], labels: [String?]?, vectors: [[Double]]?, splits: [String?]?)?
        let expected: [MetricID: Double?]
        let tolerance: Double
        var testDescription: String { card }
    }

    static let cardsFolder = RepositoryPaths.root.appendingPathComponent("Metrics")

    static func examples() throws -> [Example] {
        let files = try FileManager.default.contentsOfDirectory(atPath: cardsFolder.path)
            .filter { $0.hasSuffix(".md") }.sorted()
        var examples: [Example] = []
        for file in files {
            let text = try String(contentsOf: cardsFolder.appendingPathComponent(file), encoding: .utf8)
            for block in text.components(separatedBy: "```json assay-example\n").dropFirst() {
                guard let body = block.components(separatedBy: "\n```").first,
                    let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                    let tokenizer = (object["tokenizer"] as? String).flatMap(TokenizerKind.init(rawValue:)),
                    let texts = object["texts"] as? [String],
                    let expected = object["expected"] as? [String: Any]
                else {
                    Issue.record("malformed example block in \(file)")
                    continue
                }
                var values: [MetricID: Double?] = [:]
                for (key, value) in expected {
                    let id = MetricID(key)
                    guard MetricFamilies.catalog.contains(id) else {
                        Issue.record("unknown metric \(key) in \(file)")
                        continue
                    }
                    values[id] = value is NSNull ? .some(nil) : (value as? NSNumber)?.doubleValue
                }
                examples.append(
                    Example(
                        card: file, tokenizer: tokenizer, texts: texts,
                        labels: (object["labels"] as? [Any])?.map { $0 as? String },
                        annotations: (object["annotations"] as? [Any])?.map { $0 as? [String] },
                        comparedLabels: (object["compared_labels"] as? [[Any]])?.map { $0.map { $0 as? String } } ?? [],
                        vectors: object["vectors"] as? [[Double]],
                        real: (object["real"] as? [String: Any]).map { real in
                            (
                                (real["texts"] as? [String]) ?? [], (real["labels"] as? [Any])?.map { $0 as? String },
                                real["vectors"] as? [[Double]], (real["splits"] as? [Any])?.map { $0 as? String }
                            )
                        },
                        expected: values,
                        tolerance: (object["tolerance"] as? NSNumber)?.doubleValue ?? 1e-9))
            }
        }
        return examples
    }

    @Test func everyMetricHasACardWithAnExample() throws {
        let examples = try Self.examples()
        let covered = Set(examples.flatMap { $0.expected.keys })
        for id in MetricFamilies.catalog.ids {
            #expect(covered.contains(id), "no worked example checks \(id.rawValue)")
            let card = RepositoryPaths.root.appendingPathComponent(MetricFamilies.catalog[id].card)
            #expect(
                FileManager.default.fileExists(atPath: card.path), "missing card \(MetricFamilies.catalog[id].card)")
        }
    }

    /// The definitions built into the binary are the cards' current "## Definition" sections.
    @Test func builtInDefinitionsMatchTheCards() throws {
        for id in MetricFamilies.catalog.ids {
            let card = try String(
                contentsOf: RepositoryPaths.root.appendingPathComponent(MetricFamilies.catalog[id].card),
                encoding: .utf8)
            let lines = card.components(separatedBy: "\n")
            let start =
                try #require(
                    lines.firstIndex(of: "## Definition"), "\(MetricFamilies.catalog[id].card) has no Definition") + 1
            let end = lines[start...].firstIndex { $0.hasPrefix("## ") } ?? lines.endIndex
            let section = lines[start..<end].joined(separator: "\n").trimmingCharacters(in: .newlines)
            #expect(
                MetricFamilies.catalog[id].definition == section,
                "\(MetricFamilies.catalog[id].card) changed: run python3 scripts/generate_metric_definitions.py")
        }
    }

    static func vectors(_ rows: [[Double]]) -> DatasetVectors {
        DatasetVectors(dimension: rows.first?.count ?? 1, values: rows.flatMap { $0.map(Float.init) })
    }

    @Test(arguments: try examples())
    func workedExample(_ example: Example) throws {
        var dataset = Dataset(
            name: "example", role: .synthetic, path: example.card, texts: example.texts, labels: example.labels,
            annotations: example.annotations)
        dataset.vectors = example.vectors.map(Self.vectors)
        dataset.comparedLabels = example.comparedLabels
        var datasets = [dataset]
        if let real = example.real {
            var reference = Dataset(name: "real", role: .real, path: "real", texts: real.texts, labels: real.labels)
            reference.vectors = real.vectors.map(Self.vectors)
            if let splits = real.splits { reference.splits = splits }
            datasets.insert(reference, at: 0)
        }
        let configuration = AuditConfiguration(tokenizer: example.tokenizer, metrics: Array(example.expected.keys))
        let result = try AuditEngine(configuration: configuration).run(datasets)
        let metrics = try #require(result.datasets.last).metrics
        for (id, expected) in example.expected {
            let value = try #require(metrics[id], "\(id.rawValue) not computed")
            if let expected {
                let number = try #require(
                    value.number, "\(id.rawValue) is unavailable: \(value.reasonText ?? "")")
                #expect(
                    abs(number - expected) <= example.tolerance,
                    "\(example.card): \(id.rawValue) = \(number), card says \(expected)")
            } else {
                #expect(value.number == nil, "\(example.card): \(id.rawValue) should be null")
            }
        }
    }
}
