import AssayUtilities
import Dispatch
import Foundation
import TextTokenization

/// Exact self-BLEU in time linear in the corpus: each row scored with NLTK's `sentence_bleu` against
/// all *other* rows as references, without ever comparing two rows.
///
/// NLTK semantics, reproduced exactly (`nltk.translate.bleu_score`, 3.x):
/// - modified precision p_k = Σ_g min(count_row(g), max over other rows of count(g)) / max(1, #k-grams of the row);
/// - smoothing `method1`: a zero numerator becomes 0.1 (`epsilon`) over the same denominator;
/// - a row with no matching unigram scores 0 (this includes the empty row);
/// - brevity penalty 1 when the row is longer than the closest reference length, else exp(1 − r/c),
///   where r is the other rows' length closest to c, ties going to the shorter length;
/// - BLEU-n = BP · exp(Σ_{k=1…n} (1/n) · log p_k).
///
/// How it avoids the pairwise loop: for every distinct n-gram the two largest per-row counts are kept,
/// with the owner of the largest, so "the largest count among the other rows" is O(1); the closest
/// other length comes from a histogram of row lengths with this row's own length removed.
///
/// - Complexity: O(T · n) time and memory for T tokens, plus O(N + longest row) for lengths.
public struct SelfBLEU: Sendable {
    /// The highest n-gram order needed (the largest n of the BLEU-n scores wanted).
    public let maxOrder: Int

    /// NLTK `SmoothingFunction().method1`'s epsilon.
    public static let smoothingEpsilon = 0.1

    /// Creates a scorer for BLEU-n with n up to `maxOrder` (1…8).
    public init(maxOrder: Int = 4) {
        precondition((1...8).contains(maxOrder), "maxOrder must be in 1...8")
        self.maxOrder = maxOrder
    }

    /// Clipped n-gram matches of every row against all other rows: the numerators and denominators of
    /// NLTK's modified precision.
    public struct Precisions: Sendable, Equatable {
        /// `numerators[k - 1][row]`: Σ over the row's distinct k-grams of min(own count, max count in other rows).
        public var numerators: [[Int]]
        /// `denominators[k - 1][row]`: max(1, number of k-grams in the row).
        public var denominators: [[Int]]
        /// The length of the other row closest in length to each row (ties to the shorter), or `nil`
        /// when there is no other row.
        public var closestReferenceLengths: [Int?]
        /// Token count of each row.
        public var lengths: [Int]
    }

    /// Computes the clipped precisions of every row of `corpus` against all its other rows.
    ///
    /// - Complexity: O(T · maxOrder).
    public func precisions(of corpus: TokenizedCorpus) -> Precisions {
        precisions(index: NGramIndex(corpus, maxOrder: maxOrder), corpus: corpus)
    }

    func precisions(index: NGramIndex, corpus: TokenizedCorpus) -> Precisions {
        precondition(index.maxOrder >= maxOrder, "index must cover maxOrder")
        // Orders are independent given the index: count them on separate threads.
        let perOrder = ResultSlots<(numerators: [Int], denominators: [Int])>(count: maxOrder)
        DispatchQueue.concurrentPerform(iterations: maxOrder) { k in
            perOrder.store(Self.clippedMatches(index: index, order: k + 1), at: k)
        }
        let lengths = (0..<corpus.rowCount).map(corpus.length(ofRow:))
        let orders = perOrder.values
        return Precisions(
            numerators: orders.map(\.numerators), denominators: orders.map(\.denominators),
            closestReferenceLengths: Self.closestOtherLengths(lengths), lengths: lengths)
    }

