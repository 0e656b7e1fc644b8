import AssayUtilities
import AuditModel
import DatasetIO

/// One audit, planned: the families that have selected metrics, what they need, and how to compute it.
///
/// The plan is built once from the families and the inputs. Running it computes each shared product
/// once (tokens, normalised texts, vectors, the projection, the neighbour graphs, the real data's
/// classifier and language models, only those some family asked for), hands them to every family, and
/// merges the families' sections into the result.
public struct AuditPlan: Sendable {
    /// The families that run, in catalogue order.
    public let families: [any MetricFamily]
    /// Every family's metrics, in report order.
    public let catalog: MetricCatalog
    /// The selected metrics, in report order.
    public let selection: [MetricID]
    /// What the families need, together.
    public let requirements: Requirements
    /// The datasets and their facts.
    public let inputs: AuditInputs
    private let selectedByFamily: [Set<MetricID>]

    /// Plans an audit of `datasets` with the metrics of `families` that `configuration` selects (all of
    /// them when it selects none in particular).
    ///
    /// - Throws: ``AuditError/unknownMetric(_:)`` when the configuration names a metric no family has.
    /// - Complexity: O(total rows) to gather the inputs' facts, plus O(metrics).
    public init(families all: [any MetricFamily], datasets: [Dataset], configuration: AuditConfiguration)
        throws(AuditError)
    {
        let catalog = MetricCatalog(all.flatMap(\.metrics))
        let wanted = configuration.metrics ?? catalog.ids
        if let unknown = wanted.first(where: { !catalog.contains($0) }) { throw .unknownMetric(unknown.rawValue) }
        let selected = Set(wanted)
        let inputs = AuditInputs(datasets, configuration: configuration)
        var families: [any MetricFamily] = []
        var selectedByFamily: [Set<MetricID>] = []
        var requirements = Requirements.none
        for family in all {
            let chosen = selected.intersection(family.metrics.map(\.id))
            guard !chosen.isEmpty else { continue }
            families.append(family)
            selectedByFamily.append(chosen)
            requirements = requirements.merged(with: family.requirements(for: chosen, inputs: inputs))
        }
        self.families = families
        self.catalog = catalog
        self.selection = catalog.ordered(selected)
        self.requirements = requirements
        self.inputs = inputs
        self.selectedByFamily = selectedByFamily
    }

