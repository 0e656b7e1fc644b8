import DatasetIO
import Dispatch
import TextArtefacts
import TextTokenization

/// The naturalness work an audit does once per dataset: every row through the artefact rules
/// (``ArtefactDetector``, with the dataset's and the real data's label names), and the openings rows share.
struct NaturalnessStage {
    /// Per dataset and row, the artefact rules it trips.
    let artefacts: [[[ArtefactKind]]]
    /// Per dataset, what the report lists.
    let details: [NaturalnessDetails]

    /// Examples kept per artefact kind.
    static let examplesPerKind = 5
    /// Openings listed per dataset.
    static let openingLimit = 5

    /// Runs the stage.
    ///
    /// - Complexity: O(total characters · p) for the rules' p ≈ 300 phrases, spread over all cores;
    ///   O(N) hash lookups for the openings.
    static func run(
        _ datasets: [Dataset], corpora: [TokenizedCorpus], vocabulary: Vocabulary, realIndex: Int?
    ) -> NaturalnessStage {
        let realLabels = Set(realIndex.map { datasets[$0].labels.compactMap { $0 } } ?? [])
        let detectors = datasets.map { dataset in
            ArtefactDetector(labelNames: Set(dataset.labels.compactMap { $0 }).union(realLabels).sorted())
        }
        // Chunks of rows over all datasets, so one large dataset still uses every core.
        let chunk = 512
        var jobs: [(dataset: Int, rows: Range<Int>)] = []
        for (position, dataset) in datasets.enumerated() {
            for start in stride(from: 0, to: dataset.count, by: chunk) {
                jobs.append((position, start..<min(start + chunk, dataset.count)))
            }
        }
        let slots = ResultSlots<[[ArtefactKind]]>(count: jobs.count)
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            let job = work[index]
            let texts = datasets[job.dataset].texts
            slots.store(job.rows.map { detectors[job.dataset].detect(texts[$0]) }, at: index)
        }
        var artefacts = [[[ArtefactKind]]](repeating: [], count: datasets.count)
        for (job, flags) in zip(jobs, slots.values) { artefacts[job.dataset].append(contentsOf: flags) }

        let details = datasets.indices.map { position in
            NaturalnessDetails(
                artefacts: findings(artefacts[position], texts: datasets[position].texts),
                openingTemplates: openings(corpora[position], vocabulary: vocabulary))
        }
        return NaturalnessStage(artefacts: artefacts, details: details)
    }

    private static func findings(_ flags: [[ArtefactKind]], texts: [String]) -> [String: ArtefactFindings] {
        var result: [String: ArtefactFindings] = [:]
        for kind in ArtefactKind.allCases {
            let rows = flags.indices.filter { flags[$0].contains(kind) }
            guard !rows.isEmpty else { continue }
            result[kind.rawValue] = ArtefactFindings(
                rows: rows.count, examples: rows.prefix(examplesPerKind).map { TextRow(row: $0, text: texts[$0]) })
        }
        return result
    }

    /// The most common openings of ``ArtefactMetric/openingTokens`` tokens shared by two or more rows:
    /// most rows first, then by the opening's text.
    private static func openings(_ corpus: TokenizedCorpus, vocabulary: Vocabulary) -> [OpeningTemplate] {
        let k = ArtefactMetric.openingTokens
        var counts: [[UInt32]: Int] = [:]
        for row in 0..<corpus.rowCount {
            let tokens = corpus.tokens(ofRow: row)
            guard tokens.count >= k else { continue }
            counts[Array(tokens.prefix(k)), default: 0] += 1
        }
        let shared = counts.filter { $0.value >= 2 }.map { entry in
            (text: entry.key.map { vocabulary.token(for: $0) ?? "?" }.joined(separator: " "), rows: entry.value)
        }
        let n = Double(max(corpus.rowCount, 1))
        return shared.sorted {
            $0.rows != $1.rows
                ? $0.rows > $1.rows
                : $0.text.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.text.unicodeScalars.map(\.value))
        }.prefix(openingLimit).map {
            OpeningTemplate(
                opening: $0.text, rows: $0.rows, share: EmbeddingStage.rounded(Double($0.rows) / n, places: 6))
        }
    }
}
