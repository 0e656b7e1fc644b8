import AssayTestSupport
import AuditModel
import DatasetIO
import Foundation
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// The ten multi-annotator files of the shared datasets (LeWiDi, DynaSent, POPQUORN), read and audited
/// end to end, against `References/golden_agreement.py`'s krippendorff / statsmodels values.
@Suite("agreement on the shared multi-annotator datasets", .enabled(if: RepositoryPaths.hasSharedDatasets))
struct SharedAgreementTests {
    struct Expected: Decodable, Sendable {
        let krippendorffAlpha: Double?
        let fleissKappa: Double?
        let percentAgreement: Double?
        let instanceSubjectivityMean: Double?
        let unitsRated: Int

        enum CodingKeys: String, CodingKey {
            case krippendorffAlpha = "krippendorff_alpha"
            case fleissKappa = "fleiss_kappa"
            case percentAgreement = "percent_agreement"
            case instanceSubjectivityMean = "instance_subjectivity_mean"
            case unitsRated = "units_rated"
        }
    }

    struct SharedCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let path: String
        let rows: Int
        let expected: Expected
        var testDescription: String { name }
    }

    struct File: Decodable { let shared: [SharedCase] }

    static let cases: [SharedCase] = {
        let url = RepositoryPaths.root.appendingPathComponent("Fixtures/golden/agreement.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(File.self, from: $0).shared } ?? []
    }()

    static let metrics: [MetricID] = [
        .krippendorffAlpha, .fleissKappa, .percentAgreement, .instanceSubjectivityMean, .subjectivityTask,
    ]

    @Test(arguments: cases)
    func matchesTheReference(_ golden: SharedCase) throws {
        let path = RepositoryPaths.sharedDatasets.appendingPathComponent(golden.path).path
        let dataset = try DatasetReader().read(DatasetSource(argument: path), role: .real)
        #expect(dataset.count == golden.rows)
        let configuration = AuditConfiguration(metrics: Self.metrics, bootstrapResamples: 200)
        let result = try AuditEngine(configuration: configuration).run([dataset])
        let entry = try #require(result.datasets.first)
        let pairs: [(MetricID, Double?)] = [
            (.krippendorffAlpha, golden.expected.krippendorffAlpha), (.fleissKappa, golden.expected.fleissKappa),
            (.percentAgreement, golden.expected.percentAgreement),
            (.instanceSubjectivityMean, golden.expected.instanceSubjectivityMean),
            (.subjectivityTask, golden.expected.krippendorffAlpha.map { 1 - $0 }),
        ]
        for (id, expected) in pairs {
            let value = entry.metrics[id]?.number
            if let expected, let value {
                #expect(abs(value - expected) <= 1e-9, "\(golden.name) \(id.rawValue): \(value) vs \(expected)")
            } else {
                #expect(
                    value == nil && expected == nil,
                    "\(golden.name) \(id.rawValue): \(String(describing: value)) vs \(String(describing: expected))")
            }
        }
        #expect(entry.subjectivity?.method == "annotations")
        #expect(entry.subjectivity?.ratedRows == golden.expected.unitsRated)
        let alpha = try #require(entry.metrics[.krippendorffAlpha]?.number)
        let interval = try #require(entry.intervals[.krippendorffAlpha])
        #expect(interval.lower < alpha && alpha < interval.upper)
    }

    @Test func allTenFilesAreChecked() { #expect(Self.cases.count == 10) }
}
