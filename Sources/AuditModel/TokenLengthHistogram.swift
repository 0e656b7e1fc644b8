/// Rows counted by token length in fixed, roughly doubling bins, for the reports' length charts.
///
/// Bins: 0, 1–2, 3–4, 5–8, 9–16, 17–32, 33–64, 65–128, 129 and more tokens.
public enum TokenLengthHistogram {
    /// The bins' labels, in order.
    public static let binLabels = ["0", "1–2", "3–4", "5–8", "9–16", "17–32", "33–64", "65–128", "129+"]

    /// The bin of a row of `length` tokens.
    public static func bin(_ length: Int) -> Int {
        switch length {
        case ...0: 0
        case 1...2: 1
        case 3...4: 2
        case 5...8: 3
        case 9...16: 4
        case 17...32: 5
        case 33...64: 6
        case 65...128: 7
        default: 8
        }
    }

    /// The count of rows in each bin, for rows of `lengths` tokens.
    ///
    /// - Complexity: O(N) for N rows.
    public static func counts(_ lengths: some Sequence<Int>) -> [Int] {
        var counts = [Int](repeating: 0, count: binLabels.count)
        for length in lengths { counts[bin(length)] += 1 }
        return counts
    }
}
