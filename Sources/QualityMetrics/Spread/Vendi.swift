import AssayUtilities
import AuditModel
import AuditPlan
import Foundation
import LinearAlgebra

extension MetricID {
    /// Vendi score with the cosine kernel: the effective number of distinct rows.
    public static let vendi = MetricID("vendi")
}

/// `vendi` = exp(−Σ λ ln λ) over the positive eigenvalues λ of UᵀU/N (which are those of the kernel matrix
/// UUᵀ/N), with UᵀU accumulated in double precision.
///
/// - Complexity: O(N·d² + d³).
struct Vendi: ScopeMetric {
    var descriptor: MetricDescriptor {
        MetricDescriptor(
            .vendi, title: "Vendi score",
            summary: "effective number of distinct rows (cosine kernel, eigenvalue entropy)",
            direction: .higherIsBetter, dimension: .diversity, card: "Metrics/vendi.md")
    }

    func value(in scope: MetricScope) -> MetricValue {
        let embedding = scope.vectors
        if let missing = embedding.tooFew(1) { return missing }
        let n = Double(embedding.count)
        let gram = embedding.unitRows.gramMatrixDouble().map { $0 / n }
        let eigenvalues: [Double]
        do {
            eigenvalues = try Matrix.symmetricEigenvalues(gram, dimension: embedding.dimension)
        } catch {
            return .skipped(.undefined("eigenvalues failed: \(error)"))
        }
        let entropy = -ExactSum.fsum(eigenvalues.filter { $0 > 0 }.map { $0 * log($0) })
        return .finite(exp(entropy))
    }
}
