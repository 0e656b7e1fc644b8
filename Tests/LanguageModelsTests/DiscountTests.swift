import Testing

@testable import LanguageModels

@Suite("Modified Kneser-Ney discounts")
struct DiscountTests {
    @Test func chenGoodmanEstimates() {
        // Y = 10 / (10 + 10) = 1/2; D1 = 1 − 2·½·5/10 = 1/2, D2 = 2 − 3·½·3/5 = 1.1, D3+ = 3 − 4·½·2/3 = 5/3.
        let d = KneserNeyDiscounts.estimate(n1: 10, n2: 5, n3: 3, n4: 2)
        #expect(!d.isFallback)
        #expect(abs(d.d1 - 0.5) < 1e-15 && abs(d.d2 - 1.1) < 1e-15 && abs(d.d3Plus - 5.0 / 3) < 1e-15)
        #expect(d.discount(forCount: 0) == 0 && d.discount(forCount: 1) == d.d1)
        #expect(d.discount(forCount: 2) == d.d2 && d.discount(forCount: 3) == d.d3Plus)
        #expect(d.discount(forCount: 1000) == d.d3Plus)
    }

    @Test(arguments: [
        (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 0, 1), (1, 1, 1, 0), (0, 0, 0, 0),
        (1, 1, 5, 1),  // D2 = 2 − 3·⅓·5 = −3
        (4, 2, 2, 5),  // D1 = D2 = ½ valid, D3+ = 3 − 4·½·5/2 = −2
    ])
    func degenerateCountsFallBack(_ n: (Int, Int, Int, Int)) {
        #expect(KneserNeyDiscounts.estimate(n1: n.0, n2: n.1, n3: n.2, n4: n.3) == .fallback)
    }

    @Test func fallbackValues() {
        let f = KneserNeyDiscounts.fallback
        #expect(f.d1 == 0.5 && f.d2 == 1 && f.d3Plus == 1.5 && f.isFallback)
    }
}
