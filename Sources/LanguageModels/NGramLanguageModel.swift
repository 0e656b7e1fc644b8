import Foundation
import TextTokenization

/// One symbol a language model reads or predicts: a word (a token id of the run's shared vocabulary),
/// the sentence-start padding `<s>`, or the end of the sentence `</s>`.
public enum NGramToken: Hashable, Sendable {
    /// A token id; an id never seen in training is `<unk>`.
    case word(UInt32)
    /// `<s>`, the padding before a sentence (context only: the model never predicts it).
    case sentenceStart
    /// `</s>`, the end of a sentence (predicted like a word).
    case sentenceEnd
}

/// An interpolated modified Kneser–Ney n-gram language model (Chen & Goodman 1998) over token ids,
/// with an open vocabulary.
///
/// Every row is a sentence: it is padded with `order − 1` `<s>` and ends with `</s>`, which is
/// predicted (an empty row predicts only `</s>`). For a history h of length n − 1 (its last n − 2
/// words are h′) the order-n probability is
///
///     pₙ(w | h) = max(cₙ(h w) − Dₙ(cₙ(h w)), 0) / cₙ(h) + γₙ(h) · pₙ₋₁(w | h′)
///     γₙ(h)     = (Dₙ,₁ N₁(h •) + Dₙ,₂ N₂(h •) + Dₙ,₃₊ N₃₊(h •)) / cₙ(h),     cₙ(h) = Σ_w cₙ(h w)
///
/// where cₙ is the raw count at the highest order and the continuation count N₁₊(• h w) (the number
/// of distinct words seen before h w) below it, Nₖ(h •) is the number of words w with cₙ(h w) = k
/// (k = 3 meaning 3 or more), and Dₙ are ``KneserNeyDiscounts`` of order n. A history never seen at
/// order n (cₙ(h) = 0) passes the lower order through unchanged. The unigram level interpolates
/// with the uniform distribution over the |V| + 1 outcomes V ∪ {`<unk>`}, where V is the set of
/// training words plus `</s>`:
///
///     p₁(w) = max(c₁(w) − D₁(c₁(w)), 0) / c₁ + γ₁ / (|V| + 1)
///
/// Every id not seen in training is `<unk>`, whose only mass is γ₁ / (|V| + 1) > 0 (every discount is
/// positive), so no row ever has an infinite perplexity. For every history the probabilities over
/// V ∪ {`<unk>`} sum to 1.
///
/// Counts live in two hash maps keyed by packed integers: a trie of *reversed* histories
/// ((node << 32) | previous word → node, so lengthening a history by one word to the left is one
/// lookup), and the n-gram counts ((history node << 32) | word → count). Training needs no sorting
/// and no allocation per n-gram.
///
/// The default order 4 is the usual choice for corpora of 10⁴–10⁶ words: order 3 misses longer local
/// patterns, order 5 adds mostly singleton 5-grams on data this size.
public struct NGramLanguageModel: Sendable {
    /// The n-gram order (3…5).
    public let order: Int
    /// |V|: the training words plus `</s>`; the uniform base distribution is over |V| + 1 outcomes.
    public let vocabularySize: Int
    /// The discounts of each order, index 0 the unigrams.
    public let discounts: [KneserNeyDiscounts]

    /// Internal ids: 0 `<unk>`, 1 `<s>`, 2 `</s>`, words from 3.
    static let unknownID: UInt32 = 0
    static let startID: UInt32 = 1
    static let endID: UInt32 = 2

    /// Token id → internal id.
    let wordIndex: PackedKeyMap
    /// (history node << 32 | previous word) → history node; node 0 is the empty history.
    let children: PackedKeyMap
    /// (history node << 32 | word) → the count at the order of the history's length + 1.
    let counts: PackedKeyMap
    /// Per history node: cₙ(h).
    let totals: [Double]
    /// Per history node: Dₙ,₁ N₁(h •) + Dₙ,₂ N₂(h •) + Dₙ,₃₊ N₃₊(h •), i.e. γₙ(h) · cₙ(h).
    let backoffMass: [Double]
    /// 1 / (|V| + 1).
    let uniform: Double

