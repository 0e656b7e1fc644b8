import AssayTestSupport
import AssayUtilities
import AuditModel
import AuditPlan
import DatasetIO
import Foundation
import SentenceEmbeddings
import Testing

@testable import QualityMetrics

/// Metrics that see what they claim: each perturbation of a synthetic dataset must move the metrics meant to
/// catch it in the right direction, against the same real data. Known blind spots are `withKnownIssue`, so
/// the suite says when one is fixed. Runs on `Fixtures/` (60 synthetic rows against 90 real ones), so it
/// runs in CI; with `../shared/datasets` it also flips labels of a task whose real classifier works.
@Suite("Perturbations")
struct PerturbationTests {
    static let metrics: [MetricID] = [
        .exactDuplicateRate, .nearDuplicateRate, .selfBLEU4, .distinct2, .vendi, .chamfer, .remoteClique,
        .meanTokens, .lengthKS, .truncatedRate, .perplexityRealLM, .naturalness,
    ]

    /// The default static embedder when its model is set up (as in CI), else the hashing one.
    static func source() throws -> EmbeddingSource {
        guard RepositoryPaths.hasModels else { return EmbeddingSource() }
        return EmbeddingSource(embedder: try StaticEmbedder(directory: RepositoryPaths.staticModel.path))
    }

    static func read(_ path: String, _ role: DatasetRole) throws -> Dataset {
        try DatasetReader().read(
            DatasetSource(argument: RepositoryPaths.fixtures.appendingPathComponent(path).path), role: role)
    }

    /// The whole-dataset values of the perturbed copy of `gen_diverse` and of the original, audited together.
    static func audit(_ perturb: (Dataset) -> Dataset, metrics: [MetricID] = metrics) throws -> (
        original: [MetricID: Double], perturbed: [MetricID: Double]
    ) {
        let real = try read("real.jsonl", .real)
        let original = try read("gen_diverse.jsonl", .synthetic)
        var perturbed = perturb(original)
        perturbed.name = "perturbed"
        let result = try AuditEngine(
            configuration: AuditConfiguration(metrics: metrics, bootstrapResamples: 0), embeddings: try source()
        ).run([real, original, perturbed])
        func values(_ entry: DatasetResult) -> [MetricID: Double] { entry.metrics.compactMapValues(\.number) }
        return (values(result.datasets[1]), values(result.datasets[2]))
    }

    /// `dataset` with new texts (same labels and line numbers).
    static func with(_ dataset: Dataset, texts: [String]) -> Dataset {
        Dataset(
            name: dataset.name, role: dataset.role, path: dataset.path, texts: texts, labels: dataset.labels,
            lineNumbers: dataset.lineNumbers)
    }

    static func words(_ text: String) -> [Substring] { text.split(whereSeparator: \.isWhitespace) }

