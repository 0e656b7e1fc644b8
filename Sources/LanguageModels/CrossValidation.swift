import AssayUtilities
import Dispatch
import Foundation
import Synchronization
import TextTokenization

extension NGramLanguageModel {
    /// The fold (0..<`folds`) of each of `rowCount` rows.
    ///
    /// The indices `[0, 1, …, rowCount − 1]` are shuffled by Fisher–Yates with ``SplitMix64`` seeded
    /// with `seed` (for `i` from `rowCount − 1` down to 1, `j = generator.index(below: i + 1)`, swap
    /// positions `i` and `j`); the row at shuffled position p goes to fold p mod `folds`, so fold sizes
    /// differ by at most one. The same arguments give the same folds on every machine.
    ///
    /// - Throws: ``LanguageModelError/invalidFoldCount(folds:rows:)`` unless 2 ≤ `folds` ≤ `rowCount`.
    /// - Complexity: O(rowCount).
    public static func foldAssignment(rowCount: Int, folds: Int, seed: UInt64) throws(LanguageModelError) -> [Int] {
        guard folds >= 2, folds <= rowCount else { throw .invalidFoldCount(folds: folds, rows: max(rowCount, 0)) }
        var generator = SplitMix64(seed: seed)
        let indices = generator.shuffledIndices(rowCount)
        var fold = [Int](repeating: 0, count: rowCount)
        for (position, row) in indices.enumerated() { fold[row] = position % folds }
        return fold
    }

    /// Each row's perplexity under a model trained on the other folds (``foldAssignment(rowCount:folds:seed:)``):
    /// the real data's own held-out perplexity, the reference a synthetic dataset's perplexity under the
    /// real-data model is read against.
    ///
    /// - Throws: ``LanguageModelError/invalidFoldCount(folds:rows:)`` unless 2 ≤ `folds` ≤ the row count,
    ///   ``LanguageModelError/invalidOrder(_:)``.
    /// - Complexity: O(folds · order · T) expected time for T tokens, O(order · T) memory.
    public static func crossValidatedPerplexities(
        _ corpus: TokenizedCorpus, folds: Int = 5, seed: UInt64, order: Int = 4
    ) throws(LanguageModelError) -> [Double] {
        try heldOutPerplexities(corpus, scoring: [], folds: folds, seed: seed, order: order).training
    }

    /// The held-out perplexities of `corpus` (each row under the model trained on the other folds of
    /// ``foldAssignment(rowCount:folds:seed:)``) and, scored by the same fold models, every row of each of `others`: row i of another corpus is
    /// scored by the model that leaves out fold i mod `folds`. Every row, of the training corpus or not,
    /// is then judged by a model trained on the same share (`folds` − 1 of `folds`) of the rows, so the
    /// other corpora's perplexities compare like with like with the training corpus's held-out ones
    /// (a model of all the rows would favour them: more data, lower perplexity).
    ///
    /// The folds are independent: `workers` of them are trained and scored at once, each on its own thread
    /// (so up to `workers` models are in memory together); the results do not depend on `workers`.
    ///
    /// - Throws: as ``crossValidatedPerplexities(_:folds:seed:order:)``.
    /// - Complexity: O(folds · order · T) for T training tokens, plus O(order) lookups per scored token,
    ///   spread over `workers` threads; memory O(workers · order · T).
    public static func heldOutPerplexities(
        _ corpus: TokenizedCorpus, scoring others: [TokenizedCorpus], folds: Int = 5, seed: UInt64, order: Int = 4,
        workers: Int = 1
    ) throws(LanguageModelError) -> (training: [Double], others: [[Double]]) {
        guard (3...5).contains(order) else { throw .invalidOrder(order) }
        let fold = try foldAssignment(rowCount: corpus.rowCount, folds: folds, seed: seed)
        // Each fold's scores, in row order: its own held-out rows, then every `folds`-th row of each other corpus.
        let scores = ResultSlots<Result<[[Double]], LanguageModelError>>(count: folds)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, folds))) { _ in
            while true {
                let held = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard held < folds else { return }
                scores.store(
                    Result { () throws(LanguageModelError) in
                        try scoreFold(held, of: corpus, folds: fold, count: folds, others: others, order: order)
                    }, at: held)
            }
        }
        var training = [Double](repeating: 0, count: corpus.rowCount)
        var scored = others.map { [Double](repeating: 0, count: $0.rowCount) }
        for (held, result) in scores.values.enumerated() {
            let values = try result.get()
            for (row, value) in zip((0..<corpus.rowCount).lazy.filter { fold[$0] == held }, values[0]) {
                training[row] = value
            }
            for (index, other) in others.enumerated() {
                for (row, value) in zip(stride(from: held, to: other.rowCount, by: folds), values[index + 1]) {
                    scored[index][row] = value
                }
            }
        }
        return (training, scored)
    }

    /// The model without fold `held`: the perplexities of the fold's own rows, then of every `count`-th row
    /// of each of `others` from row `held` on.
    private static func scoreFold(
        _ held: Int, of corpus: TokenizedCorpus, folds fold: [Int], count: Int, others: [TokenizedCorpus], order: Int
    ) throws(LanguageModelError) -> [[Double]] {
        let model = try train(corpus, rows: (0..<corpus.rowCount).lazy.filter { fold[$0] != held }, order: order)
        var buffer: [UInt32] = []
        func perplexity(_ tokens: ArraySlice<UInt32>) -> Double {
            exp(-model.scoreRow(tokens, buffer: &buffer) / Double(tokens.count + 1))
        }
        var values = [(0..<corpus.rowCount).filter { fold[$0] == held }.map { perplexity(corpus.tokens(ofRow: $0)) }]
        for other in others {
            values.append(stride(from: held, to: other.rowCount, by: count).map { perplexity(other.tokens(ofRow: $0)) })
        }
        return values
    }
}
