import AuditModel
import Foundation
import Testing

@Suite("The result model: JSON contract, skip reasons, catalogue, sections")
struct AuditModelTests {
    static let catalog = MetricCatalog([
        MetricDescriptor(
            id: MetricID("distinct_2"), title: "Distinct-2", summary: "distinct bigrams", direction: .higherIsBetter,
            dimension: .diversity, card: "Metrics/distinct-n.md"),
        MetricDescriptor(
            id: MetricID("self_bleu_4"), title: "Self-BLEU-4", summary: "self-BLEU", direction: .lowerIsBetter,
            dimension: .diversity, card: "Metrics/self-bleu.md"),
        MetricDescriptor(
            id: MetricID("self_bleu_3"), title: "Self-BLEU-3", summary: "self-BLEU", direction: .lowerIsBetter,
            dimension: .diversity, card: "Metrics/self-bleu.md"),
    ])

    static func result() -> AuditResult {
        var dataset = DatasetResult(
            name: "gen", role: .synthetic, path: "gen.jsonl", rows: 2, labelCounts: ["a": 2],
            metrics: [
                MetricID("distinct_2"): .number(0.5), MetricID("self_bleu_4"): .skipped(.noRealDataset(.comparison)),
            ],
            perLabel: ["a": [MetricID("distinct_2"): .skipped(.tooFewRows(needed: 2, found: 1))]])
        dataset.intervals[MetricID("distinct_2")] = ConfidenceInterval(
            lower: 0.25, upper: 0.75, level: 0.95, resamples: 10, validResamples: 10, seed: 1)
        return AuditResult(
            configuration: AuditSettings(
                tokenizer: "default", metrics: [MetricID("distinct_2"), MetricID("self_bleu_4")],
                nearDuplicateThreshold: 0.95, listLimit: 20, projectionLimit: 1000, seed: 1, bootstrapResamples: 10),
            datasets: [dataset], catalog: catalog)
    }

    private static func json(_ result: AuditResult, wording: any SkipReasonWording = PlainWording()) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.userInfo[.skipReasonWording] = wording
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    @Test func encodesNumbersNullsAndReasonsInWords() throws {
        let text = try Self.json(Self.result())
        #expect(text.contains(#""metrics":{"distinct_2":0.5,"self_bleu_4":null}"#))
        #expect(text.contains(#""unavailable":{"self_bleu_4":"no real dataset to compare with"}"#))
        #expect(text.contains(#""per_label_unavailable":{"a":{"distinct_2":"needs at least 2 rows, found 1"}}"#))
        #expect(!text.contains("timings"))
    }

    /// A wording given to the encoder words every reason; the command line's names its options.
    @Test func encoderUsesTheGivenWording() throws {
        struct Loud: SkipReasonWording {
            func words(for reason: SkipReason) -> String { PlainWording().words(for: reason).uppercased() }
        }
        #expect(try Self.json(Self.result(), wording: Loud()).contains("NO REAL DATASET TO COMPARE WITH"))
    }

    @Test func decodesWhatItEncodes() throws {
        var original = Self.result()
        original.timings = [StageTiming(stage: "tokenize", seconds: 0.25)]
        let decoded = try JSONDecoder().decode(AuditResult.self, from: Data(try Self.json(original).utf8))
        #expect(decoded.configuration == original.configuration)
        #expect(decoded.timings == original.timings)
        let dataset = try #require(decoded.datasets.first)
        #expect(dataset.metrics[MetricID("distinct_2")] == .number(0.5))
        #expect(dataset.metrics[MetricID("self_bleu_4")] == .skipped(.recorded("no real dataset to compare with")))
        #expect(dataset.intervals[MetricID("distinct_2")]?.upper == 0.75)
        // Descriptors are not part of the JSON: a reader gives its own catalogue.
        #expect(decoded.catalog.descriptors.isEmpty)
        #expect(decoded.descriptor(MetricID("distinct_2")).title == "distinct_2")
    }

