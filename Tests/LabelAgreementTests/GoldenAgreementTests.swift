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
        let krippendorff_alpha: Double?
        let fleiss_kappa: Double?
        let percent_agreement: Double?
        let instance_subjectivity_mean: Double?
        let units_rated: Int
        let ratings: Int
    }

    struct PerUnit: Decodable, Sendable {
        let minority_share: [Double?]
        let vote_entropy: [Double?]
    }

    struct InlineCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let units: [[String]]
        let expected: Expected
        let per_unit: PerUnit
        var testDescription: String { name }
    }

    struct CohenCase: Decodable, Sendable, CustomTestStringConvertible {
        struct Value: Decodable, Sendable { let cohen_kappa: Double? }
        let name: String
        let a: [String]
        let b: [String]
        let expected: Value
        var testDescription: String { name }
    }

    struct File: Decodable {
        let inline: [InlineCase]
        let cohen_kappa: [CohenCase]
        let shared: [SharedCase]
        struct SharedCase: Decodable { let name: String }
    }

    static let file: File? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/golden/agreement.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(File.self, from: $0) }
    }()

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
        #expect(table.pairableUnits.count == expected.units_rated)
        #expect(table.ratingCount == expected.ratings)
        Self.expect(golden.name, "alpha", expected.krippendorff_alpha) { () throws(UndefinedAgreement) in
            try InterRaterAgreement.krippendorffAlpha(table)
        }
        Self.expect(golden.name, "fleiss", expected.fleiss_kappa) { () throws(UndefinedAgreement) in
            try InterRaterAgreement.fleissKappa(table)
        }
        Self.expect(golden.name, "percent", expected.percent_agreement) { () throws(UndefinedAgreement) in
            try InterRaterAgreement.percentAgreement(table)
        }
        let perUnit = InstanceSubjectivity.perUnit(table)
        #expect(perUnit.count == golden.per_unit.minority_share.count)
        for (index, value) in perUnit.enumerated() {
            let share = golden.per_unit.minority_share[safe: index] ?? nil
            let entropy = golden.per_unit.vote_entropy[safe: index] ?? nil
            #expect((value == nil) == (share == nil), "unit \(index)")
            if let value, let share, let entropy {
                #expect(abs(value.minorityShare - share) <= Self.tolerance, "unit \(index)")
                #expect(abs(value.voteEntropy - entropy) <= Self.tolerance, "unit \(index)")
            }
        }
        let shares = perUnit.compactMap { $0?.minorityShare }
        if let mean = expected.instance_subjectivity_mean {
            #expect(abs(shares.reduce(0, +) / Double(shares.count) - mean) <= Self.tolerance)
        } else {
            #expect(shares.isEmpty)
        }
    }

    @Test(arguments: file?.cohen_kappa ?? [])
    func cohenCase(_ golden: CohenCase) {
        Self.expect(golden.name, "cohen", golden.expected.cohen_kappa) { () throws(UndefinedAgreement) in
            try InterRaterAgreement.cohenKappa(golden.a, golden.b)
        }
    }

    @Test func theReferenceFileHasEveryKindOfCase() throws {
        let file = try #require(Self.file, "Fixtures/golden/agreement.json is missing or unreadable")
        #expect(file.inline.count >= 10)
        #expect(file.cohen_kappa.count >= 6)
        #expect(file.shared.count == 10)
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
