import Foundation

/// How much the raters of one unit disagree (Li et al. 2023 measure instance subjectivity by it).
public struct InstanceSubjectivity: Sendable, Equatable {
    /// 1 − the share of the most frequent rating: 0 when everyone agrees, up to 1 − 1/K.
    public let minorityShare: Double
    /// The entropy of the votes divided by ln K (K = the table's categories): 0 when everyone agrees,
    /// 1 when the votes are spread evenly over every category; 0 when K = 1.
    public let voteEntropy: Double

    /// The subjectivity of every unit of `table`; `nil` for a unit with fewer than two ratings.
    ///
    /// - Complexity: O(U·K).
    public static func perUnit(_ table: VoteTable) -> [InstanceSubjectivity?] {
        let k = table.categories.count
        let logK = k > 1 ? log(Double(k)) : 1
        return (0..<table.unitCount).map { unit in
            let m = table.ratingsPerUnit[unit]
            guard m >= 2 else { return nil }
            let votes = table.votes(ofUnit: unit)
            let top = votes.max() ?? 0
            var entropy = 0.0
            for count in votes where count > 0 {
                let p = Double(count) / Double(m)
                entropy -= p * log(p)
            }
            return InstanceSubjectivity(
                minorityShare: 1 - Double(top) / Double(m), voteEntropy: k > 1 ? max(0, entropy / logK) : 0)
        }
    }
}
