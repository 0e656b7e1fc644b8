import AssayTestSupport
import AssayUtilities
import Testing

@testable import LinearAlgebra

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }

@Suite("Principal components")
struct PrincipalComponentsTests {
    @Test func handWorkedTwoDimensionalExample() throws {
        // Points (0,0), (2,2), (1,0), (1,2): mean (1,1); centred sums xx = 2, yy = 4, xy = 2, so the
        // covariance is [[2, 2], [2, 4]] / 3 with eigenvalues (3 ± √5)/3 and eigenvectors ∝ (2, 1 ± √5).
        let x = try Matrix(rows: 4, columns: 2, storage: [0, 0, 2, 2, 1, 0, 1, 2])
        let pca = try PrincipalComponents.fit(x)
        let root5 = 5.0.squareRoot()
        #expect(pca.mean == [1, 1])
        #expect(close(pca.explainedVariance[0], (3 + root5) / 3))
        #expect(close(pca.explainedVariance[1], (3 - root5) / 3))
        // (2, 1 + √5) has positive entries; (2, 1 − √5) = (2, −1.236…) has its largest entry, 2, positive.
        let norm1 = (4 + (1 + root5) * (1 + root5)).squareRoot()
        let norm2 = (4 + (1 - root5) * (1 - root5)).squareRoot()
        let first = [2 / norm1, (1 + root5) / norm1]
        let second = [2 / norm2, (1 - root5) / norm2]
        for j in 0..<2 {
            #expect(close(pca.components[0][j], first[j]))
            #expect(close(pca.components[1][j], second[j]))
        }
        // Row (0, 0) is (−1, −1) from the mean.
        let projected = pca.project(x)
        #expect(projected.count == 4)
        #expect(close(projected[0][0], -(first[0] + first[1])))
        #expect(close(projected[0][1], -(second[0] + second[1])))
        // Projections have zero mean and the explained variances as sample variances.
        for c in 0..<2 {
            let column = projected.map { $0[c] }
            #expect(close(column.reduce(0, +), 0))
            #expect(close(column.reduce(0) { $0 + $1 * $1 } / 3, pca.explainedVariance[c]))
        }
    }

    @Test func handWorkedThreeDimensionalExample() throws {
        // (±3,0,0), (0,±2,0), (0,0,±1): mean 0, covariance diag(18, 8, 2)/5; the negative axis points fix no
        // sign, the max-abs rule makes each component the positive unit axis.
        let rows: [[Float]] = [[3, 0, 0], [-3, 0, 0], [0, 2, 0], [0, -2, 0], [0, 0, 1], [0, 0, -1]]
        let x = try Matrix(rows: 6, columns: 3, storage: rows.flatMap { $0 })
        let pca = try PrincipalComponents.fit(x, count: 3)
        #expect(pca.mean == [0, 0, 0])
        let expectedVariance = [3.6, 1.6, 0.4]
        for i in 0..<3 { #expect(close(pca.explainedVariance[i], expectedVariance[i])) }
        for i in 0..<3 {
            for j in 0..<3 { #expect(close(pca.components[i][j], i == j ? 1 : 0)) }
        }
        let projected = pca.project(x)
        #expect(close(projected[1][0], -3) && close(projected[2][1], 2) && close(projected[5][2], -1))
        #expect(close(projected[0][1], 0) && close(projected[0][2], 0))
    }

    @Test func matchesBruteForceCovariance() throws {
        let n = 200
        let d = 5
        var x = RandomMatrices.uniform(rows: n, columns: d, seed: 31, normalized: false)
        // Different scales and an offset so the components are well separated and centring matters.
        for r in 0..<n {
            for c in 0..<d { x[r, c] = x[r, c] * Float(c + 1) + 10 }
            x[r, 1] += 0.5 * x[r, 4]
        }
        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { mean[c] += Double(x[r, c]) / Double(n) } }
        var covariance = [Double](repeating: 0, count: d * d)
        for r in 0..<n {
            for i in 0..<d {
                for j in 0..<d {
                    covariance[i * d + j] += (Double(x[r, i]) - mean[i]) * (Double(x[r, j]) - mean[j]) / Double(n - 1)
                }
            }
        }
        let pca = try PrincipalComponents.fit(x, count: d)
        for c in 0..<d { #expect(close(pca.mean[c], mean[c], 1e-9)) }
        let trace = (0..<d).reduce(0.0) { $0 + covariance[$1 * (d + 1)] }
        #expect(close(pca.explainedVariance.reduce(0, +), trace, 1e-9 * trace))
        #expect(zip(pca.explainedVariance, pca.explainedVariance.dropFirst()).allSatisfy { $0 >= $1 })
        for (i, v) in pca.components.enumerated() {
            // Unit norm, orthogonal, C v = λ v, largest-magnitude entry positive.
            #expect(close(v.reduce(0) { $0 + $1 * $1 }, 1, 1e-12))
            for other in pca.components[(i + 1)...] {
                #expect(close(zip(v, other).reduce(0) { $0 + $1.0 * $1.1 }, 0, 1e-12))
            }
            for row in 0..<d {
                let cv = (0..<d).reduce(0.0) { $0 + covariance[row * d + $1] * v[$1] }
                #expect(close(cv, pca.explainedVariance[i] * v[row], 1e-9 * trace))
            }
            let largest = v.indices.max { abs(v[$0]) < abs(v[$1]) } ?? 0
            #expect(v[largest] > 0)
        }
        let projected = pca.project(x)
        for r in [0, 57, 199] {
            for (i, v) in pca.components.enumerated() {
                let expected = (0..<d).reduce(0.0) { $0 + (Double(x[r, $1]) - mean[$1]) * v[$1] }
                #expect(close(projected[r][i], expected, 1e-9))
            }
        }
    }

    @Test func fewerThanTwoRowsGiveZeroComponents() throws {
        let empty = try PrincipalComponents.fit(Matrix(rows: 0, columns: 3))
        #expect(empty.mean == [0, 0, 0])
        #expect(empty.components == [[0, 0, 0], [0, 0, 0]])
        #expect(empty.explainedVariance == [0, 0])
        #expect(empty.project(Matrix(rows: 0, columns: 3)).isEmpty)

        let one = try PrincipalComponents.fit(Matrix(rows: 1, columns: 3, storage: [1, 2, 3]))
        #expect(one.mean == [1, 2, 3])
        #expect(one.components == [[0, 0, 0], [0, 0, 0]])
        #expect(one.explainedVariance == [0, 0])
        #expect(one.project(try Matrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5, 6])) == [[0, 0], [0, 0]])
    }

    @Test func moreComponentsThanColumnsArePaddedWithZeros() throws {
        let x = try Matrix(rows: 3, columns: 1, storage: [1, 2, 6])
        let pca = try PrincipalComponents.fit(x, count: 3)
        #expect(pca.components == [[1], [0], [0]])
        #expect(close(pca.explainedVariance[0], 7))  // mean 3; (4 + 1 + 9) / 2
        #expect(pca.explainedVariance[1...] == [0, 0])
        #expect(pca.project(x)[2] == [3, 0, 0])
        #expect(try PrincipalComponents.fit(x, count: 0).components.isEmpty)
    }
}
