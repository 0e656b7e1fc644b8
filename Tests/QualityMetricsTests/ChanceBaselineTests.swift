import AssayTestSupport
import AssayUtilities
import AuditModel
import DatasetIO
import Foundation
import LabelModels
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// Balanced accuracy beside accuracy and macro-F1, Cohen's κ beside label fidelity, and no ratio over a
/// train-on-real classifier that does no better than a constant guess.
@Suite("a real baseline at chance")
struct ChanceBaselineTests {
    static let metrics: [MetricID] = [
        .labelFidelity, .labelFidelityKappa, .tstrAccuracy, .tstrMacroF1, .tstrBalancedAccuracy, .trtrAccuracy,
        .trtrMacroF1, .trtrBalancedAccuracy, .tstrRatio,
    ]

    /// `rows` texts of ten words; with `informative`, each row's label is the topic its words come from
    /// (one row in five drawn at random instead), otherwise a seeded draw that has nothing to do with the words.
    static func dataset(_ name: String, role: DatasetRole, rows: Int, informative: Bool, seed: UInt64) -> Dataset {
        let topics = ["alpha", "beta", "gamma"]
        var generator = SplitMix64(seed: seed)
        var texts: [String] = []
        var labels: [String?] = []
        for _ in 0..<rows {
            let topic = generator.index(below: 3)
            texts.append(
                (0..<10).map { _ in "\(topics[topic])\(generator.index(below: 40)) common\(generator.index(below: 60))"
                }
                .joined(separator: " "))
            let random = topics[generator.index(below: 3)]
            labels.append(informative && generator.index(below: 5) > 0 ? topics[topic] : random)
        }
        return Dataset(name: name, role: role, path: name, texts: texts, labels: labels)
    }

    @Test func labelsThatFollowTheTextsGiveRatios() throws {
        let real = Self.dataset("real", role: .real, rows: 600, informative: true, seed: 1)
        let synthetic = Self.dataset("synthetic", role: .synthetic, rows: 300, informative: true, seed: 2)
        let result = try AuditEngine(configuration: AuditConfiguration(metrics: Self.metrics)).run([real, synthetic])
        let (realEntry, entry) = (result.datasets[0], result.datasets[1])
        let balanced = try #require(realEntry.metrics[.trtrBalancedAccuracy]?.number)
        #expect(balanced > 0.7)
        #expect((realEntry.intervals[.trtrBalancedAccuracy]?.lower ?? 0) > 1.0 / 3)
        #expect(entry.metrics[.tstrRatio]?.number != nil)
        #expect(entry.intervals[.tstrBalancedAccuracy] != nil)
        let kappa = try #require(entry.metrics[.labelFidelityKappa]?.number)
        let fidelity = try #require(entry.metrics[.labelFidelity]?.number)
        #expect(kappa > 0.5 && kappa < fidelity, "κ corrects agreement for chance: \(kappa) against \(fidelity)")
        print("informative labels: TRTR balanced accuracy \(balanced), fidelity \(fidelity), κ \(kappa)")
        // κ per label says nothing (one label on every row): whole dataset only.
        #expect(entry.perLabel["alpha"]?[.labelFidelityKappa] == .skipped(.wholeDatasetOnly))
    }

