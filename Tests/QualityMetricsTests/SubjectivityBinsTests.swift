import AssayTestSupport
import AuditModel
import AuditPlan
import DatasetIO
import Foundation
import Testing

@testable import QualityMetrics

/// Accuracy on the real held-out rows by subjectivity bin, worked by hand.
@Suite("Accuracy by subjectivity bin")
struct SubjectivityBinsTests {
    /// 22 held-out rows: 10 with subjectivity 0, 5 with 0.2, 5 with 0.4, and 2 without votes; every true class 0.
    /// The real-trained model is right on 10/10, 3/5 and 1/5 of them; the synthetic-trained one on 9/10, 2/5, 0/5.
    static let subjectivity: [Double?] =
        Array(repeating: 0, count: 10) + Array(repeating: 0.2, count: 5)
        + Array(repeating: 0.4, count: 5) + [nil, nil]
    static let truth = [Int](repeating: 0, count: 22)
    static let trainedOnReal = [Int](repeating: 0, count: 10) + [0, 0, 0, 1, 1] + [0, 1, 1, 1, 1] + [1, 1]
    static let predicted = [Int](repeating: 0, count: 9) + [1] + [0, 0, 1, 1, 1] + [1, 1, 1, 1, 1] + [0, 0]

    @Test func quintilesKeepEqualValuesTogether() throws {
        let breakdown = try #require(
            SubjectivityBins.breakdown(
                subjectivity: Self.subjectivity, source: "annotations", truth: Self.truth,
                trainedOnReal: Self.trainedOnReal, predicted: Self.predicted))
        // Quintile cuts of the 20 rated rows (5th, 10th, 15th, 20th smallest): 0, 0, 0.2, 0.4 -> three bins.
        #expect(breakdown.source == "annotations")
        #expect(
            breakdown.bins == [
                SubjectivityBin(lower: 0, upper: 0, rows: 10, trainedOnReal: 1, trainedOnThis: 0.9),
                SubjectivityBin(lower: 0.2, upper: 0.2, rows: 5, trainedOnReal: 0.6, trainedOnThis: 0.4),
                SubjectivityBin(lower: 0.4, upper: 0.4, rows: 5, trainedOnReal: 0.2, trainedOnThis: 0),
            ])
        #expect(breakdown.bins.map { ($0.gap * 1e9).rounded() / 1e9 } == [-0.1, -0.2, -0.2])
    }

    @Test func tooFewRatedRowsOrOneLevelGiveNoBreakdown() {
        let few = Array(Self.subjectivity.prefix(19)) + [nil, nil, nil]
        #expect(
            SubjectivityBins.breakdown(
                subjectivity: few, source: "annotations", truth: Self.truth, trainedOnReal: Self.trainedOnReal,
                predicted: Self.predicted) == nil)
        let flat = [Double?](repeating: 0.2, count: 22)
        #expect(
            SubjectivityBins.breakdown(
                subjectivity: flat, source: "annotations", truth: Self.truth, trainedOnReal: Self.trainedOnReal,
                predicted: Self.predicted) == nil)
    }

    @Test func theGapIsWrittenAndReadBack() throws {
        let bin = SubjectivityBin(lower: 0.2, upper: 0.4, rows: 5, trainedOnReal: 0.6, trainedOnThis: 0.4)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(bin), as: UTF8.self)
        #expect(
            text == #"{"gap":-0.2,"lower":0.2,"rows":5,"trtr_accuracy":0.6,"tstr_accuracy":0.4,"upper":0.4}"#)
        #expect(try JSONDecoder().decode(SubjectivityBin.self, from: Data(text.utf8)) == bin)
    }

    /// POPQUORN offensiveness (8 raters a row): the real data's own held-out rows, with every second training
    /// row as the "synthetic" set. Accuracy falls as the raters disagree more, as Li et al. (2023) report.
    @Test(.enabled(if: RepositoryPaths.hasSharedDatasets, "needs ../shared/datasets"))
    func ratersDisagreementOnPopquorn() throws {
        let path = RepositoryPaths.sharedDatasets.appendingPathComponent("popquorn_offensiveness/offensiveness.jsonl")
        let real = try DatasetReader().read(DatasetSource(argument: path.path), role: .real)
        let kept = real.texts.indices.filter { $0 % 2 == 0 }
        let synthetic = Dataset(
            name: "half", role: .synthetic, path: "half", texts: kept.map { real.texts[$0] },
            labels: kept.map { real.labels[$0] })
        let result = try AuditEngine(
            configuration: AuditConfiguration(metrics: [.tstrAccuracy], bootstrapResamples: 0)
        ).run([real, synthetic])
        let breakdown = try #require(result.datasets[1].labelModel?.utilityBySubjectivity)
        #expect(breakdown.source == "annotations")
        #expect(breakdown.bins.count >= 3)
        #expect(breakdown.bins.map(\.rows).reduce(0, +) == result.datasets[0].labelModel?.testRows)
        let first = try #require(breakdown.bins.first)
        let last = try #require(breakdown.bins.last)
        #expect(first.trainedOnReal > last.trainedOnReal + 0.5)
        // The real dataset's own breakdown has no gap.
        #expect(result.datasets[0].labelModel?.utilityBySubjectivity?.bins.allSatisfy { $0.gap == 0 } == true)
    }
}
