import AssayTestSupport
import AssayUtilities
import Foundation
import LinearAlgebra
import Testing

@testable import LabelModels

@Suite("Softmax objective")
struct SoftmaxObjectiveTests {
    /// The analytic gradient agrees with central differences, across a block boundary (300 rows).
    @Test func gradientMatchesFiniteDifferences() {
        let (x, labels) = gaussianClasses(rows: 300, dimension: 3, classes: 3, separation: 1, seed: 9)
        let objective = SoftmaxObjective(features: x, targets: labels, classes: 3, penalty: 1.0 / 300)
        var generator = SplitMix64(seed: 10)
        let theta = (0..<objective.parameterCount).map { _ in Double(generator.nextGaussian()) * 0.3 }
        var gradient: [Double] = []
        _ = objective.evaluate(theta, gradient: &gradient)
        var scratch: [Double] = []
        let h = 1e-6
        for i in theta.indices {
            var plus = theta
            var minus = theta
            plus[i] += h
            minus[i] -= h
            let numeric =
                (objective.evaluate(plus, gradient: &scratch) - objective.evaluate(minus, gradient: &scratch)) / (2 * h)
            #expect(abs(numeric - gradient[i]) <= 1e-7, "parameter \(i)")
        }
    }

    /// The value equals the textbook objective C·Σ −log p + ½‖W‖² divided by C·N.
    @Test func valueMatchesDirectSum() throws {
        let x = try Matrix(rows: 3, columns: 2, storage: [1, 0, 0, 1, 1, 1])
        let labels = [0, 1, 1]
        let c = 2.0
        let objective = SoftmaxObjective(features: x, targets: labels, classes: 2, penalty: 1 / (c * 3))
        let theta: [Double] = [0.5, -0.25, 1, 2, 0.1, -0.2]  // W = [[0.5, -0.25], [1, 2]], b = [0.1, -0.2]
        var gradient: [Double] = []
        let value = objective.evaluate(theta, gradient: &gradient)
        var loss = 0.0
        for r in 0..<3 {
            let z = (0..<2).map { k in
                theta[k * 2] * Double(x[r, 0]) + theta[k * 2 + 1] * Double(x[r, 1]) + theta[4 + k]
            }
            loss -= log(exp(z[labels[r]]) / (exp(z[0]) + exp(z[1])))
        }
        let squared = theta[0..<4].map { $0 * $0 }.reduce(0, +)
        let expected = (c * loss + 0.5 * squared) / (c * 3)
        #expect(abs(value - expected) <= 1e-14)
    }
}