    /// Runs the audit. `warn` receives problems that do not stop it (an unusable embedding cache); `step`
    /// is told as each step begins, for progress and timings.
    ///
    /// - Throws: ``AuditError`` for vectors that do not fit together, an embedder or a computation that fails.
    /// - Complexity: the products' costs (tokenizing O(characters); embedding; the neighbour sweeps
    ///   O(N²·d) per dataset and O(N·M·d) per synthetic dataset against the real one, in `sgemm` tiles; the
    ///   classifier O(iterations·N·d·K); the language models O(folds·order·T)) plus each family's own.
    public func run(
        embeddings source: EmbeddingSource = EmbeddingSource(), warn: (String) -> Void = { _ in },
        step: @escaping @Sendable (AuditStep) -> Void = { _ in }
    ) throws(AuditError) -> AuditResult {
        let datasets = inputs.datasets
        let configuration = inputs.configuration
        var tokens: TokenizedDatasets?
        var textKeys: [[UInt32]]?
        if requirements.tokens || requirements.textKeys {
            step(AuditStep(.tokenize, "\(datasets.count) datasets, \(datasets.reduce(0) { $0 + $1.count }) rows"))
            (tokens, textKeys) = TokenizedDatasets.make(
                datasets, tokenizer: configuration.tokenizer, textKeys: requirements.textKeys)
        }
        var vectors: EmbeddedDatasets?
        var projection: [[ProjectedRow]] = []
        var summary: EmbeddingSummary?
        if requirements.vectors {
            let embedded = try EmbeddedDatasets.make(datasets, source: source, warn: warn, step: step)
            step(AuditStep(.projection, "\(embedded.store.rows) rows"))
            let projected = try embedded.projection(limit: configuration.projectionLimit)
            embedded.releaseResidentPages()
            projection = projected.rows
            summary = EmbeddingSummary(
                embedder: embedded.identity, dimension: embedded.dimension,
                explainedVariance: projected.explainedVariance, precision: embedded.store.precision.rawValue)
            vectors = embedded
        }
        var graphs: AuditGraphs?
        if let vectors, !requirements.graphs.isEmpty {
            graphs = try AuditGraphs.make(
                requirements.graphs, inputs: inputs, vectors: vectors, usedBy: metricsReading, step: step)
            for warning in graphs?.search.warnings ?? [] { warn(warning) }
            vectors.releaseResidentPages()
        }
        var classifier: Result<RealClassifier, SkipReason>?
        if let vectors, requirements.classifier {
            classifier = try RealClassifier.make(inputs: inputs, vectors: vectors, step: step)
            vectors.releaseResidentPages()
        }
        var languageModel: Result<RealLanguageModel, SkipReason>?
        if let tokens, requirements.languageModel {
            languageModel = RealLanguageModel.make(inputs: inputs, tokens: tokens, step: step)
        }
        var products = SharedProducts(
            tokens: tokens, textKeys: textKeys, vectors: vectors, graphs: graphs, classifier: classifier,
            languageModel: languageModel)
        let neighbourSearch = graphs?.search

        var results = datasets.enumerated().map { position, dataset in
            var result = DatasetResult(
                name: dataset.name, role: dataset.role == .real ? .real : .synthetic, path: dataset.path,
                rows: dataset.count,
                labelCounts: inputs.labelRows[position].reduce(into: [:]) { $0[$1.label] = $1.rows.count },
                unlabelledRows: dataset.labels.lazy.filter { $0 == nil }.count, sha256: dataset.sha256)
            result.rowFindings = dataset.texts.indices.map { row in
                RowFinding(row: row, line: dataset.lineNumbers[row], label: dataset.labels[row])
            }
            if let vectors {
                result.embedding = EmbeddingDetails(
                    zeroVectorRows: vectors[position].zeroRows, projection: projection[position])
            }
            return result
        }
        // The families that read vectors (or the graphs and classifier made from them) run first; then those
        // products are let go, so that the families reading only texts and tokens run without them in memory
        // (at a million rows of 384-d vectors: 1.7 GB). The sections merge into the same result either way.
        let readsVectors = zip(families, selectedByFamily).map { family, selected in
            family.requirements(for: selected, inputs: inputs).vectors
        }
        let order = families.indices.filter { readsVectors[$0] } + families.indices.filter { !readsVectors[$0] }
        for index in order {
            let (family, selected) = (families[index], selectedByFamily[index])
            if !readsVectors[index], products.vectors != nil {
                products = SharedProducts(tokens: tokens, textKeys: textKeys, languageModel: languageModel)
                (vectors, graphs, classifier) = (nil, nil, nil)
            }
            step(AuditStep(.family(family.name), "\(selected.count) metrics"))
            let stage = AuditStep.Stage.family(family.name)
            let context = FamilyContext(inputs: inputs, products: products, selection: selected) { subject in
                step(AuditStep(stage, subject))
            }
            let sections = try family.run(context)
            products.vectors?.releaseResidentPages()
            precondition(sections.count == results.count, "\(family.name): one section per dataset")
            for (position, section) in sections.enumerated() { results[position].merge(section) }
        }
        return AuditResult(
            configuration: configuration.settings(metrics: selection), datasets: results, embedding: summary,
            neighbourSearch: neighbourSearch, catalog: catalog.restricted(to: selection))
    }

    /// The selected metrics that read `graph` (a ``AuditModel/GraphRecall/graph`` name), in report order.
    func metricsReading(_ graph: String) -> [MetricID] {
        selection.filter { metric in
            guard let family = families.first(where: { $0.metrics.contains { $0.id == metric } }) else { return false }
            let needs = family.requirements(for: [metric], inputs: inputs).graphs
            switch graph {
            // The real data's own list also gives its labelled neighbours when every real row is labelled, and
            // the to-real lists every row's labelled real neighbours: both count their readers too.
            case "within_dataset": return needs.withinDataset > 0 || needs.balls > 0 || needs.toLabelledReal > 0
            case "within_label": return needs.withinLabel > 0
            case "to_labelled_real": return needs.toLabelledReal > 0
            case "to_real": return needs.toReal > 0 || needs.toLabelledReal > 0
            case "from_real": return needs.fromReal > 0
            case "real_halves", "ball_counts", "real_in_balls": return needs.balls > 0
            default: return false
            }
        }
    }
}
