import AuditPlan
import TextTokenization

/// What the exact metrics of one scope (a dataset, or the rows of one label) need, in a form that merges
/// exactly: counts add, sets unite.
///
/// From these the merge computes `distinct_1` … `distinct_4`, `exact_duplicate_rate`,
/// `real_exact_copy_rate`, `opening_template_share`, `mean_tokens` and `median_tokens` over every row of every
/// shard, not over the sample.
public struct ScopeStatistics: Sendable, Equatable, Codable {
    /// Number of rows.
    public var rows: Int
    /// Rows by token count: `lengths[i]` tokens in `lengthRows[i]` rows, lengths ascending.
    public var lengths: [Int]
    /// See ``lengths``.
    public var lengthRows: [Int]
    /// Number of n-grams of order 1 … 4 (n-grams never cross a row boundary).
    public var ngramTotals: [Int]
    /// The distinct n-grams of order 1 … 4, as ``StableHash`` values: the set while it holds at most the
    /// profile's exact limit, a HyperLogLog sketch above.
    public var ngrams: [DistinctCount]
    /// The normalised texts (``AuditPlan/TextNormalization/duplicateKey(_:)``), hashed, with how many rows
    /// have each.
    public var texts: HashCounts
    /// The rows' openings (their first three tokens, hashed as a trigram; rows of fewer tokens have none),
    /// with how many rows start with each: `opening_template_share`'s counts.
    public var openings: HashCounts

    /// The largest n-gram order kept.
    public static let orders = 4
    /// Tokens of an opening (as `opening_template_share` reads them).
    static let openingTokens = 3

    /// The statistics of `rows` (positions in `corpus`, whose token ids hash to `tokenHashes`), keeping at
    /// most `exactLimit` distinct n-grams of an order exactly.
    ///
    /// - Complexity: O(tokens · orders + rows · text length), then sorting the hashes.
    init(rows: [Int], corpus: TokenizedCorpus, tokenHashes: [UInt64], textHashes: [UInt64], exactLimit: Int) {
        self.rows = rows.count
        var lengthCounts: [Int: Int] = [:]
        var totals = [Int](repeating: 0, count: Self.orders)
        var sets = [DistinctAccumulator](repeating: DistinctAccumulator(limit: exactLimit), count: Self.orders)
        var rowHashes = [UInt64]()
        var openingHashes = [UInt64]()
        for row in rows {
            let tokens = corpus.tokens(ofRow: row)
            lengthCounts[tokens.count, default: 0] += 1
            rowHashes.removeAll(keepingCapacity: true)
            rowHashes.append(contentsOf: tokens.map { tokenHashes[Int($0)] })
            if rowHashes.count >= Self.openingTokens {
                openingHashes.append(StableHash.of(ngram: rowHashes[0..<Self.openingTokens]))
            }
            for order in 1...Self.orders where rowHashes.count >= order {
                totals[order - 1] += rowHashes.count - order + 1
                for start in 0...(rowHashes.count - order) {
                    sets[order - 1].insert(StableHash.of(ngram: rowHashes[start..<(start + order)]))
                }
            }
        }
        let sortedLengths = lengthCounts.sorted { $0.key < $1.key }
        lengths = sortedLengths.map(\.key)
        lengthRows = sortedLengths.map(\.value)
        ngramTotals = totals
        ngrams = sets.map(\.count)
        texts = HashCounts(rows.map { textHashes[$0] })
        openings = HashCounts(openingHashes)
    }

    private init(
        rows: Int, lengths: [Int], lengthRows: [Int], ngramTotals: [Int], ngrams: [DistinctCount], texts: HashCounts,
        openings: HashCounts
    ) {
        self.openings = openings
        self.rows = rows
        self.lengths = lengths
        self.lengthRows = lengthRows
        self.ngramTotals = ngramTotals
        self.ngrams = ngrams
        self.texts = texts
    }

    /// The statistics of all the rows of `parts` together.
    ///
    /// - Complexity: O(m log m) for m hashes in all.
    static func merged(_ parts: [ScopeStatistics]) -> ScopeStatistics {
        var lengthCounts: [Int: Int] = [:]
        for part in parts {
            for (length, rows) in zip(part.lengths, part.lengthRows) { lengthCounts[length, default: 0] += rows }
        }
        let sortedLengths = lengthCounts.sorted { $0.key < $1.key }
        return ScopeStatistics(
            rows: parts.reduce(0) { $0 + $1.rows }, lengths: sortedLengths.map(\.key),
            lengthRows: sortedLengths.map(\.value),
            ngramTotals: (0..<orders).map { order in parts.reduce(0) { $0 + $1.ngramTotals[order] } },
            ngrams: (0..<orders).map { order in DistinctCount.union(parts.map { $0.ngrams[order] }) },
            texts: parts.reduce(HashCounts([])) { $0.adding($1.texts) },
            openings: parts.reduce(HashCounts([])) { $0.adding($1.openings) })
    }

    /// Every row's token count, ascending.
    public var sortedRowLengths: [Int] {
        zip(lengths, lengthRows).flatMap { length, rows in repeatElement(length, count: rows) }
    }

    /// Total number of tokens.
    public var tokens: Int { ngramTotals[0] }

    /// Whether the stored columns fit together (a state read from a file is checked with it).
    /// Counts are checked against these bounds before any arithmetic, so a damaged state cannot overflow one.
    static let largestCount = 1 << 40

