import AssayTestSupport
import AuditModel
import DatasetIO
import Foundation
import Testing
import TextTokenization

@testable import AuditPlan
@testable import QualityMetrics

/// Compares Assay with NLTK / plain Python on the cases in `Fixtures/golden/lexical_nltk.json`,
/// written by `References/golden_lexical.py` (NLTK 3.10.4, tokens from Python's `str.split()`).
@Suite("Golden values from NLTK and plain Python")
struct GoldenLexicalTests {
    /// Agreement required with the reference, absolute.
    static let tolerance = 1e-9

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let source: String
        let texts: [String]?
        let labels: [String?]?
        let metrics: [String: Double?]
        let perLabel: [String: [String: Double?]]
        let perRow: [String: [Double]]
        var testDescription: String { name }
    }

    static let goldenFile = RepositoryPaths.root.appendingPathComponent("Fixtures/golden/lexical_nltk.json")

    static func cases(shared: Bool) throws -> [Case] {
        let data = try Data(contentsOf: goldenFile)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = root["cases"] as? [[String: Any]]
        else { throw CocoaError(.fileReadCorruptFile) }
        return cases.compactMap { object -> Case? in
            guard let name = object["name"] as? String, let source = object["source"] as? String else { return nil }
            guard source.hasPrefix("shared:") == shared else { return nil }
            return Case(
                name: name, source: source, texts: object["texts"] as? [String],
                labels: (object["labels"] as? [Any])?.map { $0 as? String },
                metrics: numbers(object["metrics"]),
                perLabel: ((object["per_label"] as? [String: Any]) ?? [:]).mapValues(numbers),
                perRow: ((object["per_row"] as? [String: Any]) ?? [:]).compactMapValues { row in
                    (row as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue }
                })
        }
    }

    private static func numbers(_ any: Any?) -> [String: Double?] {
        ((any as? [String: Any]) ?? [:]).mapValues { $0 is NSNull ? nil : ($0 as? NSNumber)?.doubleValue }
    }

    static func dataset(for golden: Case) throws -> Dataset {
        if let texts = golden.texts {
            // An empty label means no label, as the readers have it.
            let labels = golden.labels?.map { $0?.isEmpty == false ? $0 : nil }
            return Dataset(name: golden.name, role: .synthetic, path: "inline", texts: texts, labels: labels)
        }
        let path: URL
        if golden.source.hasPrefix("shared:") {
            path = RepositoryPaths.sharedDatasets.appendingPathComponent(
                String(golden.source.dropFirst("shared:".count)))
        } else {
            path = RepositoryPaths.root.appendingPathComponent(golden.source)
        }
        return try DatasetReader().read(DatasetSource(name: golden.name, path: path.path), role: .synthetic)
    }

    static func check(_ golden: Case) throws {
        let dataset = try dataset(for: golden)
        let lexical = golden.metrics.keys.map(MetricID.init(rawValue:)).filter(MetricFamilies.catalog.contains)
        let configuration = AuditConfiguration(tokenizer: .whitespace, metrics: lexical)
        let result = try AuditEngine(configuration: configuration).run([dataset]).datasets[0]
        #expect(Double(result.rows) == golden.metrics["rows"] ?? nil, "\(golden.name): rows")
        compare(result.metrics, golden.metrics, context: golden.name)
        #expect(Set(result.perLabel.keys) == Set(golden.perLabel.keys), "\(golden.name): labels differ")
        for (label, expected) in golden.perLabel {
            compare(result.perLabel[label] ?? [:], expected, context: "\(golden.name) [\(label)]")
        }
        if !golden.perRow.isEmpty {
            var vocabulary = Vocabulary()
            let corpus = TokenizedCorpus(
                texts: dataset.texts, tokenizer: WhitespaceTokenizer(), vocabulary: &vocabulary)
            let precisions = SelfBLEU(maxOrder: 4).precisions(of: corpus)
            for (key, expected) in golden.perRow {
                guard let n = Int(key.dropFirst("bleu_".count)) else { continue }
                let scores = SelfBLEU.scores(precisions, order: n) ?? []
                #expect(scores.count == expected.count, "\(golden.name): per-row \(key) count")
                for (row, (score, reference)) in zip(scores, expected).enumerated()
                where abs(score - reference) > tolerance {
                    Issue.record("\(golden.name) row \(row) \(key): assay \(score), nltk \(reference)")
                }
            }
        }
    }

    static func compare(_ actual: [MetricID: MetricValue], _ expected: [String: Double?], context: String) {
        for (key, reference) in expected {
            let id = MetricID(key)
            guard MetricFamilies.catalog.contains(id) else { continue }  // e.g. "rows", checked elsewhere
            let value = actual[id]
            if let reference {
                guard let number = value?.number else {
                    Issue.record("\(context): \(key) is unavailable, reference \(reference)")
                    continue
                }
                #expect(
                    abs(number - reference) <= tolerance, "\(context): \(key) assay \(number), reference \(reference)")
            } else {
                #expect(value?.number == nil, "\(context): \(key) should be null")
            }
        }
    }

    @Test(arguments: try cases(shared: false))
    func fixturesAndEdgeCases(_ golden: Case) throws {
        try Self.check(golden)
    }

    @Test(
        .enabled(if: RepositoryPaths.hasSharedDatasets, "needs ../shared/datasets"), arguments: try cases(shared: true))
    func sharedDatasets(_ golden: Case) throws {
        try Self.check(golden)
    }
}
