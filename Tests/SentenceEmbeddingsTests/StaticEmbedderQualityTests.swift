import AssayTestSupport
import Foundation
import LinearAlgebra
import Testing

@testable import SentenceEmbeddings

/// The distilled static model keeps MiniLM's notion of similarity: on 320 sentence pairs from the shared
/// datasets, half of two related texts and half of two unrelated ones, the Spearman correlation between static
/// and MiniLM cosine similarities is at least 0.80 (the hashing embedder's is printed beside it, and both on
/// consecutive, mostly unrelated, AG News rows).
@Suite(
    "static embedder against MiniLM",
    .enabled(
        if: RepositoryPaths.hasModels && RepositoryPaths.hasSharedDatasets,
        "needs bash scripts/fetch-models.sh and ../shared/datasets"))
struct StaticEmbedderQualityTests {
    /// The rows of a shared dataset: text and the given field (a label, or the source a summary is of).
    static func rows(_ file: String, key: String) throws -> [(text: String, group: String)] {
        let url = RepositoryPaths.sharedDatasets.appendingPathComponent(file)
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["text"] as? String ?? "", "\(object?[key] ?? "")")
        }
    }

    /// `count` pairs (as 2 · `count` texts, pair i at 2i and 2i + 1), alternately of two rows of one group and
    /// of two groups: row i in file order with the next row of its own group, or with the next row of another
    /// group. Related and unrelated pairs spread the similarities, as in sentence-similarity benchmarks.
    static func pairs(_ rows: [(text: String, group: String)], count: Int) -> [String] {
        var texts: [String] = []
        var index = 0
        while texts.count < 2 * count && index < rows.count {
            let wantSame = (texts.count / 2) % 2 == 0
            let partner = rows.indices.dropFirst(index + 1).first { (rows[$0].group == rows[index].group) == wantSame }
            if let partner { texts += [rows[index].text, rows[partner].text] }
            index += 1
        }
        return texts
    }

    /// 2 · `count` texts: consecutive rows of a shared dataset, paired in order (mostly unrelated pairs).
    static func consecutive(_ rows: [(text: String, group: String)], count: Int) -> [String] {
        rows.prefix(2 * count).map(\.text)
    }

    /// Cosine similarity of rows 2i and 2i + 1 of unit rows.
    static func pairSimilarities(_ vectors: Matrix) -> [Double] {
        stride(from: 0, to: vectors.rows - 1, by: 2).map { row in
            (0..<vectors.columns).reduce(0.0) { $0 + Double(vectors[row, $1]) * Double(vectors[row + 1, $1]) }
        }
    }

    /// Ranks from 1, ties sharing their mean rank.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            for position in start...end { ranks[order[position]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        return ranks
    }

    /// Spearman's ρ: Pearson's correlation of the ranks.
    static func spearman(_ a: [Double], _ b: [Double]) -> Double {
        let (x, y) = (ranks(a), ranks(b))
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
        for (p, q) in zip(x, y) {
            sxy += (p - mx) * (q - my)
            sxx += (p - mx) * (p - mx)
            syy += (q - my) * (q - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    @Test("Spearman's ρ of hand-worked rankings")
    func spearmanByHand() {
        #expect(Self.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
        // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).statistic (scipy 1.17.1)
        #expect(abs(Self.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) - 0.8207826816681233) < 1e-12)
    }

    @Test("static and MiniLM cosine similarities agree in rank (ρ ≥ 0.80 on 320 pairs)")
    func agreesWithMiniLM() throws {
        // GPTurk: summaries of the same medical abstract (hit_id) or of two; AG News: two rows of one topic or two.
        let gpturk = try Self.rows("gpturk_real_vs_synthetic/summaries.jsonl", key: "hit_id")
        let agnews = try Self.rows("agnews_llm_synthetic/real.jsonl", key: "label")
        let graded = Self.pairs(gpturk, count: 160) + Self.pairs(agnews, count: 160)
        let random = Self.consecutive(agnews, count: 160)
        #expect(graded.count == 640)
        let minilm = try MiniLMEmbedder(directory: RepositoryPaths.miniLMModel.path)
        let staticModel = try StaticEmbedder(directory: RepositoryPaths.staticModel.path)
        let hashing = HashingEmbedder()
        func rho(_ embedder: any Embedder, _ texts: [String], reference: [Double]) throws -> Double {
            Self.spearman(Self.pairSimilarities(try embedder.embed(texts)), reference)
        }
        let reference = Self.pairSimilarities(try minilm.embed(graded))
        let found = try rho(staticModel, graded, reference: reference)
        let randomReference = Self.pairSimilarities(try minilm.embed(random))
        print(
            "Spearman against MiniLM, 320 related/unrelated pairs: static \(found), hashing "
                + "\(try rho(hashing, graded, reference: reference)); 160 consecutive AG News pairs: static "
                + "\(try rho(staticModel, random, reference: randomReference)), hashing "
                + "\(try rho(hashing, random, reference: randomReference))")
        #expect(found >= 0.80, "static against MiniLM: \(found)")
    }
}
