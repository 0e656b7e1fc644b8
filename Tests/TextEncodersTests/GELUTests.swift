import Foundation
import Testing

@testable import TextEncoders

/// The vectorisable erf behind the GELU against libm's double-precision erf.
@Suite("GELU")
struct GELUTests {
    @Test("erf within 5e-7 on [-6, 6]; GELU within 1.4e-6 of the exact GELU on [-10, 10]")
    func accuracy() {
        var worstErf = 0.0
        var worstGELU = 0.0
        for i in -100_000...100_000 {
            let x = Float(i) / 10_000
            if abs(x) <= 6 { worstErf = max(worstErf, abs(Double(GELU.erf(x)) - Foundation.erf(Double(x)))) }
            var values = [x]
            GELU.apply(&values)
            let exact = 0.5 * Double(x) * (1 + Foundation.erf(Double(x) / 2.0.squareRoot()))
            worstGELU = max(worstGELU, abs(Double(values[0]) - exact))
        }
        #expect(worstErf < 5e-7, "erf error \(worstErf)")
        #expect(worstGELU < 1.4e-6, "gelu error \(worstGELU)")
        #expect(GELU.erf(0) == 0)
        #expect(GELU.erf(-1) == -GELU.erf(1))
    }
}

/// The vectorisable exp of the attention softmax against libm.
@Suite("Softmax")
struct SoftmaxTests {
    @Test("exp within 2e-7 relative error on [-87, 0]; rows sum to 1")
    func accuracy() {
        var worst = 0.0
        for i in 0...870_000 {
            let x = -Float(i) / 10_000
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(Softmax.exp(x)) - exact) / exact)
        }
        #expect(worst < 2e-7, "exp relative error \(worst)")
        var scores: [Float] = [1, 2, 3, -1000, 0, 0]
        scores.withUnsafeMutableBufferPointer { Softmax.rows($0, rows: 2, columns: 3) }
        let e: [Double] = [1, 2, 3].map { Foundation.exp(Double($0) - 3) }
        for j in 0..<3 { #expect(abs(Double(scores[j]) - e[j] / e.reduce(0, +)) < 1e-7) }
        #expect(scores[3] < 1e-30 && abs(scores[4] - 0.5) < 1e-7 && abs(scores[5] - 0.5) < 1e-7)
    }
}
