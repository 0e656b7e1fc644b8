import Testing

@testable import LinearAlgebra

@Suite("OpenBLAS-backed linear algebra")
struct LinearAlgebraTests {
    @Test func multipliesSmallMatrices() throws {
        let a = try Matrix(rows: 2, columns: 3, storage: [1, 2, 3, 4, 5, 6])
        let b = try Matrix(rows: 3, columns: 2, storage: [7, 8, 9, 10, 11, 12])
        let c = try a.multiplied(by: b)
        #expect(c.storage == [58, 64, 139, 154])
    }

    @Test func rejectsMismatchedDimensions() {
        let a = Matrix(rows: 2, columns: 3)
        #expect(throws: LinearAlgebraError.dimensionMismatch(lhsColumns: 3, rhsRows: 2)) {
            try a.multiplied(by: a)
        }
    }

    @Test func eigendecomposesSymmetricMatrix() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        let a = try Matrix(rows: 2, columns: 2, storage: [2, 1, 1, 2])
        let result = try a.symmetricEigendecomposition()
        #expect(abs(result.eigenvalues[0] - 1) < 1e-5)
        #expect(abs(result.eigenvalues[1] - 3) < 1e-5)
        // Eigenvector for 3 is ±(1, 1)/sqrt(2).
        let v = result.eigenvectors
        #expect(abs(abs(v[1, 0]) - 0.70710677) < 1e-5)
        #expect(abs(v[1, 0] - v[1, 1]) < 1e-5)
    }

    @Test func rejectsRectangularEigenInput() {
        #expect(throws: LinearAlgebraError.notSquare(rows: 2, columns: 3)) {
            try Matrix(rows: 2, columns: 3).symmetricEigendecomposition()
        }
    }
}

@Suite("OpenBLAS threads", .serialized)
struct BLASThreadTests {
    @Test func releasedThreadsComeBackForTheNextCall() throws {
        let a = try Matrix(rows: 64, columns: 64, storage: (0..<4096).map { Float($0 % 13) / 13 })
        let before = try a.multiplied(by: a)
        BLAS.releaseIdleThreads()
        #expect(try a.multiplied(by: a) == before)
        #expect(BLAS.threadCount >= 1)
    }
}

@Suite("OpenBLAS thread count", .serialized)
struct BLASThreadCountTests {
    @Test func setsAndRestoresThreadCount() {
        let original = BLAS.threadCount
        BLAS.setThreadCount(1)
        #expect(BLAS.threadCount == 1)
        BLAS.threadCount = 2
        #expect(BLAS.threadCount == 2)
        BLAS.setThreadCount(original)
        #expect(BLAS.threadCount == original)
    }
}
