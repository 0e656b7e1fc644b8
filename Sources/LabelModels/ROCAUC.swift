/// Area under the ROC curve, equal to scikit-learn's `sklearn.metrics.roc_auc_score(truth, scores)` for
/// binary truth, ties included.
///
/// With P positive and N negative rows it is the Mann–Whitney U statistic over P·N:
///
///     AUC = (1 / (P·N)) · Σ_{positive i} Σ_{negative j} ( [sᵢ > sⱼ] + ½ [sᵢ = sⱼ] )
///
/// i.e. the probability that a random positive row scores above a random negative one, a tie counting
/// one half (the mid-rank form of U). This is exactly the area under the trapezoidal ROC curve that
/// scikit-learn integrates: a group of tied scores is one diagonal segment of the curve. 1 means every
/// positive scores above every negative, 0.5 no separation, 0 reversed.
public enum ROCAUC {
    /// The AUC of `scores` against `truth` (`true` = positive class).
    ///
    /// The rows are sorted by score once; walking the groups of equal scores upward, each group adds
    /// (negatives below it) · (its positives) + ½ · (its positives) · (its negatives). The sum is kept
    /// doubled in 128-bit integers, so it is exact for any size; the only rounding is the final division.
    ///
    /// - Returns: a value in [0, 1]; nil when the arrays are empty or differ in length, when one class is
    ///   absent (scikit-learn raises then), or when a score is NaN or infinite.
    /// - Complexity: O(n log n) time for the sort, O(n) memory.
    public static func score(scores: [Double], truth: [Bool]) -> Double? {
        guard !scores.isEmpty, scores.count == truth.count else { return nil }
        guard scores.allSatisfy(\.isFinite) else { return nil }
        let positives = truth.reduce(0) { $0 + ($1 ? 1 : 0) }
        let negatives = truth.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var doubledSum: UInt128 = 0  // 2 · U, exact
        var negativesBelow = 0
        var start = 0
        while start < order.count {
            let value = scores[order[start]]
            var end = start
            var groupPositives = 0
            var groupNegatives = 0
            while end < order.count, scores[order[end]] == value {
                if truth[order[end]] { groupPositives += 1 } else { groupNegatives += 1 }
                end += 1
            }
            doubledSum +=
                2 * UInt128(negativesBelow) * UInt128(groupPositives) + UInt128(groupPositives)
                * UInt128(groupNegatives)
            negativesBelow += groupNegatives
            start = end
        }
        return Double(doubledSum) / (2 * Double(positives) * Double(negatives))
    }
}
