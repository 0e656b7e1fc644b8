import AssayTestSupport
import Foundation
import Testing

@testable import DistributionDistances

/// ``DiscriminativeTerms`` against a plain numpy implementation of Monroe, Colaresi & Quinn (2008), eq. 22,
/// in `Fixtures/golden/discriminator.json` (`log_odds`), written by `References/golden_discriminator.py`.
@Suite("discriminative terms (Monroe et al. log-odds)")
struct DiscriminativeTermsTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let name: String
        let alpha0: Alpha
        let syntheticCounts: [Int]
        let realCounts: [Int]
        let tokens: [UInt32]
        let delta: [Double]
        let variance: [Double]
        let z: [Double]
        let prior: [Double]
        var testDescription: String { name }

        enum Alpha: Decodable, Sendable {
            case pooled
            case fixed(Double)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let value = try? container.decode(Double.self) { self = .fixed(value) } else { self = .pooled }
            }
            var prior: DiscriminativeTerms.Prior {
                switch self {
                case .pooled: .pooledTotal
                case .fixed(let value): .total(value)
                }
            }
        }

        enum CodingKeys: String, CodingKey {
            case name, alpha0, tokens, delta, variance, z, prior
            case syntheticCounts = "synthetic_counts"
            case realCounts = "real_counts"
        }

        /// A stream holding each token id its count times.
        static func stream(_ counts: [Int]) -> [UInt32] {
            counts.enumerated().flatMap { id, count in [UInt32](repeating: UInt32(id), count: count) }
        }
    }

    struct Golden: Decodable {
        let logOdds: [Case]
        enum CodingKeys: String, CodingKey { case logOdds = "log_odds" }
    }

    static let golden = RepositoryPaths.decodedFixture(Golden.self, "golden/discriminator.json")

    @Test func goldenFileLoads() { #expect(Self.golden?.logOdds.count == 4) }

    @Test(arguments: golden?.logOdds ?? [])
    func matchesNumpy(_ golden: Case) throws {
        // Shuffled streams: the method depends on counts only.
        let synthetic = Case.stream(golden.syntheticCounts).reversed() as [UInt32]
        let real = Case.stream(golden.realCounts)
        let terms = try DiscriminativeTerms.scores(synthetic: synthetic, real: real, prior: golden.alpha0.prior)
        #expect(terms.map(\.token) == golden.tokens)
        var largest = 0.0
        for (i, term) in terms.enumerated() where i < golden.z.count {
            largest = max(largest, abs(term.zScore - golden.z[i]))
            #expect(abs(term.zScore - golden.z[i]) <= 1e-9, "token \(term.token)")
            #expect(abs(term.logOddsRatio - golden.delta[i]) <= 1e-9)
            #expect(abs(term.variance - golden.variance[i]) <= 1e-12 * max(1, golden.variance[i]))
            #expect(abs(term.prior - golden.prior[i]) <= 1e-9 * max(1, golden.prior[i]))
            #expect(term.syntheticCount == golden.syntheticCounts[Int(term.token)])
            #expect(term.realCount == golden.realCounts[Int(term.token)])
        }
        print("\(golden.name): max |Δz| \(largest)")

        // The top lists are the golden z-scores sorted, ties by token id.
        let top = try DiscriminativeTerms.top(synthetic: synthetic, real: real, limit: 10, prior: golden.alpha0.prior)
        let order = golden.tokens.indices.filter { golden.z[$0] > 0 }.sorted {
            golden.z[$0] > golden.z[$1] || (golden.z[$0] == golden.z[$1] && golden.tokens[$0] < golden.tokens[$1])
        }
        #expect(top.syntheticLeaning.map(\.token) == order.prefix(10).map { golden.tokens[$0] })
        let realOrder = golden.tokens.indices.filter { golden.z[$0] < 0 }.sorted {
            golden.z[$0] < golden.z[$1] || (golden.z[$0] == golden.z[$1] && golden.tokens[$0] < golden.tokens[$1])
        }
        #expect(top.realLeaning.map(\.token) == realOrder.prefix(10).map { golden.tokens[$0] })
        #expect(top.syntheticTokens == synthetic.count && top.realTokens == real.count)
    }

    @Test func identicalStreamsScoreZeroAndListNothing() throws {
        let stream: [UInt32] = [1, 2, 2, 3, 3, 3, 9]
        let terms = try DiscriminativeTerms.scores(synthetic: stream, real: stream.reversed())
        #expect(terms.allSatisfy { abs($0.zScore) <= 1e-12 })
        let top = try DiscriminativeTerms.top(synthetic: stream, real: stream, limit: 5)
        #expect(top.syntheticLeaning.isEmpty && top.realLeaning.isEmpty)
    }

    @Test func tiesBreakBySmallerTokenID() throws {
        // Tokens 5 and 7 have identical counts on both sides, so identical z-scores.
        let synthetic: [UInt32] = [5, 5, 5, 7, 7, 7, 1]
        let real: [UInt32] = [5, 7, 1, 1, 1, 1, 1]
        let top = try DiscriminativeTerms.top(synthetic: synthetic, real: real, limit: 3)
        #expect(top.syntheticLeaning.map(\.token) == [5, 7])
        #expect(top.realLeaning.map(\.token) == [1])
        #expect(try DiscriminativeTerms.top(synthetic: synthetic, real: real, limit: 0).syntheticLeaning.isEmpty)
    }

    @Test func singleTokenVocabularyHasNoFiniteScore() throws {
        #expect(try DiscriminativeTerms.scores(synthetic: [4, 4], real: [4]).isEmpty)
    }

    @Test func hugeTokenIDsNeedNoMemory() throws {
        let top = try DiscriminativeTerms.top(synthetic: [UInt32.max, UInt32.max, 0], real: [0, 0, 1], limit: 2)
        #expect(top.syntheticLeaning.first?.token == UInt32.max)
    }

    @Test func errors() {
        #expect(throws: DistributionDistancesError.emptyTokenStream(side: "synthetic")) {
            try DiscriminativeTerms.scores(synthetic: [], real: [1])
        }
        #expect(throws: DistributionDistancesError.emptyTokenStream(side: "real")) {
            try DiscriminativeTerms.scores(synthetic: [1], real: [])
        }
        for bad in [0.0, -1, .nan, .infinity] {
            #expect(throws: DistributionDistancesError.self) {
                try DiscriminativeTerms.scores(synthetic: [1], real: [2], prior: .total(bad))
            }
        }
        #expect(throws: DistributionDistancesError.invalidLimit(-1)) {
            try DiscriminativeTerms.top(synthetic: [1], real: [2], limit: -1)
        }
        #expect(
            DistributionDistancesError.invalidPriorTotal(0).description
                == "prior total must be positive and finite, got 0.0")
        #expect(
            DistributionDistancesError.emptyTokenStream(side: "real").description == "the real token stream is empty")
    }
}