    var isConsistent: Bool {
        guard lengths.count == lengthRows.count, ngramTotals.count == Self.orders, ngrams.count == Self.orders,
            (0...Self.largestCount).contains(rows), lengthRows.allSatisfy({ (1...Self.largestCount).contains($0) }),
            lengths.allSatisfy({ (0...Self.largestCount).contains($0) }),
            ngramTotals.allSatisfy({ (0...Self.largestCount).contains($0) })
        else { return false }
        var tokens = 0
        var counted = 0
        for (length, rows) in zip(lengths, lengthRows) {
            let (product, overflow) = length.multipliedReportingOverflow(by: rows)
            guard !overflow, product <= Self.largestCount else { return false }
            tokens += product
            counted += rows
            guard tokens <= Self.largestCount, counted <= Self.largestCount else { return false }
        }
        return zip(lengths, lengths.dropFirst()).allSatisfy { $0 < $1 } && counted == rows
            && tokens == ngramTotals[0] && texts.isConsistent(total: rows)
            && openings.isConsistent(
                total: zip(lengths, lengthRows).reduce(0) { $0 + ($1.0 >= Self.openingTokens ? $1.1 : 0) })
    }
}

/// The exact statistics of one dataset (or one shard of it): the whole dataset, each label, and what the
/// distances from the real data read.
public struct DatasetStatistics: Sendable, Equatable, Codable {
    /// All rows.
    public var whole: ScopeStatistics
    /// Each label's rows, by label.
    public var perLabel: [String: ScopeStatistics]
    /// Rows without a label.
    public var unlabelledRows: Int
    /// How often each token type occurs (for the vocabulary overlap with the real data).
    public var tokenCounts: [String: Int]

    /// The default most distinct n-grams of one order and scope kept exactly (8 MB of hashes); above, a
    /// HyperLogLog sketch (64 KB) counts them.
    public static let defaultExactLimit = 1_000_000

    /// The statistics of `texts` with `labels`, tokenized by `tokenizer`, with at most `exactLimit` distinct
    /// n-grams of an order and scope kept exactly.
    ///
    /// - Complexity: O(characters + tokens · 4), then sorting the hashes.
    public init(
        texts: [String], labels: [String?], tokenizer: TokenizerKind,
        exactLimit: Int = DatasetStatistics.defaultExactLimit
    ) {
        var vocabulary = Vocabulary()
        let corpus = TokenizedCorpus(texts: texts, tokenizer: tokenizer.makeTokenizer(), vocabulary: &vocabulary)
        let tokenHashes = vocabulary.tokens.map(StableHash.of)
        let textHashes = texts.map { StableHash.of(TextNormalization.duplicateKey($0)) }
        var labelRows: [String: [Int]] = [:]
        for (row, label) in labels.enumerated() {
            if let label { labelRows[label, default: []].append(row) }
        }
        whole = ScopeStatistics(
            rows: Array(texts.indices), corpus: corpus, tokenHashes: tokenHashes, textHashes: textHashes,
            exactLimit: exactLimit)
        perLabel = labelRows.mapValues {
            ScopeStatistics(
                rows: $0, corpus: corpus, tokenHashes: tokenHashes, textHashes: textHashes, exactLimit: exactLimit)
        }
        unlabelledRows = labels.count - labelRows.values.reduce(0) { $0 + $1.count }
        var counts = [Int](repeating: 0, count: vocabulary.count)
        for id in corpus.tokenIDs { counts[Int(id)] += 1 }
        tokenCounts = Dictionary(uniqueKeysWithValues: zip(vocabulary.tokens, counts))
    }

    private init(
        whole: ScopeStatistics, perLabel: [String: ScopeStatistics], unlabelledRows: Int, tokenCounts: [String: Int]
    ) {
        self.whole = whole
        self.perLabel = perLabel
        self.unlabelledRows = unlabelledRows
        self.tokenCounts = tokenCounts
    }

    /// The statistics of all the rows of `parts` together.
    ///
    /// - Complexity: O(m log m) for m hashes in all.
    public static func merged(_ parts: [DatasetStatistics]) -> DatasetStatistics {
        let labels = Set(parts.flatMap(\.perLabel.keys))
        return DatasetStatistics(
            whole: ScopeStatistics.merged(parts.map(\.whole)),
            perLabel: Dictionary(
                uniqueKeysWithValues: labels.map { label in
                    (label, ScopeStatistics.merged(parts.compactMap { $0.perLabel[label] }))
                }),
            unlabelledRows: parts.reduce(0) { $0 + $1.unlabelledRows },
            tokenCounts: parts.reduce(into: [:]) { counts, part in counts.merge(part.tokenCounts, uniquingKeysWith: +) }
        )
    }

    /// Whether the distinct n-grams of `order` (0-based) of some scope are counted by a sketch.
    public func usesSketch(order: Int) -> Bool {
        whole.ngrams[order].isSketch || perLabel.values.contains { $0.ngrams[order].isSketch }
    }

    /// Rows per label.
    public var labelCounts: [String: Int] { perLabel.mapValues(\.rows) }

    /// Whether the stored columns fit together.
    var isConsistent: Bool {
        // Every term is bounded by ScopeStatistics.largestCount first, so the sums cannot overflow.
        whole.isConsistent && perLabel.values.allSatisfy(\.isConsistent)
            && (0...ScopeStatistics.largestCount).contains(unlabelledRows)
            && perLabel.count <= ScopeStatistics.largestCount
            && perLabel.values.reduce(0) { $0 + $1.rows } + unlabelledRows == whole.rows
            && tokenCounts.values.allSatisfy { (1...ScopeStatistics.largestCount).contains($0) }
            && tokenCounts.count <= ScopeStatistics.largestCount
            && tokenCounts.values.reduce(0, +) == whole.tokens
    }
}
