/// Chance-corrected and raw agreement between raters on nominal labels.
///
/// Every measure takes a ``VoteTable`` (or two label lists for Cohen's κ) and throws
/// ``UndefinedAgreement`` where the measure has no value, so callers can report why.
public enum InterRaterAgreement {
    /// Krippendorff's α for nominal data: 1 − D_o / D_e, from the coincidence of values within units.
    ///
    /// Only units with two or more ratings count (m_u ratings each, n = Σ m_u):
    /// D_o = (1/n) Σ_u Σ_c n_uc (m_u − n_uc) / (m_u − 1) and D_e = (n² − Σ_c n_c²) / (n (n − 1)),
    /// with n_uc the votes for category c in unit u and n_c = Σ_u n_uc. Equals the PyPI package
    /// `krippendorff` (`level_of_measurement="nominal"`).
    ///
    /// - Throws: ``UndefinedAgreement`` without a unit rated twice, or with one category only.
    /// - Complexity: O(U·K) for U units and K categories.
    public static func krippendorffAlpha(_ table: VoteTable) throws(UndefinedAgreement) -> Double {
        let k = table.categories.count
        var totals = [Double](repeating: 0, count: k)
        var n = 0.0
        var observed = 0.0
        for unit in table.pairableUnits {
            let votes = table.votes(ofUnit: unit)
            let m = Double(table.ratingsPerUnit[unit])
            n += m
            for (category, count) in zip(0..<k, votes) where count > 0 {
                let c = Double(count)
                totals[category] += c
                observed += c * (m - c) / (m - 1)
            }
        }
        guard n > 0 else { throw UndefinedAgreement("no item has two or more ratings") }
        let expected = (n * n - totals.reduce(0) { $0 + $1 * $1 }) / (n * (n - 1))
        guard expected > 0 else { throw UndefinedAgreement("every rating is the same category") }
        return 1 - (observed / n) / expected
    }

    /// Fleiss' κ: (P̄ − P̄_e) / (1 − P̄_e) over the units with ratings, which must all have the same
    /// number n ≥ 2 of ratings. P_i = (Σ_c n_ic² − n) / (n (n − 1)), P̄ their mean, p_c = Σ_i n_ic / (N n),
    /// P̄_e = Σ_c p_c². Equals `statsmodels.stats.inter_rater.fleiss_kappa`.
    ///
    /// - Throws: ``UndefinedAgreement`` when units have different numbers of ratings, fewer than two,
    ///   or only one category occurs.
    /// - Complexity: O(U·K).
    public static func fleissKappa(_ table: VoteTable) throws(UndefinedAgreement) -> Double {
        let rated = (0..<table.unitCount).filter { table.ratingsPerUnit[$0] > 0 }
        guard let first = rated.first else { throw UndefinedAgreement("no item has ratings") }
        let n = table.ratingsPerUnit[first]
        guard rated.allSatisfy({ table.ratingsPerUnit[$0] == n }) else {
            throw UndefinedAgreement("raters per item differ")
        }
        guard n >= 2 else { throw UndefinedAgreement("fewer than two ratings per item") }
        let k = table.categories.count
        var categoryTotals = [Double](repeating: 0, count: k)
        var agreementSum = 0.0
        for unit in rated {
            var squares = 0.0
            for (category, count) in zip(0..<k, table.votes(ofUnit: unit)) {
                categoryTotals[category] += Double(count)
                squares += Double(count * count)
            }
            agreementSum += (squares - Double(n)) / Double(n * (n - 1))
        }
        let items = Double(rated.count)
        let meanAgreement = agreementSum / items
        let chance = categoryTotals.reduce(0) { $0 + ($1 / (items * Double(n))) * ($1 / (items * Double(n))) }
        guard chance < 1 else { throw UndefinedAgreement("every rating is the same category") }
        return (meanAgreement - chance) / (1 - chance)
    }

    /// The share of agreeing rater pairs, averaged over units with two or more ratings:
    /// mean over units of Σ_c n_uc (n_uc − 1) / (m_u (m_u − 1)). Not chance-corrected.
    ///
    /// - Throws: ``UndefinedAgreement`` without a unit rated twice.
    /// - Complexity: O(U·K).
    public static func percentAgreement(_ table: VoteTable) throws(UndefinedAgreement) -> Double {
        let units = table.pairableUnits
        guard !units.isEmpty else { throw UndefinedAgreement("no item has two or more ratings") }
        var sum = 0.0
        for unit in units {
            let m = Double(table.ratingsPerUnit[unit])
            let agreeing = table.votes(ofUnit: unit).reduce(0.0) { $0 + Double($1) * Double($1 - 1) }
            sum += agreeing / (m * (m - 1))
        }
        return sum / Double(units.count)
    }

    /// Cohen's κ between two label sources over the same items: (p_o − p_e) / (1 − p_e), with p_o the
    /// share of items where they agree and p_e = Σ_c (share of c in `first`) (share of c in `second`).
    /// Items where either label is `nil` are left out. Equals scikit-learn's `cohen_kappa_score`.
    ///
    /// - Throws: ``UndefinedAgreement`` when no item has both labels or both sources use one and the
    ///   same single label (p_e = 1).
    /// - Complexity: O(N log K).
    public static func cohenKappa(_ first: [String?], _ second: [String?]) throws(UndefinedAgreement) -> Double {
        var pairs: [(String, String)] = []
        for (a, b) in zip(first, second) {
            if let a, let b { pairs.append((a, b)) }
        }
        guard !pairs.isEmpty else { throw UndefinedAgreement("no item has both labels") }
        var firstCounts: [String: Double] = [:]
        var secondCounts: [String: Double] = [:]
        var agreeing = 0.0
        for (a, b) in pairs {
            firstCounts[a, default: 0] += 1
            secondCounts[b, default: 0] += 1
            if a == b { agreeing += 1 }
        }
        let n = Double(pairs.count)
        let chance = firstCounts.keys.sorted().reduce(0.0) { sum, label in
            sum + (firstCounts[label] ?? 0) / n * ((secondCounts[label] ?? 0) / n)
        }
        guard chance < 1 else { throw UndefinedAgreement("both sources give every item the same label") }
        return (agreeing / n - chance) / (1 - chance)
    }
}
