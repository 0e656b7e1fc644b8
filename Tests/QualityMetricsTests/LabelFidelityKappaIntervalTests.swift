import AssayTestSupport
import AssayUtilities
import AuditModel
import AuditPlan
import DatasetIO
import Foundation
import LabelAgreement
import Testing

@testable import QualityMetrics

/// `label_fidelity_kappa`'s bootstrap interval: each resample's κ from confusion counts.
@Suite("Label fidelity κ interval")
struct LabelFidelityKappaIntervalTests {
    /// The counting κ equals the library's Cohen's κ (checked against scikit-learn) on the same rows.
    @Test func countsGiveCohensKappa() throws {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<20 {
            let n = 50
            let a = (0..<n).map { _ in Int(generator.next() % 3) }
            let b = a.map { generator.next() % 4 == 0 ? Int(generator.next() % 3) : $0 }
            let rows = (0..<n).map { _ in Int(generator.next() % UInt64(n)) }
            let expected = try InterRaterAgreement.cohenKappa(rows.map { "\(a[$0])" }, rows.map { "\(b[$0])" })
            let counted = try #require(LabelFidelityKappa.kappa(a, b, rows: rows, classes: 3))
            #expect(abs(counted - expected) < 1e-12)
        }
        // One class on both sides: chance agreement is 1, κ undefined.
        #expect(LabelFidelityKappa.kappa([0, 0], [0, 0], rows: [0, 1], classes: 1) == nil)
    }

    /// AG News, whose real-trained classifier works: the interval holds the value.
    @Test(.enabled(if: RepositoryPaths.hasSharedDatasets, "needs ../shared/datasets"))
    func agNewsIntervalHoldsTheValue() throws {
        let folder = RepositoryPaths.sharedDatasets.appendingPathComponent("agnews_llm_synthetic")
        let real = try DatasetReader().read(
            DatasetSource(argument: folder.appendingPathComponent("real.jsonl").path), role: .real)
        let synthetic = try DatasetReader().read(
            DatasetSource(
                argument: folder.appendingPathComponent("synthetic_llama-2-7b-chat-hf_baseline_sample.jsonl").path),
            role: .synthetic)
        let result = try AuditEngine(
            configuration: AuditConfiguration(metrics: [.labelFidelityKappa], bootstrapResamples: 200)
        ).run([real, synthetic])
        for entry in result.datasets {
            let value = try #require(entry.metrics[.labelFidelityKappa]?.number)
            let interval = try #require(entry.intervals[.labelFidelityKappa])
            #expect(interval.lower <= value && value <= interval.upper, "\(entry.name): \(value) \(interval)")
            #expect(interval.upper - interval.lower > 0 && interval.upper - interval.lower < 0.5)
        }
    }
}