    @inline(__always) static func key(_ node: UInt32, _ word: UInt32) -> UInt64 {
        UInt64(node) << 32 | UInt64(word)
    }

    /// Trains a model on all rows of `corpus`.
    ///
    /// - Throws: ``LanguageModelError/invalidOrder(_:)`` unless 3 ≤ `order` ≤ 5,
    ///   ``LanguageModelError/emptyTrainingCorpus`` when the corpus has no rows.
    /// - Complexity: O(order · T) expected time and memory for T training tokens.
    public static func train(_ corpus: TokenizedCorpus, order: Int = 4) throws(LanguageModelError)
        -> NGramLanguageModel
    {
        try train(corpus, rows: 0..<corpus.rowCount, order: order)
    }

    /// Trains a model on the given rows of `corpus` (a row listed twice counts twice).
    ///
    /// - Throws: ``LanguageModelError/invalidOrder(_:)`` unless 3 ≤ `order` ≤ 5,
    ///   ``LanguageModelError/emptyTrainingCorpus`` when `rows` is empty,
    ///   ``LanguageModelError/rowOutOfRange(row:rowCount:)`` for a row outside the corpus.
    /// - Complexity: O(order · T) expected time and memory for T training tokens.
    public static func train(_ corpus: TokenizedCorpus, rows: some Sequence<Int>, order: Int = 4)
        throws(LanguageModelError) -> NGramLanguageModel
    {
        guard (3...5).contains(order) else { throw .invalidOrder(order) }
        var wordIndex = PackedKeyMap()
        var children = PackedKeyMap()
        var depth: [UInt8] = [0]
        var counts = PackedKeyMap()
        var sequence: [UInt32] = []
        var nodes = [UInt32](repeating: 0, count: order)
        var nextWord: UInt64 = 3
        var trainedRows = 0
        let offsets = corpus.rowOffsets
        let ids = corpus.tokenIDs
        let rowCount = corpus.rowCount

        for row in rows {
            guard row >= 0, row < rowCount else { throw .rowOutOfRange(row: row, rowCount: rowCount) }
            trainedRows += 1
            sequence.removeAll(keepingCapacity: true)
            for _ in 1..<order { sequence.append(startID) }
            for index in offsets[row]..<offsets[row + 1] {
                let id = ids[index]
                if let mapped = wordIndex[UInt64(id)] {
                    sequence.append(mapped)
                } else {
                    guard nextWord < UInt64(UInt32.max) else { throw .tooManyNGrams }
                    let mapped = UInt32(truncatingIfNeeded: nextWord)
                    nextWord += 1
                    _ = wordIndex.value(UInt64(id)) { mapped }
                    sequence.append(mapped)
                }
            }
            sequence.append(endID)

            for position in (order - 1)..<sequence.count {
                // The reversed histories of lengths 1 … order − 1 ending before `position`.
                var node: UInt32 = 0
                for length in 1..<order {
                    let key = key(node, sequence[position - length])
                    if let child = children[key] {
                        node = child
                    } else {
                        guard depth.count < Int(UInt32.max) - 1 else { throw .tooManyNGrams }
                        let child = UInt32(truncatingIfNeeded: depth.count)
                        _ = children.value(key) { child }
                        depth.append(UInt8(truncatingIfNeeded: length))
                        node = child
                    }
                    nodes[length] = node
                }
                // Raw count at the highest order; a new n-gram adds one continuation to its suffix.
                let word = sequence[position]
                var length = order - 1
                while true {
                    let isNew = counts.increment(key(nodes[length], word))
                    guard isNew, length > 0 else { break }
                    length -= 1
                }
            }
        }
        guard trainedRows > 0 else { throw .emptyTrainingCorpus }

        // Per history: cₙ(h) and N₁, N₂, N₃₊; per order: the count-of-counts n₁…n₄.
        let nodeCount = depth.count
        var totals = [Double](repeating: 0, count: nodeCount)
        var buckets = [UInt32](repeating: 0, count: nodeCount * 3)
        var countOfCounts = [Int](repeating: 0, count: order * 4)
        counts.forEachEntry { key, count in
            let node = Int(truncatingIfNeeded: key >> 32)
            totals[node] += Double(count)
            buckets[node * 3 + Int(min(count, 3)) - 1] += 1
            if count <= 4 { countOfCounts[Int(depth[node]) * 4 + Int(count) - 1] += 1 }
        }
        let discounts = (0..<order).map { n in
            KneserNeyDiscounts.estimate(
                n1: countOfCounts[n * 4], n2: countOfCounts[n * 4 + 1], n3: countOfCounts[n * 4 + 2],
                n4: countOfCounts[n * 4 + 3])
        }
        var backoffMass = [Double](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            let d = discounts[Int(depth[node])]
            backoffMass[node] =
                d.d1 * Double(buckets[node * 3]) + d.d2 * Double(buckets[node * 3 + 1]) + d.d3Plus
                * Double(buckets[node * 3 + 2])
        }
        let vocabularySize = wordIndex.count + 1
        return NGramLanguageModel(
            order: order, vocabularySize: vocabularySize, discounts: discounts, wordIndex: wordIndex,
            children: children, counts: counts, totals: totals, backoffMass: backoffMass,
            uniform: 1 / Double(vocabularySize + 1))
    }

