/// The three modified Kneser–Ney discounts of one n-gram order (Chen & Goodman 1998).
///
/// From the count-of-counts n₁…n₄ of the order (how many n-grams of that order have count 1, 2, 3, 4;
/// raw counts at the highest order, continuation counts below it):
///
///     Y  = n₁ / (n₁ + 2 n₂)
///     D₁ = 1 − 2 Y n₂ / n₁,   D₂ = 2 − 3 Y n₃ / n₂,   D₃₊ = 3 − 4 Y n₄ / n₃
///
/// **Fallback.** When any of n₁…n₄ is 0, or any estimate falls outside the open interval (0, k), the
/// whole order uses KenLM's `--discount_fallback` values D₁ = 0.5, D₂ = 1, D₃₊ = 1.5 instead (and
/// ``isFallback`` is `true`). With every nᵢ > 0, D₁ = Y lies in (0, 1) and D₂ < 2, D₃₊ < 3 hold
/// automatically, so in practice the fallback fires when a count-of-count is 0 or D₂ or D₃₊ ≤ 0.
/// Keeping every discount strictly positive keeps every interpolation weight γ positive, so the
/// uniform base distribution (and with it `<unk>`) always gets mass.
public struct KneserNeyDiscounts: Sendable, Equatable {
    /// Discount of n-grams seen once.
    public let d1: Double
    /// Discount of n-grams seen twice.
    public let d2: Double
    /// Discount of n-grams seen three or more times.
    public let d3Plus: Double
    /// Whether the estimates were unusable and the fallback values are used.
    public let isFallback: Bool

    /// KenLM's fallback discounts (0.5, 1, 1.5).
    public static let fallback = KneserNeyDiscounts(d1: 0.5, d2: 1, d3Plus: 1.5, isFallback: true)

    /// Creates discounts from explicit values.
    public init(d1: Double, d2: Double, d3Plus: Double, isFallback: Bool = false) {
        self.d1 = d1
        self.d2 = d2
        self.d3Plus = d3Plus
        self.isFallback = isFallback
    }

    /// The Chen & Goodman estimates from the count-of-counts, or ``fallback`` when they are unusable.
    ///
    /// - Complexity: O(1).
    public static func estimate(n1: Int, n2: Int, n3: Int, n4: Int) -> KneserNeyDiscounts {
        guard n1 > 0, n2 > 0, n3 > 0, n4 > 0 else { return fallback }
        let (c1, c2, c3, c4) = (Double(n1), Double(n2), Double(n3), Double(n4))
        let y = c1 / (c1 + 2 * c2)
        let d1 = 1 - 2 * y * c2 / c1
        let d2 = 2 - 3 * y * c3 / c2
        let d3 = 3 - 4 * y * c4 / c3
        guard d1 > 0, d1 < 1, d2 > 0, d2 < 2, d3 > 0, d3 < 3 else { return fallback }
        return KneserNeyDiscounts(d1: d1, d2: d2, d3Plus: d3)
    }

    /// The discount of an n-gram with count `count` (0 for an unseen one).
    @inlinable
    public func discount(forCount count: UInt32) -> Double {
        switch count {
        case 0: 0
        case 1: d1
        case 2: d2
        default: d3Plus
        }
    }
}
