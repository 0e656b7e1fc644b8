import TextTokenization

/// Every n-gram of a corpus, for orders 1…`maxOrder`, as dense ids local to the corpus.
///
/// Order-1 ids are the corpus's token ids renumbered densely. An order-n id is the interned pair
/// (id of the (n−1)-gram starting at the same position, the n-th token), so two n-grams share an id
/// exactly when their tokens are equal. N-grams never cross a row boundary: row `r` contributes
/// `max(0, length − n + 1)` n-grams of order n, stored at `ids[n − 1][starts[n − 1][r] ..< starts[n − 1][r + 1]]`.
///
/// - Complexity: O(T · maxOrder + V) time and memory for T tokens whose largest vocabulary id is V.
struct NGramIndex {
    /// The highest order indexed.
    let maxOrder: Int
    /// `ids[n - 1]`: the order-n n-gram ids of every row, concatenated.
    private(set) var ids: [[UInt32]] = []
    /// `starts[n - 1]`: `rowCount + 1` offsets into `ids[n - 1]`.
    private(set) var starts: [[Int]] = []
    /// `distinctCounts[n - 1]`: number of distinct order-n n-grams.
    private(set) var distinctCounts: [Int] = []

    /// Indexes `corpus` up to `maxOrder`.
    init(_ corpus: TokenizedCorpus, maxOrder: Int) {
        precondition(maxOrder >= 1, "maxOrder must be at least 1")
        self.maxOrder = maxOrder
        let rowCount = corpus.rowCount
        let tokens = corpus.tokenIDs
        let offsets = corpus.rowOffsets

        // Order 1: renumber the (vocabulary-wide) token ids densely, in order of first appearance.
        let largestToken = Int(tokens.max() ?? 0)
        var dense = [UInt32](repeating: .max, count: largestToken + 1)
        var distinctTokens: UInt32 = 0
        var previous = [UInt32]()
        previous.reserveCapacity(tokens.count)
        for token in tokens {
            var id = dense[Int(token)]
            if id == .max {
                id = distinctTokens
                dense[Int(token)] = id
                distinctTokens += 1
            }
            previous.append(id)
        }
        ids.append(previous)
        starts.append(offsets)
        distinctCounts.append(Int(distinctTokens))

        guard maxOrder >= 2 else { return }
        for order in 2...maxOrder {
            // The (order-1)-grams of row r start at previousStarts[r]; the order-n n-gram at local
            // position p pairs the (order-1)-gram at p with the token at offsets[r] + p + order - 1.
            let previousStarts = starts[order - 2]
            // Orders above 2 have about as many distinct n-grams as the order below; the table grows if not.
            var table = KeyInterner(expectedCount: distinctCounts[order - 2] * (order == 2 ? 2 : 1))
            var current = [UInt32]()
            current.reserveCapacity(max(0, tokens.count - rowCount * (order - 1)))
            var currentStarts = [Int]()
            currentStarts.reserveCapacity(rowCount + 1)
            currentStarts.append(0)
            for row in 0..<rowCount {
                let length = offsets[row + 1] - offsets[row]
                let count = length - order + 1
                if count > 0 {
                    let base = previousStarts[row]
                    let tokenBase = offsets[row] + order - 1
                    for position in 0..<count {
                        let key = UInt64(previous[base + position]) << 32 | UInt64(tokens[tokenBase + position])
                        current.append(table.intern(key))
                    }
                }
                currentStarts.append(current.count)
            }
            ids.append(current)
            starts.append(currentStarts)
            distinctCounts.append(table.count)
            previous = current
        }
    }

    /// Total number of order-`n` n-grams.
    func totalCount(order n: Int) -> Int { ids[n - 1].count }
}