    /// The internal id of a token id (`<unk>` when never seen in training).
    @inline(__always) func internalID(_ id: UInt32) -> UInt32 {
        wordIndex[UInt64(id)] ?? Self.unknownID
    }

    /// The interpolated probability of internal `word` after the internal history
    /// `history[..<end]` (its last `order − 1` items are used).
    @inline(__always)
    func probability(of word: UInt32, history: UnsafeBufferPointer<UInt32>, end: Int) -> Double {
        var p = uniform
        var node: UInt32 = 0
        var length = 0
        while true {
            let total = totals[Int(node)]
            if total > 0 {
                let count = counts[Self.key(node, word)] ?? 0
                let discounted = max(Double(count) - discounts[length].discount(forCount: count), 0)
                p = (discounted + backoffMass[Int(node)] * p) / total
            }
            length += 1
            guard length < order, end - length >= 0,
                let child = children[Self.key(node, history[end - length])]
            else { break }
            node = child
        }
        return p
    }

    /// The natural log of the probability of `token` after `context` (its last `order − 1` items are
    /// used; a shorter context is a shorter history, not padded). Token ids never seen in training are
    /// `<unk>`. Predicting `.sentenceStart` gives −∞: the model never predicts `<s>`.
    ///
    /// - Complexity: O(order) dictionary lookups.
    public func logProbability(of token: NGramToken, after context: some Collection<NGramToken>) -> Double {
        let word: UInt32
        switch token {
        case .word(let id): word = internalID(id)
        case .sentenceEnd: word = Self.endID
        case .sentenceStart: return -Double.infinity
        }
        var history: [UInt32] = []
        history.reserveCapacity(order - 1)
        for item in context.suffix(order - 1) {
            switch item {
            case .word(let id): history.append(internalID(id))
            case .sentenceStart: history.append(Self.startID)
            case .sentenceEnd: history.append(Self.endID)
            }
        }
        return history.withUnsafeBufferPointer { log(probability(of: word, history: $0, end: $0.count)) }
    }

    /// The natural-log probabilities of the tokens of row `row` of `corpus` and of the final `</s>`,
    /// each after its padded history (`tokens + 1` values).
    ///
    /// - Throws: ``LanguageModelError/rowOutOfRange(row:rowCount:)``.
    /// - Complexity: O(order · tokens) dictionary lookups.
    public func logProbabilities(ofRow row: Int, in corpus: TokenizedCorpus) throws(LanguageModelError) -> [Double] {
        guard row >= 0, row < corpus.rowCount else { throw .rowOutOfRange(row: row, rowCount: corpus.rowCount) }
        var buffer: [UInt32] = []
        var result: [Double] = []
        result.reserveCapacity(corpus.length(ofRow: row) + 1)
        _ = scoreRow(corpus.tokens(ofRow: row), buffer: &buffer) { result.append($0) }
        return result
    }

