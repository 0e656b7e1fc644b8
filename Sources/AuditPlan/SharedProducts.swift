import AssayUtilities
import AuditModel
import NeighbourGraphs
import Synchronization

/// What the plan computed for the families, each product once: only those some family required.
public struct SharedProducts: Sendable {
    /// Every dataset's tokens, one vocabulary.
    public let tokens: TokenizedDatasets?
    /// Per dataset and row, the id of its normalised text (the same id across datasets for the same text).
    public let textKeys: [[UInt32]]?
    /// Every dataset's unit embeddings.
    public let vectors: EmbeddedDatasets?
    /// The neighbour graphs and ball counts.
    public let graphs: AuditGraphs?
    /// The classifier of the real data, or why there is none.
    public let classifier: Result<RealClassifier, SkipReason>?
    /// The real data's language models' perplexities, or why there are none.
    public let languageModel: Result<RealLanguageModel, SkipReason>?

    /// Products; by default none.
    public init(
        tokens: TokenizedDatasets? = nil, textKeys: [[UInt32]]? = nil, vectors: EmbeddedDatasets? = nil,
        graphs: AuditGraphs? = nil, classifier: Result<RealClassifier, SkipReason>? = nil,
        languageModel: Result<RealLanguageModel, SkipReason>? = nil
    ) {
        self.tokens = tokens
        self.textKeys = textKeys
        self.vectors = vectors
        self.graphs = graphs
        self.classifier = classifier
        self.languageModel = languageModel
    }
}

/// What a family reads when it runs: the inputs, the shared products and its selected metrics.
///
/// The accessors of the products stop the program when the family did not declare them in its
/// ``Requirements``: that is a programmer error, not a data problem.
public struct FamilyContext: Sendable {
    /// The datasets and their facts.
    public let inputs: AuditInputs
    /// The shared products.
    public let products: SharedProducts
    /// The family's selected metrics.
    public let selection: Set<MetricID>
    /// Announces a step of the family's own work, for progress.
    public let step: @Sendable (String) -> Void
    private let cache = FamilyCache()

    /// A context.
    public init(
        inputs: AuditInputs, products: SharedProducts, selection: Set<MetricID>,
        step: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.inputs = inputs
        self.products = products
        self.selection = selection
        self.step = step
    }

    /// A value the family computes once per audit under `key` and its scopes share (for example, per
    /// dataset, the labels of each row's nearest real rows); `make` runs on first use, once, while other
    /// scopes that need the value wait.
    public func shared<Value: Sendable>(_ key: String, _ make: () -> Value) -> Value {
        cache.value(key, make)
    }

    /// The audit's settings.
    public var configuration: AuditConfiguration { inputs.configuration }

    /// Whether `id` is selected.
    public func wants(_ id: MetricID) -> Bool { selection.contains(id) }

    /// The tokens (declared with ``Requirements/tokens``).
    public var tokens: TokenizedDatasets { required(products.tokens, "tokens") }
    /// The normalised-text ids (declared with ``Requirements/textKeys``).
    public var textKeys: [[UInt32]] { required(products.textKeys, "textKeys") }
    /// The unit embeddings (declared with ``Requirements/vectors``).
    public var vectors: EmbeddedDatasets { required(products.vectors, "vectors") }
    /// The neighbour graphs (declared with ``Requirements/graphs``).
    public var graphs: AuditGraphs { required(products.graphs, "graphs") }
    /// The real classifier or why there is none (declared with ``Requirements/classifier``).
    public var classifier: Result<RealClassifier, SkipReason> { required(products.classifier, "classifier") }
    /// The real language models or why there are none (declared with ``Requirements/languageModel``).
    public var languageModel: Result<RealLanguageModel, SkipReason> {
        required(products.languageModel, "languageModel")
    }

    private func required<Value>(_ value: Value?, _ name: String) -> Value {
        guard let value else { preconditionFailure("a family read \(name) without requiring it") }
        return value
    }

    /// Every scope of the audit: each dataset whole, then each of its labels (sorted), dataset by dataset.
    public var scopes: [MetricScope] {
        inputs.datasets.indices.flatMap { position in
            [wholeDataset(position)]
                + inputs.labelRows[position].map {
                    MetricScope(dataset: position, label: $0.label, rows: $0.rows, context: self)
                }
        }
    }

    /// The scope of the whole dataset at `position`.
    public func wholeDataset(_ position: Int) -> MetricScope {
        MetricScope(dataset: position, label: nil, rows: Array(0..<inputs.datasets[position].count), context: self)
    }

    /// The selected `metrics` on every scope, scopes in parallel: each dataset's section with its values
    /// over the whole dataset and over each label's rows.
    ///
    /// - Complexity: the sum of the metrics' costs over the scopes, spread over the cores.
    public func evaluate(_ metrics: [any ScopeMetric]) -> [DatasetSection] {
        let chosen = metrics.filter { wants($0.descriptor.id) }
        var sections = [DatasetSection](repeating: DatasetSection(), count: inputs.datasets.count)
        guard !chosen.isEmpty else { return sections }
        let scopes = self.scopes
        let values = scopes.parallelMap { scope in
            var values: [MetricID: MetricValue] = [:]
            var intervals: [MetricID: ConfidenceInterval] = [:]
            for metric in chosen {
                let value = metric.value(in: scope)
                values[metric.descriptor.id] = value
                if scope.label == nil, let number = value.number {
                    intervals[metric.descriptor.id] = metric.interval(of: number, in: scope)
                }
            }
            // What the scope cached is needed no more: free it now rather than when every scope is done.
            scope.releaseCachedValues()
            return (values, intervals)
        }
        for (scope, (scopeValues, intervals)) in zip(scopes, values) {
            if let label = scope.label {
                sections[scope.dataset].perLabel[label] = scopeValues
            } else {
                sections[scope.dataset].metrics = scopeValues
                sections[scope.dataset].intervals.merge(intervals) { _, new in new }
            }
        }
        return sections
    }

    /// Each dataset's section with `value` for the whole dataset and ``SkipReason/wholeDatasetOnly`` for each
    /// label, for the selected ids among `ids`: metrics computed per dataset only.
    public func wholeDatasetSections(_ ids: [MetricID], value: (Int, MetricID) -> MetricValue) -> [DatasetSection] {
        let chosen = ids.filter(wants)
        return inputs.datasets.indices.map { position in
            var section = DatasetSection()
            for id in chosen { section.metrics[id] = value(position, id) }
            for entry in inputs.labelRows[position] {
                section.perLabel[entry.label] = Dictionary(
                    uniqueKeysWithValues: chosen.map { ($0, MetricValue.skipped(.wholeDatasetOnly)) })
            }
            return section
        }
    }
}

/// Values a family shares between its scopes, computed once.
private final class FamilyCache: Sendable {
    private let values = Mutex<[String: any Sendable]>([:])

    func value<Value: Sendable>(_ key: String, _ make: () -> Value) -> Value {
        values.withLock { values in
            if let stored = values[key], let value = stored as? Value { return value }
            let value = make()
            values[key] = value
            return value
        }
    }
}
