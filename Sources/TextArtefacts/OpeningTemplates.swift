import TextTokenization

/// Shared openings: the first tokens that many rows start with, a sign of a generator that keeps
/// reusing one template ("Oh great, another …", "I just love how …").
public struct OpeningTemplates: Sendable {
    /// The most common first-`k`-token prefixes among `texts`, with their share of rows.
    ///
    /// Tokens are the default tokenizer's (NFKC, lower-cased, punctuation as separate tokens), joined
    /// by one space. Rows with fewer than `k` tokens have no prefix. Only prefixes shared by at least
    /// two rows are returned, sorted by row count (descending) then prefix (ascending, by Unicode
    /// scalars), at most `limit` of them. `share` is `rows / texts.count`. Empty when `k < 1`,
    /// `limit < 1` or there are no texts.
    ///
    /// - Complexity: O(total characters + P log P) for P distinct prefixes.
    public static func common(_ texts: [String], tokens k: Int = 3, limit: Int = 10)
        -> [(prefix: String, rows: Int, share: Double)]
    {
        guard k >= 1, limit >= 1, !texts.isEmpty else { return [] }
        let tokenizer = WordTokenizer()
        var counts: [String: Int] = [:]
        for text in texts {
            let tokens = tokenizer.tokens(in: text)
            guard tokens.count >= k else { continue }
            counts[tokens.prefix(k).joined(separator: " "), default: 0] += 1
        }
        let shared = counts.filter { $0.value >= 2 }.sorted {
            $0.value != $1.value
                ? $0.value > $1.value
                : Array($0.key.unicodeScalars.map(\.value)).lexicographicallyPrecedes(
                    $1.key.unicodeScalars.map(\.value))
        }
        let n = Double(texts.count)
        return shared.prefix(limit).map { (prefix: $0.key, rows: $0.value, share: Double($0.value) / n) }
    }
}