    /// Sum of the log probabilities of `tokens` and `</s>`, each after its padded history.
    func scoreRow(_ tokens: ArraySlice<UInt32>, buffer: inout [UInt32], _ each: (Double) -> Void = { _ in })
        -> Double
    {
        buffer.removeAll(keepingCapacity: true)
        for _ in 1..<order { buffer.append(Self.startID) }
        for id in tokens { buffer.append(internalID(id)) }
        buffer.append(Self.endID)
        var sum = 0.0
        buffer.withUnsafeBufferPointer { p in
            for position in (order - 1)..<p.count {
                let value = log(probability(of: p[position], history: p, end: position))
                each(value)
                sum += value
            }
        }
        return sum
    }

    /// The perplexity of row `row` of `corpus`: exp(−(Σ log p over its tokens and `</s>`) / (tokens + 1)).
    /// Finite for every row; 1 would be a perfect prediction.
    ///
    /// - Throws: ``LanguageModelError/rowOutOfRange(row:rowCount:)``.
    /// - Complexity: O(order · tokens) dictionary lookups.
    public func perplexity(ofRow row: Int, in corpus: TokenizedCorpus) throws(LanguageModelError) -> Double {
        guard row >= 0, row < corpus.rowCount else { throw .rowOutOfRange(row: row, rowCount: corpus.rowCount) }
        var buffer: [UInt32] = []
        let tokens = corpus.tokens(ofRow: row)
        return exp(-scoreRow(tokens, buffer: &buffer) / Double(tokens.count + 1))
    }

    /// The perplexity of every row of `corpus`, in row order.
    ///
    /// - Complexity: O(order · corpus.tokenCount + rowCount) dictionary lookups.
    public func perplexities(of corpus: TokenizedCorpus) -> [Double] {
        var buffer: [UInt32] = []
        return (0..<corpus.rowCount).map { row in
            let tokens = corpus.tokens(ofRow: row)
            return exp(-scoreRow(tokens, buffer: &buffer) / Double(tokens.count + 1))
        }
    }

    /// The token-weighted perplexity of all rows of `corpus`: exp(−Σ log p / Σ (tokens + 1)) over every
    /// predicted token (each row's tokens and its `</s>`).
    ///
    /// - Throws: ``LanguageModelError/noRowsToScore`` for a corpus without rows.
    /// - Complexity: O(order · corpus.tokenCount + rowCount) dictionary lookups.
    public func perplexity(of corpus: TokenizedCorpus) throws(LanguageModelError) -> Double {
        try perplexity(of: corpus, rows: 0..<corpus.rowCount)
    }

    /// The token-weighted perplexity of the given rows of `corpus` (see ``perplexity(of:)``).
    ///
    /// - Throws: ``LanguageModelError/noRowsToScore`` when `rows` is empty,
    ///   ``LanguageModelError/rowOutOfRange(row:rowCount:)`` for a row outside the corpus.
    /// - Complexity: O(order · tokens of the rows) dictionary lookups.
    public func perplexity(of corpus: TokenizedCorpus, rows: some Sequence<Int>) throws(LanguageModelError)
        -> Double
    {
        var buffer: [UInt32] = []
        var sum = 0.0
        var predicted = 0
        for row in rows {
            guard row >= 0, row < corpus.rowCount else { throw .rowOutOfRange(row: row, rowCount: corpus.rowCount) }
            let tokens = corpus.tokens(ofRow: row)
            sum += scoreRow(tokens, buffer: &buffer)
            predicted += tokens.count + 1
        }
        guard predicted > 0 else { throw .noRowsToScore }
        return exp(-sum / Double(predicted))
    }
}
