import AssayUtilities
import AuditModel
import AuditPlan
import Dispatch
import TextArtefacts
import TextTokenization

/// How much each row reads like real data: the traces language-model generation leaves (artefact rules,
/// shared openings) and how typical of the real rows its perplexity is under the real data's language
/// models (the plan's), per dataset and per label, with the least and most natural rows.
///
/// - Complexity: O(total characters · p) for the rules' p ≈ 300 phrases, spread over all cores; O(N)
///   hash lookups for the openings; O(log M) per row for its naturalness against M real rows.
public struct Naturalness: MetricFamily {
    static let scopeMetrics: [any RowDataMetric] =
        [NaturalnessScore(), Perplexity(), ArtefactRate(nil)] + ArtefactKind.allCases.map { ArtefactRate($0) }
        + [OpeningTemplateShare()]

    /// Examples kept per artefact kind.
    static let examplesPerKind = 5
    /// Openings listed per dataset.
    static let openingLimit = 5
    /// Most and least natural rows listed per dataset.
    static let naturalRowLimit = 10
    /// Each artefact a row trips multiplies its naturalness by this.
    static let artefactFactor = 0.5
    /// Tokens in the opening that `opening_template_share` compares.
    static let openingTokens = 3

    /// The family.
    public init() {}

    /// `naturalness`.
    public var name: String { "naturalness" }

    /// Its metrics, in report order.
    public var metrics: [MetricDescriptor] { Self.scopeMetrics.map(\.descriptor) }

    /// Tokens for the openings; the real data's language models for naturalness and perplexity.
    public func requirements(for selection: Set<MetricID>, inputs: AuditInputs) -> Requirements {
        Requirements(
            tokens: true, languageModel: selection.contains(.naturalness) || selection.contains(.perplexityRealLM))
    }