    @Test func labelsUnrelatedToTheTextsAreNotMeasurable() throws {
        let real = Self.dataset("real", role: .real, rows: 600, informative: false, seed: 3)
        let synthetic = Self.dataset("synthetic", role: .synthetic, rows: 300, informative: true, seed: 4)
        let result = try AuditEngine(configuration: AuditConfiguration(metrics: Self.metrics)).run([real, synthetic])
        let (realEntry, entry) = (result.datasets[0], result.datasets[1])
        let balanced = try #require(realEntry.metrics[.trtrBalancedAccuracy]?.number)
        let interval = try #require(realEntry.intervals[.trtrBalancedAccuracy])
        #expect(interval.lower <= 1.0 / 3, "\(balanced) [\(interval.lower), \(interval.upper)]")
        for dataset in [realEntry, entry] {
            for id in [MetricID.tstrRatio, .labelFidelity, .labelFidelityKappa] {
                guard
                    case .skipped(.realClassifierAtChance(let value, let lower, let upper, let classes))? =
                        dataset.metrics[id]
                else {
                    Issue.record("\(dataset.name) \(id): \(String(describing: dataset.metrics[id]))")
                    continue
                }
                #expect(value == balanced && lower == interval.lower && upper == interval.upper && classes == 3)
            }
            #expect(dataset.intervals[.tstrRatio] == nil)
            // The raw scores stay: they are what the reader weighs.
            #expect(dataset.metrics[.trtrAccuracy]?.number != nil && dataset.metrics[.tstrAccuracy]?.number != nil)
        }
        let words = PlainWording().words(
            for: .realClassifierAtChance(balancedAccuracy: 0.3412, lower: 0.30, upper: 0.3801, classes: 3))
        #expect(
            words
                == "not measurable: the classifier trained on the real data does no better than always guessing one "
                + "label (balanced accuracy 0.341 [0.300, 0.380] is not above chance, 1/3 = 0.333)")
    }

    @Test func chanceIsOneOverTheLabelsAmongTheHeldOutRows() throws {
        // Three real labels, but the held-out rows hold two: always guessing label 0 scores 1/2 there, which
        // must not pass for beating 1/3. Guessing right on every row does beat it.
        let truth = (0..<40).map { $0 % 2 }
        let constant = [Int](repeating: 0, count: 40)
        let balanced = try #require(ClassificationScores.balancedAccuracy(truth: truth, predicted: constant))
        #expect(balanced == 0.5)
        let reason = RealClassifier.chanceCheck(
            balanced, truth: truth, predicted: constant, classes: 3, configuration: AuditConfiguration())
        guard case .realClassifierAtChance(0.5, let lower?, let upper?, 2)? = reason else {
            Issue.record("\(String(describing: reason))")
            return
        }
        #expect(lower == 0.5 && upper == 0.5)
        #expect(
            RealClassifier.chanceCheck(
                1, truth: truth, predicted: truth, classes: 3, configuration: AuditConfiguration()) == nil)
        // Without resamples, the value itself decides.
        // Held-out rows of one label cannot tell any classifier from a constant guess.
        let one = [Int](repeating: 1, count: 10)
        let single = RealClassifier.chanceCheck(
            1, truth: one, predicted: one, classes: 3, configuration: AuditConfiguration())
        #expect(single == .realClassifierAtChance(balancedAccuracy: 1, lower: 1, upper: 1, classes: 1))
        #expect(
            single.map(PlainWording().words)?.hasPrefix("not measurable: the real held-out rows hold one label") == true
        )
        let none = AuditConfiguration(bootstrapResamples: 0)
        #expect(
            RealClassifier.chanceCheck(0.75, truth: truth, predicted: truth, classes: 3, configuration: none) == nil)
        #expect(
            RealClassifier.chanceCheck(0.5, truth: truth, predicted: constant, classes: 3, configuration: none)
                == .realClassifierAtChance(balancedAccuracy: 0.5, lower: nil, upper: nil, classes: 2))
    }

    /// The issue's case: sarcasm is rare, and the real-trained classifier predicts the majority class.
    @Test(.enabled(if: RepositoryPaths.hasSharedDatasets, "needs ../shared/datasets"))
    func sarcasmHasNoUtilityRatioAboveOne() throws {
        let folder = RepositoryPaths.sharedDatasets.appendingPathComponent("sarcasm_isarcasmeval_gpt35")
        let real = try DatasetReader().read(
            DatasetSource(argument: folder.appendingPathComponent("real.jsonl").path), role: .real)
        let synthetic = try DatasetReader().read(
            DatasetSource(argument: folder.appendingPathComponent("synthetic_gpt-3.5-turbo_grounded.jsonl").path),
            role: .synthetic)
        let result = try AuditEngine(configuration: AuditConfiguration(metrics: Self.metrics)).run([real, synthetic])
        for entry in result.datasets {
            if let ratio = entry.metrics[.tstrRatio]?.number { #expect(ratio <= 1, "\(entry.name): \(ratio)") }
        }
        let entry = result.datasets[1]
        guard case .skipped(.realClassifierAtChance)? = entry.metrics[.tstrRatio] else {
            Issue.record("tstr_ratio: \(String(describing: entry.metrics[.tstrRatio]))")
            return
        }
        print(
            "sarcasm: TRTR balanced accuracy \(result.datasets[0].metrics[.trtrBalancedAccuracy]?.number ?? -1), "
                + "TSTR \(entry.metrics[.tstrBalancedAccuracy]?.number ?? -1)")
    }
}