    static func expect(
        _ values: (original: [MetricID: Double], perturbed: [MetricID: Double]), _ id: MetricID, rises: Bool,
        by margin: Double = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let before = values.original[id], let after = values.perturbed[id] else {
            Issue.record("\(id.rawValue) has no value", sourceLocation: sourceLocation)
            return
        }
        let moved = rises ? after > before + margin : after < before - margin
        #expect(
            moved, "\(id.rawValue) should \(rises ? "rise" : "fall"): \(before) -> \(after)",
            sourceLocation: sourceLocation)
    }

    @Test func thirtyPercentDuplicates() throws {
        // Every row whose index is 3 mod 10 … (18 of 60) is replaced by a copy of the row before it.
        let values = try Self.audit { dataset in
            var texts = dataset.texts
            for row in texts.indices where row > 0 && [3, 6, 9].contains(row % 10) { texts[row] = texts[row - 1] }
            return Self.with(dataset, texts: texts)
        }
        Self.expect(values, .exactDuplicateRate, rises: true, by: 0.25)
        Self.expect(values, .nearDuplicateRate, rises: true, by: 0.25)
        Self.expect(values, .selfBLEU4, rises: true)
        Self.expect(values, .distinct2, rises: false)
        Self.expect(values, .vendi, rises: false)
        Self.expect(values, .chamfer, rises: false)
        // Remote-Clique is a mean over all pairs: 18 zero-distance pairs of 1,770 hardly move it (its card).
        withKnownIssue("remote_clique barely sees duplicates (a mean over all pairs)") {
            Self.expect(values, .remoteClique, rises: false, by: 0.02)
        }
    }

    @Test func truncationToSixtyPercentOfTheWords() throws {
        let values = try Self.audit { dataset in
            Self.with(
                dataset,
                texts: dataset.texts.map { text in
                    let words = Self.words(text)
                    return words.prefix(max(1, words.count * 6 / 10)).joined(separator: " ")
                })
        }
        Self.expect(values, .meanTokens, rises: false)
        Self.expect(values, .lengthKS, rises: true)
        // Cut rows say less, so they should not look more varied; Vendi rises (23.6 -> 31.7 here), see its card.
        withKnownIssue("vendi rises on truncated rows: shorter mean-pooled vectors spread further") {
            Self.expect(values, .vendi, rises: false)
        }
        // Every row is cut mid-sentence; the truncation rule sees it in 8 of 60 (0 -> 0.133).
        Self.expect(values, .truncatedRate, rises: true)
        withKnownIssue("truncated_rate sees cut-off endings, not most sentences cut mid-way") {
            Self.expect(values, .truncatedRate, rises: true, by: 0.5)
        }
    }

    @Test func shuffledWords() throws {
        // Each row's words reversed: every word kept, the order gone.
        let values = try Self.audit { dataset in
            Self.with(dataset, texts: dataset.texts.map { Self.words($0).reversed().joined(separator: " ") })
        }
        Self.expect(values, .perplexityRealLM, rises: true)
        Self.expect(values, .naturalness, rises: false)
    }

    @Test func collapseToTenTemplates() throws {
        let values = try Self.audit { dataset in
            Self.with(dataset, texts: dataset.texts.indices.map { dataset.texts[$0 % 10] })
        }
        Self.expect(values, .exactDuplicateRate, rises: true, by: 0.5)
        Self.expect(values, .nearDuplicateRate, rises: true, by: 0.5)
        Self.expect(values, .selfBLEU4, rises: true, by: 0.3)
        Self.expect(values, .distinct2, rises: false)
        Self.expect(values, .vendi, rises: false)
        Self.expect(values, .chamfer, rises: false)
        Self.expect(values, .remoteClique, rises: false)
    }

    /// AG News from a real classifier that works: flipping 20 % of the synthetic labels must lower label
    /// fidelity and the accuracy of the model trained on them.
    @Test(.enabled(if: RepositoryPaths.hasSharedDatasets, "needs ../shared/datasets"))
    func twentyPercentLabelFlips() throws {
        let folder = RepositoryPaths.sharedDatasets.appendingPathComponent("agnews_llm_synthetic")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }
            .sorted()
        let realFile = try #require(files.first { $0.contains("real") })
        let syntheticFile = try #require(files.first { !$0.contains("real") })
        let real = try DatasetReader().read(
            DatasetSource(argument: folder.appendingPathComponent(realFile).path), role: .real)
        let original = try DatasetReader().read(
            DatasetSource(argument: folder.appendingPathComponent(syntheticFile).path), role: .synthetic)
        let labels = Array(Set(original.labels.compactMap { $0 })).sorted()
        var flippedLabels = original.labels
        for row in flippedLabels.indices where row % 5 == 0 {
            guard let label = flippedLabels[row], let index = labels.firstIndex(of: label) else { continue }
            flippedLabels[row] = labels[(index + 1) % labels.count]
        }
        let flipped = Dataset(
            name: "flipped", role: .synthetic, path: original.path, texts: original.texts, labels: flippedLabels)
        let result = try AuditEngine(
            configuration: AuditConfiguration(
                metrics: [.labelFidelity, .tstrAccuracy], bootstrapResamples: 0), embeddings: try Self.source()
        ).run([real, original, flipped])
        let before = result.datasets[1].metrics.compactMapValues(\.number)
        let after = result.datasets[2].metrics.compactMapValues(\.number)
        Self.expect((before, after), .labelFidelity, rises: false, by: 0.05)
        Self.expect((before, after), .tstrAccuracy, rises: false)
    }
}