    /// The artefact flags of every row, each row's naturalness, every selected metric on every scope, and
    /// the findings the reports list.
    public func run(_ context: FamilyContext) throws(AuditError) -> [DatasetSection] {
        context.step("artefact rules on \(context.inputs.datasets.reduce(0) { $0 + $1.count }) rows")
        let flags = Self.artefacts(context.inputs)
        let model = context.products.languageModel
        let perplexities: [[Double]?] = context.inputs.datasets.indices.map { position in
            if case .success(let model)? = model { return model.perplexities[position] }
            return nil
        }
        let reference = context.inputs.realIndex.flatMap { perplexities[$0] }.map { $0.sorted() }
        let scores = context.inputs.datasets.indices.map { position -> [Double]? in
            guard let reference, let values = perplexities[position] else { return nil }
            return values.indices.map { row in
                flags[position][row].reduce(Self.typicality(values[row], reference: reference)) { score, _ in
                    score * Self.artefactFactor
                }
            }
        }
        let rowData = RowData(flags: flags, perplexities: perplexities, scores: scores, model: model)
        var sections = context.evaluate(Self.scopeMetrics.map { BoundMetric(metric: $0, data: rowData) })
        let median = reference.flatMap { sorted in
            sorted.isEmpty
                ? nil : ((sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2).rounded(toPlaces: 4)
        }
        var description: String?
        if case .success(let trained)? = model { description = trained.description }
        for position in sections.indices {
            let dataset = context.inputs.datasets[position]
            sections[position].naturalness = NaturalnessDetails(
                artefacts: Self.findings(flags[position], texts: dataset.texts),
                openingTemplates: Self.openings(
                    context.tokens.corpora[position], vocabulary: context.tokens.vocabulary),
                leastNatural: Self.naturalRows(position, rowData, dataset.texts, least: true),
                mostNatural: Self.naturalRows(position, rowData, dataset.texts, least: false),
                languageModel: perplexities[position] == nil ? nil : description,
                realMedianPerplexity: perplexities[position] == nil ? nil : median)
            sections[position].rowFindings = dataset.texts.indices.map { row in
                var finding = RowFinding.blank(row: row)
                finding.flags = flags[position][row].map(\.rawValue)
                finding.perplexity = perplexities[position].map { $0[row].rounded(toPlaces: 4) }
                finding.naturalness = scores[position].map { $0[row].rounded(toPlaces: 6) }
                return finding
            }
        }
        return sections
    }

    /// Per dataset and row, the artefact rules it trips, with the dataset's and the real data's label
    /// names; chunks of rows over all datasets, so one large dataset still uses every core.
    static func artefacts(_ inputs: AuditInputs) -> [[[ArtefactKind]]] {
        let datasets = inputs.datasets
        let realLabels = Set(inputs.real.map { $0.labels.compactMap { $0 } } ?? [])
        let detectors = datasets.map { dataset in
            ArtefactDetector(labelNames: Set(dataset.labels.compactMap { $0 }).union(realLabels).sorted())
        }
        let chunk = 512
        var jobs: [(dataset: Int, rows: Range<Int>)] = []
        for (position, dataset) in datasets.enumerated() {
            for start in stride(from: 0, to: dataset.count, by: chunk) {
                jobs.append((position, start..<min(start + chunk, dataset.count)))
            }
        }
        let flags = jobs.parallelMap { job in
            job.rows.map { detectors[job.dataset].detect(datasets[job.dataset].texts[$0]) }
        }
        var artefacts = [[[ArtefactKind]]](repeating: [], count: datasets.count)
        for (job, rows) in zip(jobs, flags) { artefacts[job.dataset].append(contentsOf: rows) }
        return artefacts
    }

    /// How typical of the real rows a perplexity is: 2 · min(F, 1 − F) for F, the share of real held-out
    /// perplexities below `value` (equal ones count ½, a mid-rank percentile). 1 at the real median, 0
    /// beyond every real row on either side: an unusually *low* perplexity (bland, generic, repeated
    /// wording, which language models tend to produce) is as atypical as an unusually high one. Over
    /// the real rows themselves it averages ½.
    ///
    /// - Complexity: O(log M) for M real rows.
    static func typicality(_ value: Double, reference sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let below = partition(sorted) { $0 < value }
        let notAbove = partition(sorted) { $0 <= value }
        let share = (Double(below) + 0.5 * Double(notAbove - below)) / Double(sorted.count)
        return 2 * min(share, 1 - share)
    }

    /// The number of leading elements of `sorted` for which `isBefore` holds (it must hold on a prefix).
    private static func partition(_ sorted: [Double], _ isBefore: (Double) -> Bool) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(sorted[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
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

    /// The least (or most) natural rows of dataset `position`: by naturalness, then perplexity (higher
    /// is less natural), then row.
    private static func naturalRows(_ position: Int, _ data: RowData, _ texts: [String], least: Bool) -> [NaturalRow] {
        guard let scores = data.scores[position], let values = data.perplexities[position] else { return [] }
        let order = scores.indices.sorted { a, b in
            if scores[a] != scores[b] { return least ? scores[a] < scores[b] : scores[a] > scores[b] }
            if values[a] != values[b] { return least ? values[a] > values[b] : values[a] < values[b] }
            return a < b
        }
        return order.prefix(naturalRowLimit).map { row in
            NaturalRow(
                row: row, text: texts[row], naturalness: scores[row].rounded(toPlaces: 6),
                perplexity: values[row].rounded(toPlaces: 4), flags: data.flags[position][row].map(\.rawValue))
        }
    }

    /// The most common openings of ``openingTokens`` tokens shared by two or more rows: most rows first,
    /// then by the opening's text.
    private static func openings(_ corpus: TokenizedCorpus, vocabulary: Vocabulary) -> [OpeningTemplate] {
        var counts: [[UInt32]: Int] = [:]
        for row in 0..<corpus.rowCount {
            let tokens = corpus.tokens(ofRow: row)
            guard tokens.count >= openingTokens else { continue }
            counts[Array(tokens.prefix(openingTokens)), default: 0] += 1
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
            OpeningTemplate(opening: $0.text, rows: $0.rows, share: (Double($0.rows) / n).rounded(toPlaces: 6))
        }
    }
}

/// What the naturalness metrics read besides the scope: every row's artefact flags, perplexity and
/// naturalness, computed once per audit.
struct RowData: Sendable {
    /// Per dataset and row, the artefact rules it trips.
    let flags: [[[ArtefactKind]]]
    /// Per dataset and row, its perplexity (held out for real rows); `nil` without language models.
    let perplexities: [[Double]?]
    /// Per dataset and row, its naturalness; `nil` without language models.
    let scores: [[Double]?]
    /// The language models, or why there are none (`nil` when no selected metric needs them).
    let model: Result<RealLanguageModel, SkipReason>?

    /// Why perplexity and naturalness have no value.
    var missingModel: SkipReason {
        if case .failure(let reason)? = model { return reason }
        return .noRealDataset(.languageModel)
    }
}

/// A naturalness metric: a number per scope from the scope and the family's ``RowData``.
protocol RowDataMetric: Sendable {
    /// Its id, title, direction and card.
    var descriptor: MetricDescriptor { get }
    /// Its value on the rows of `scope`.
    func value(in scope: MetricScope, _ data: RowData) -> MetricValue
}

/// A ``RowDataMetric`` with the audit's row data, as the plan evaluates it.
private struct BoundMetric: ScopeMetric {
    let metric: any RowDataMetric
    let data: RowData

    var descriptor: MetricDescriptor { metric.descriptor }

    func value(in scope: MetricScope) -> MetricValue { metric.value(in: scope, data) }
}
