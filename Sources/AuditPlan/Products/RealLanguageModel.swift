import AuditModel
import LanguageModels
import LinearAlgebra
import TextTokenization

/// Every row's perplexity under interpolated modified Kneser–Ney n-gram models of the real data, the
/// real rows held out.
///
/// The model (order ``order``) is trained on the real rows in a seeded ``folds``-fold split: each real
/// row is scored by the model of the other folds, so the real data's own perplexity is a held-out
/// reference, and every other row by one of the same fold models (row i by the model without fold
/// i mod folds), so both are judged by models trained on the same amount of real data.
public struct RealLanguageModel: Sendable {
    /// Per dataset and row, its perplexity (held out for the real rows).
    public let perplexities: [[Double]]
    /// The real rows the models were trained on.
    public let realRows: Int

    /// The models' order (see `Metrics/perplexity.md`).
    public static let order = 4
    /// Folds of the real data's cross-validated perplexity.
    public static let folds = 5

    /// The models, in words.
    public var description: String {
        let folds = min(Self.folds, realRows)
        return "modified Kneser–Ney \(Self.order)-gram models of the \(realRows) real rows in a seeded "
            + "\(folds)-fold split: each real row scored by the model without its fold, every other row i by "
            + "the model without fold i mod \(folds)"
    }

    /// Trains the fold models and scores every dataset's rows; the reason when there is no model.
    ///
    /// - Complexity: O(folds · order · T) to train on T real tokens, O(order) lookups per scored token; the
    ///   folds spread over the audit's threads (``LinearAlgebra/BLAS/threadCount``), one model each.
    static func make(inputs: AuditInputs, tokens: TokenizedDatasets, step: (AuditStep) -> Void)
        -> Result<RealLanguageModel, SkipReason>
    {
        guard let realIndex = inputs.realIndex else { return .failure(.noRealDataset(.languageModel)) }
        let corpora = tokens.corpora
        let real = corpora[realIndex]
        guard real.rowCount >= 2 else { return .failure(.tooFewRealRowsForLanguageModel) }
        step(AuditStep(.languageModel, "of \(inputs.datasets[realIndex].name), order \(order)"))
        let others = corpora.indices.filter { $0 != realIndex }
        do {
            let scored = try NGramLanguageModel.heldOutPerplexities(
                real, scoring: others.map { corpora[$0] }, folds: min(folds, real.rowCount),
                seed: inputs.configuration.seed, order: order,
                workers: BLAS.threadCount)
            var values = [[Double]](repeating: [], count: corpora.count)
            values[realIndex] = scored.training
            for (index, position) in others.enumerated() { values[position] = scored.others[index] }
            return .success(RealLanguageModel(perplexities: values, realRows: real.rowCount))
        } catch {
            return .failure(.undefined("the language model could not be trained: \(error)"))
        }
    }
}