    /// For one order: per row, Σ over its distinct n-grams of min(own count, largest count in another row),
    /// and max(1, number of n-grams in the row).
    ///
    /// - Complexity: O(number of n-grams of this order + distinct ones).
    static func clippedMatches(index: NGramIndex, order: Int) -> (numerators: [Int], denominators: [Int]) {
        let ids = index.ids[order - 1]
        let starts = index.starts[order - 1]
        let rowCount = starts.count - 1
        let distinct = index.distinctCounts[order - 1]
        var best = [Int32](repeating: 0, count: distinct)
        var bestOwner = [Int32](repeating: -1, count: distinct)
        var second = [Int32](repeating: 0, count: distinct)
        var stamp = [Int32](repeating: -1, count: distinct)
        var countInRow = [Int32](repeating: 0, count: distinct)
        // Each row's distinct n-grams with their counts, kept for the second pass.
        var rowGrams = [UInt32]()
        var rowCounts = [Int32]()
        rowGrams.reserveCapacity(ids.count)
        rowCounts.reserveCapacity(ids.count)
        var rowGramStarts = [Int](repeating: 0, count: rowCount + 1)

        for row in 0..<rowCount {
            let first = rowGrams.count
            let tag = Int32(truncatingIfNeeded: row)
            for position in starts[row]..<starts[row + 1] {
                let gram = Int(ids[position])
                if stamp[gram] != tag {
                    stamp[gram] = tag
                    countInRow[gram] = 0
                    rowGrams.append(UInt32(gram))
                }
                countInRow[gram] += 1
            }
            for slot in first..<rowGrams.count {
                let gram = Int(rowGrams[slot])
                let count = countInRow[gram]
                rowCounts.append(count)
                if count > best[gram] {
                    second[gram] = best[gram]
                    best[gram] = count
                    bestOwner[gram] = tag
                } else if count > second[gram] {
                    second[gram] = count
                }
            }
            rowGramStarts[row + 1] = rowGrams.count
        }

        var numerators = [Int](repeating: 0, count: rowCount)
        var denominators = [Int](repeating: 1, count: rowCount)
        for row in 0..<rowCount {
            let tag = Int32(truncatingIfNeeded: row)
            var clipped = 0
            for slot in rowGramStarts[row]..<rowGramStarts[row + 1] {
                let gram = Int(rowGrams[slot])
                let othersMax = bestOwner[gram] == tag ? second[gram] : best[gram]
                clipped += Int(Swift.min(rowCounts[slot], othersMax))
            }
            numerators[row] = clipped
            denominators[row] = Swift.max(1, starts[row + 1] - starts[row])
        }
        return (numerators, denominators)
    }

    /// For each row, the length among the *other* rows closest to its own, ties to the shorter
    /// (NLTK's `closest_ref_length`), or `nil` when there is no other row.
    ///
    /// - Complexity: O(N + longest length).
    static func closestOtherLengths(_ lengths: [Int]) -> [Int?] {
        guard lengths.count >= 2, let longest = lengths.max() else {
            return Array(repeating: nil, count: lengths.count)
        }
        var histogram = [Int](repeating: 0, count: longest + 1)
        for length in lengths { histogram[length] += 1 }
        // below[l]: the largest present length < l; above[l]: the smallest present length > l.
        var below = [Int](repeating: -1, count: longest + 1)
        var last = -1
        for length in 0...longest {
            below[length] = last
            if histogram[length] > 0 { last = length }
        }
        var above = [Int](repeating: -1, count: longest + 1)
        last = -1
        for length in stride(from: longest, through: 0, by: -1) {
            above[length] = last
            if histogram[length] > 0 { last = length }
        }
        return lengths.map { length in
            if histogram[length] >= 2 { return length }
            let shorter = below[length]
            let longer = above[length]
            if shorter < 0 { return longer }
            if longer < 0 { return shorter }
            return length - shorter <= longer - length ? shorter : longer
        }
    }

    /// BLEU-`n` of every row against all other rows, from ``precisions(of:)``; `nil` for every row
    /// when the corpus has fewer than two rows (there are no references).
    public static func scores(_ precisions: Precisions, order n: Int) -> [Double]? {
        precondition(n >= 1 && n <= precisions.numerators.count, "order out of range")
        let rowCount = precisions.lengths.count
        guard rowCount >= 2 else { return nil }
        let weight = 1.0 / Double(n)
        var scores = [Double](repeating: 0, count: rowCount)
        for row in 0..<rowCount {
            // NLTK returns 0 when no unigram matches; that also covers the empty row.
            guard precisions.numerators[0][row] > 0, let reference = precisions.closestReferenceLengths[row] else {
                continue
            }
            var logs = [Double]()
            logs.reserveCapacity(n)
            for k in 0..<n {
                let numerator = precisions.numerators[k][row]
                let denominator = Double(precisions.denominators[k][row])
                let precision = numerator == 0 ? smoothingEpsilon / denominator : Double(numerator) / denominator
                logs.append(weight * log(precision))
            }
            let hypothesis = precisions.lengths[row]
            let brevity = hypothesis > reference ? 1.0 : exp(1.0 - Double(reference) / Double(hypothesis))
            scores[row] = brevity * exp(ExactSum.fsum(logs))
        }
        return scores
    }
}
