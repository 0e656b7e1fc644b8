import AssayTestSupport
import AssayUtilities
import Testing

@testable import LinearAlgebra

/// XᵀX by a plain double loop.
private func bruteForceGram(_ x: Matrix) -> [Double] {
    let d = x.columns
    var gram = [Double](repeating: 0, count: d * d)
    for r in 0..<x.rows {
        for i in 0..<d {
            for j in 0..<d { gram[i * d + j] += Double(x[r, i]) * Double(x[r, j]) }
        }
    }
    return gram
}

@Suite("Double-precision Gram matrix and symmetric eigenvalues")
struct GramEigenTests {
    @Test func gramOfSmallMatrix() throws {
        // X = [[1, 2], [3, 4], [5, 6]]: XᵀX = [[35, 44], [44, 56]].
        let x = try Matrix(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 6])
        #expect(x.gramMatrixDouble() == [35, 44, 44, 56])
    }

    @Test(arguments: [1, 2, 7, 512])
    func gramMatchesBruteForceAcrossBlocks(blockRows: Int) {
        let x = RandomMatrices.uniform(rows: 45, columns: 6, seed: 99, normalized: false)
        let expected = bruteForceGram(x)
        let gram = x.gramMatrixDouble(centeredAt: nil, blockRows: blockRows)
        #expect(gram.count == 36)
        for (a, b) in zip(gram, expected) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
        // Symmetric exactly.
        for i in 0..<6 { for j in 0..<6 { #expect(gram[i * 6 + j] == gram[j * 6 + i]) } }
    }

    @Test func gramAccumulatesInDouble() throws {
        // 1 + 1e-4·k summed 3,000 times: Float32 accumulation would be off in the 4th digit.
        let values = (0..<3000).map { Float(1) + Float($0 % 7) * 1e-4 }
        let x = try Matrix(rows: values.count, columns: 1, storage: values)
        let exact = values.reduce(0.0) { $0 + Double($1) * Double($1) }
        let gram = x.gramMatrixDouble()
        #expect(abs(gram[0] - exact) <= 1e-12 * exact)
    }

    @Test func eigenvaluesOfLargeGramMatchBruteForce() throws {
        // The Vendi setting: eigenvalues of XᵀX/N for N = 100,000 unit rows, against a plain double loop.
        let n = 100_000
        let x = RandomMatrices.uniform(rows: n, columns: 8, seed: 2024)
        let scale = 1 / Double(n)
        let values = try Matrix.symmetricEigenvalues(x.gramMatrixDouble().map { $0 * scale }, dimension: 8)
        let expected = try Matrix.symmetricEigenvalues(bruteForceGram(x).map { $0 * scale }, dimension: 8)
        #expect(abs(values.reduce(0, +) - 1) < 1e-9)
        for (a, b) in zip(values, expected) { #expect(abs(a - b) <= 1e-10 * b) }
    }

    @Test func gramOfEmptyMatrices() {
        #expect(Matrix(rows: 0, columns: 3).gramMatrixDouble() == Array(repeating: 0, count: 9))
        #expect(Matrix(rows: 4, columns: 0).gramMatrixDouble() == [])
    }

    @Test func centeredGramMatchesBruteForce() {
        let x = RandomMatrices.uniform(rows: 30, columns: 4, seed: 5, normalized: false)
        let mean = (0..<4).map { c in (0..<30).reduce(0.0) { $0 + Double(x[$1, c]) } / 30 }
        var expected = [Double](repeating: 0, count: 16)
        for r in 0..<30 {
            for i in 0..<4 {
                for j in 0..<4 { expected[i * 4 + j] += (Double(x[r, i]) - mean[i]) * (Double(x[r, j]) - mean[j]) }
            }
        }
        let gram = x.gramMatrixDouble(centeredAt: mean, blockRows: 8)
        for (a, b) in zip(gram, expected) { #expect(abs(a - b) <= 1e-12 * max(1, abs(b))) }
    }

    @Test func eigenvaluesOfKnownMatrices() throws {
        let two = try Matrix.symmetricEigenvalues([2, 1, 1, 2], dimension: 2)
        #expect(abs(two[0] - 1) < 1e-14 && abs(two[1] - 3) < 1e-14)
        // Tridiagonal [2, -1] matrix: 2 - √2, 2, 2 + √2.
        let three = try Matrix.symmetricEigenvalues([2, -1, 0, -1, 2, -1, 0, -1, 2], dimension: 3)
        let expected = [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]
        for (a, b) in zip(three, expected) { #expect(abs(a - b) < 1e-14) }
        #expect(try Matrix.symmetricEigenvalues([], dimension: 0) == [])
        #expect(try Matrix.symmetricEigenvalues([4.5], dimension: 1) == [4.5])
    }

    @Test func eigensystemSatisfiesDefinition() throws {
        let x = RandomMatrices.uniform(rows: 50, columns: 7, seed: 17, normalized: false)
        let gram = x.gramMatrixDouble()
        let (values, vectors) = try Matrix.symmetricEigensystem(gram, dimension: 7)
        let plainValues = try Matrix.symmetricEigenvalues(gram, dimension: 7)
        #expect(values.count == 7 && vectors.count == 49)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        let trace = (0..<7).reduce(0.0) { $0 + gram[$1 * 8] }
        #expect(abs(values.reduce(0, +) - trace) <= 1e-12 * trace)
        for i in 0..<7 {
            #expect(abs(values[i] - plainValues[i]) <= 1e-12 * trace)
            let v = Array(vectors[(i * 7)..<(i * 7 + 7)])
            #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
            for row in 0..<7 {
                let av = (0..<7).reduce(0.0) { $0 + gram[row * 7 + $1] * v[$1] }
                #expect(abs(av - values[i] * v[row]) <= 1e-10 * trace)
            }
        }
    }

    @Test func rejectsWrongStorageSize() {
        #expect(throws: LinearAlgebraError.storageSizeMismatch(expected: 4, actual: 3)) {
            try Matrix.symmetricEigenvalues([1, 2, 3], dimension: 2)
        }
        #expect(throws: LinearAlgebraError.storageSizeMismatch(expected: 9, actual: 4)) {
            try Matrix.symmetricEigensystem([1, 0, 0, 1], dimension: 3)
        }
    }
}
