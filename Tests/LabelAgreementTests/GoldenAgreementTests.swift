import AssayTestSupport
import Foundation
import Testing

@testable import LabelAgreement

/// Agreement and subjectivity against the reference values of `References/golden_agreement.py`
/// (krippendorff, statsmodels, scikit-learn) in `Fixtures/golden/agreement.json`: the inline cases and
/// the Cohen's κ cases. The ten shared multi-annotator files are checked end to end in QualityMetricsTests.
@Suite("agreement: reference values")
struct GoldenAgreementTests {
    struct Expected: Decodable, Sendable {
        let categories: [String]
        let krippendorffAlpha: Double?
        let fleissKappa: Double?
        let percentAgreement: Double?
        let instanceSubjectivityMean: Double?
        let unitsRated: Int
        let ratings: Int

        enum CodingKeys: String, CodingKey {
            case categories, ratings
            case krippendorffAlpha = "krippendorff_alpha"
            case fleissKappa = "fleiss_kappa"
            case percentAgreement = "percent_agreement"
            case instanceSubjectivityMean = "instance_subjectivity_mean"
            case unitsRated = "units_rated"
        }
    }

    struct PerUnit: Decodable, Sendable {
        let minorityShare: [Double?]
        let voteEntropy: [Double?]

        enum CodingKeys: String, CodingKey {
            case minorityShare = "minority_share"
            case voteEntropy = "vote_entropy"
        }
    }

    struct InlineCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let units: [[String]]
        let expected: Expected
        let perUnit: PerUnit
        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, units, expected
            case perUnit = "per_unit"
        }
    }

    struct CohenCase: Decodable, Sendable, CustomTestStringConvertible {
        struct Value: Decodable, Sendable {
            let cohenKappa: Double?

            enum CodingKeys: String, CodingKey {
                case cohenKappa = "cohen_kappa"
            }
        }
        let name: String
        let a: [String]
        let b: [String]
        let expected: Value
        var testDescription: String { name }
    }

    struct File: Decodable {
        let inline: [InlineCase]
        let cohenKappa: [CohenCase]
        let shared: [SharedCase]
        struct SharedCase: Decodable { let name: String }

        enum CodingKeys: String, CodingKey {
            case inline, shared
            case cohenKappa = "cohen_kappa"
        }
    }

    static let file = RepositoryPaths.decodedFixture(File.self, "golden/agreement.json")

    static let tolerance = 1e-9

    static func expect(
        _ name: String, _ what: String, _ expected: Double?, _ compute: () throws(UndefinedAgreement) -> Double
    ) {
        do {
            let value = try compute()
            if let expected {
                #expect(abs(value - expected) <= tolerance, "\(name) \(what): \(value) vs \(expected)")
            } else {
                Issue.record("\(name) \(what): got \(value), the reference has none")
            }
        } catch {
            #expect(expected == nil, "\(name) \(what): undefined (\(error.reason)), the reference has \(expected ?? 0)")
        }
    }

    @Test(arguments: file?.inline ?? [])
    func inlineCase(_ golden: InlineCase) {
        let table = VoteTable(annotations: golden.units)
        let expected = golden.expected
        #expect(table.categories == expected.categories)
        #expect(table.pairableUnits.count == expected.unitsRated)
        #expect(table.ratingCount == expected.ratings)
        Self.expect(golden.name, "alpha", expected.krippendorffAlpha) { () throws(UndefinedAgreement) in
            try InterRaterAgreement.krippendorffAlpha(table)
        }
        Self.expect(golden.name, "fleiss", expected.fleissKappa) { () throws(UndefinedAgreement) in
            try InterRaterAgreement.fleissKappa(table)
        }
        Self.expect(golden.name, "percent", expected.percentAgreement) { () throws(UndefinedAgreement) in
            try InterRaterAgreement.percentAgreement(table)
        }
        let perUnit = InstanceSubjectivity.perUnit(table)
        #expect(perUnit.count == golden.perUnit.minorityShare.count)
        for (index, value) in perUnit.enumerated() {
            let share = golden.perUnit.minorityShare[safe: index] ?? nil
            let entropy = golden.perUnit.voteEntropy[safe: index] ?? nil
            #expect((value == nil) == (share == nil), "unit \(index)")
            if let value, let share, let entropy {
                #expect(abs(value.minorityShare - share) <= Self.tolerance, "unit \(index)")
                #expect(abs(value.voteEntropy - entropy) <= Self.tolerance, "unit \(index)")
            }
        }
        let shares = perUnit.compactMap { $0?.minorityShare }
        if let mean = expected.instanceSubjectivityMean {
            #expect(abs(shares.reduce(0, +) / Double(shares.count) - mean) <= Self.tolerance)
        } else {
            #expect(shares.isEmpty)
        }
    }

    @Test(arguments: file?.cohenKappa ?? [])
    func cohenCase(_ golden: CohenCase) {
        Self.expect(golden.name, "cohen", golden.expected.cohenKappa) { () throws(UndefinedAgreement) in
            try InterRaterAgreement.cohenKappa(golden.a, golden.b)
        }
    }

    @Test func theReferenceFileHasEveryKindOfCase() throws {
        let file = try #require(Self.file, "Fixtures/golden/agreement.json is missing or unreadable")
        #expect(file.inline.count >= 10)
        #expect(file.cohenKappa.count >= 6)
        #expect(file.shared.count == 10)
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