    @Test func everyReasonHasPlainWords() {
        let reasons: [SkipReason] =
            SkipReason.RealDataUse.allCases.map { .noRealDataset($0) } + [
                .isRealDataset, .wholeDatasetOnly, .noRaters, .noComparedLabels, .noRows,
                .tooFewRows(needed: 2, found: 1), .tooFewVectors(needed: 2, found: 1, zeroVectors: 3),
                .tooFewRowsToSplit(needed: 4), .tooFewRealVectorsToSplit(needed: 20),
                .tooFewVectorsOnEitherSide(needed: 10),
                .noVectors, .noNGrams(order: 1), .noNGrams(order: 3), .noLabelledRows, .noJudgeableRows,
                .tooFewRealLabels, .tooFewRealRowsToHoldOut, .tooFewTrainingLabels, .noHeldOutRows, .noVotes,
                .tooFewRealRowsForLanguageModel, .needsLabelsInBothDatasets, .needsRowsInBothDatasets,
                .needsTokensInBothDatasets, .notFinite, .undefined("raters per item differ"), .recorded("as written"),
            ]
        let words = reasons.map(PlainWording().words)
        for text in words {
            #expect(!text.isEmpty && text == text.lowercased() && !text.hasSuffix(".") && !text.contains("--"))
        }
        #expect(Set(words).count == words.count, "two reasons read the same")
        #expect(
            PlainWording().words(for: .tooFewVectors(needed: 2, found: 1, zeroVectors: 3))
                == "needs at least 2 rows with a nonzero vector, found 1 (3 with a zero vector left out)")
    }

    @Test func wordingReasonsKeepsNumbers() {
        let worded = Self.result().wordingReasons(with: PlainWording())
        let dataset = worded.datasets[0]
        #expect(dataset.metrics[MetricID("distinct_2")] == .number(0.5))
        #expect(dataset.metrics[MetricID("self_bleu_4")]?.reasonText == "no real dataset to compare with")
    }

    @Test func catalogueParsesSelectionsInReportOrder() throws {
        let catalog = Self.catalog
        #expect(
            try catalog.parseSelection(" self_bleu_3 ,distinct_2,self_bleu_3") == [
                MetricID("distinct_2"), MetricID("self_bleu_3"),
            ])
        #expect(throws: MetricSelectionError.unknown("self_bleu4", suggestions: ["self_bleu_4", "self_bleu_3"])) {
            try catalog.parseSelection("self_bleu4")
        }
        #expect(throws: MetricSelectionError.empty) { try catalog.parseSelection("distinct_2,,self_bleu_4") }
        #expect(
            catalog.ordered([MetricID("zzz"), MetricID("self_bleu_4"), MetricID("distinct_2")])
                == [MetricID("distinct_2"), MetricID("self_bleu_4"), MetricID("zzz")])
        #expect(catalog.restricted(to: [MetricID("self_bleu_3")]).ids == [MetricID("self_bleu_3")])
    }

    @Test func sectionsMergeIntoADatasetResult() {
        var result = DatasetResult(name: "gen", role: .synthetic, path: "gen", rows: 2)
        result.rowFindings = [RowFinding(row: 0, line: 1, label: "a"), RowFinding(row: 1, line: 2, label: nil)]
        var lexical = DatasetSection(metrics: [MetricID("distinct_2"): .number(0.5)])
        lexical.perLabel = ["a": [MetricID("distinct_2"): .number(1)]]
        var duplicates = DatasetSection(metrics: [MetricID("near"): .number(0)])
        duplicates.embedding = EmbeddingDetails(nearDuplicateClusterCount: 1)
        duplicates.rowFindings = [RowFinding.blank(row: 0), RowFinding.blank(row: 1)]
        duplicates.rowFindings[1].nearestSimilarity = 0.5
        var spread = DatasetSection()
        spread.embedding = EmbeddingDetails(zeroVectorRows: 1, projection: [ProjectedRow(row: 0, x: 1, y: 2)])
        for section in [lexical, duplicates, spread] { result.merge(section) }
        #expect(result.metrics.count == 2)
        #expect(result.perLabel["a"]?[MetricID("distinct_2")] == .number(1))
        #expect(result.embedding?.nearDuplicateClusterCount == 1)
        #expect(result.embedding?.zeroVectorRows == 1)
        #expect(result.embedding?.projection.count == 1)
        #expect(result.rowFindings[1].nearestSimilarity == 0.5)
        #expect(result.rowFindings[1].line == 2)
    }

    @Test func gateReportCountsAndVerdict() {
        func check(_ outcome: GateCheck.Outcome) -> GateCheck {
            GateCheck(
                rule: "r", metric: MetricID("m"), dataset: "d", label: "x", outcome: outcome, observed: 1, real: nil,
                bound: "<= 1", message: "", line: 3)
        }
        #expect(GateReport(checks: [check(.passed)]).verdict == .passed)
        #expect(GateReport(checks: [check(.passed), check(.warned)]).verdict == .passedWithWarnings)
        let failed = GateReport(checks: [check(.warned), check(.failed), check(.failed)])
        #expect(failed.verdict == .failed && failed.exitCode == 1 && failed.count(.failed) == 2)
        #expect(check(.passed).target == "d [x]")
    }
}
