import AuditModel

/// A group of metrics computed together: the unit the plan runs.
///
/// A family says which metrics it has and, for a selection of them and the audit's inputs, what it
/// needs (``Requirements``); the plan computes every shared product once, for all families, and then
/// asks each family for its section of every dataset's result. A family never computes a shared product
/// itself: no tokenizing, embedding, neighbour search, real-data classifier or language model of its own.
///
/// A metric that is a number per row subset (a dataset or one label's rows) is a ``ScopeMetric``, one
/// file each; its family lists it and evaluates all of them with ``FamilyContext/evaluate(_:)``.
public protocol MetricFamily: Sendable {
    /// The family's name, for progress and timings, e.g. `lexical diversity`.
    var name: String { get }
    /// The metrics it can compute, in report order.
    var metrics: [MetricDescriptor] { get }
    /// What the plan must compute before the family runs, for the selected metrics (a non-empty subset of
    /// ``metrics``) and these inputs.
    func requirements(for selection: Set<MetricID>, inputs: AuditInputs) -> Requirements
    /// The family's section of every dataset's result, one per dataset in input order.
    ///
    /// - Throws: ``AuditError`` when a computation on valid input fails.
    func run(_ context: FamilyContext) throws(AuditError) -> [DatasetSection]
}

/// One metric that is computed on a scope: a whole dataset or the rows of one of its labels.
public protocol ScopeMetric: Sendable {
    /// Its id, title, direction and card.
    var descriptor: MetricDescriptor { get }
    /// What it reads beyond the texts and labels, for a family that asks the plan for the union over its
    /// selected metrics (``Requirements/of(_:selection:)``); by default nothing.
    var requirements: Requirements { get }
    /// Its value on the rows of `scope`.
    func value(in scope: MetricScope) -> MetricValue
    /// The 95 % interval of `value` (its value on `scope`), for metrics whose uncertainty follows from the
    /// value and the scope (a share of rows: Wilson's interval); by default none. Asked of whole datasets only.
    func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval?
}

extension ScopeMetric {
    /// Nothing beyond the texts and labels.
    public var requirements: Requirements { .none }

    /// No interval.
    public func interval(of value: Double, in scope: MetricScope) -> ConfidenceInterval? { nil }

    /// Wilson's interval of a share `value` of `trials` rows (`nil` without rows, or when `value` is not a
    /// whole number of rows out of `trials`).
    ///
    /// - Complexity: O(1).
    public func shareInterval(_ value: Double, of trials: Int) -> ConfidenceInterval? {
        guard trials > 0 else { return nil }
        let successes = (value * Double(trials)).rounded()
        guard abs(successes - value * Double(trials)) < 1e-6, (0...Double(trials)).contains(successes) else {
            return nil
        }
        return .wilson(successes: Int(successes), trials: trials)
    }
}

/// What the plan computes for the families that ask: each product once per audit.
public struct Requirements: Sendable, Equatable {
    /// Every dataset tokenized with one shared vocabulary (``SharedProducts/tokens``).
    public var tokens: Bool
    /// The id of each row's normalised text, shared across datasets (``SharedProducts/textKeys``).
    public var textKeys: Bool
    /// Unit embeddings of every row (``SharedProducts/vectors``).
    public var vectors: Bool
    /// Nearest-neighbour graphs and ball counts (``SharedProducts/graphs``); implies ``vectors``.
    public var graphs: GraphNeeds
    /// A classifier trained on the real data, applied to every labelled row (``SharedProducts/classifier``).
    public var classifier: Bool
    /// Held-out perplexities under n-gram language models of the real data (``SharedProducts/languageModel``);
    /// implies ``tokens``.
    public var languageModel: Bool

    /// Requirements; by default nothing.
    public init(
        tokens: Bool = false, textKeys: Bool = false, vectors: Bool = false, graphs: GraphNeeds = GraphNeeds(),
        classifier: Bool = false, languageModel: Bool = false
    ) {
        self.tokens = tokens || languageModel
        self.textKeys = textKeys
        self.vectors = vectors || !graphs.isEmpty || classifier
        self.graphs = graphs
        self.classifier = classifier
        self.languageModel = languageModel
    }

    /// Nothing at all.
    public static let none = Requirements()

    /// The union of the requirements of the `metrics` whose ids `selection` holds.
    ///
    /// - Complexity: O(metrics).
    public static func of(_ metrics: [any ScopeMetric], selection: Set<MetricID>) -> Requirements {
        metrics.filter { selection.contains($0.descriptor.id) }.reduce(.none) { $0.merged(with: $1.requirements) }
    }

    /// What both need.
    public func merged(with other: Requirements) -> Requirements {
        Requirements(
            tokens: tokens || other.tokens, textKeys: textKeys || other.textKeys, vectors: vectors || other.vectors,
            graphs: graphs.merged(with: other.graphs), classifier: classifier || other.classifier,
            languageModel: languageModel || other.languageModel)
    }
}

/// The neighbour graphs families need, as the largest k for each ordered pair of sets (0: none).
///
/// The plan computes them all with one sweep per pair of sets (``NeighbourGraphs/NeighbourSweep``):
/// each dataset against itself, and each synthetic dataset against the real one (both directions from
/// the same products), plus one sweep between the two seeded halves of the real rows for the noise floor
/// of the ball counts.
public struct GraphNeeds: Sendable, Equatable {
    /// Every dataset → itself: each row's k nearest other rows.
    public var withinDataset: Int
    /// Every dataset → itself: each labelled row's k nearest other rows of the same label.
    public var withinLabel: Int
    /// Each synthetic dataset → the real one: each row's k nearest real rows.
    public var toReal: Int
    /// The real dataset → each synthetic one: each real row's k nearest synthetic rows.
    public var fromReal: Int
    /// Every dataset → the real one's labelled rows: each row's k nearest labelled real rows (for the real
    /// dataset, other than itself).
    public var toLabelledReal: Int
    /// Neighbourhood balls of this k (``BallCounts``): each synthetic dataset against the real one, and the
    /// real data's two halves against each other.
    public var balls: Int

    /// Needs; by default none.
    public init(
        withinDataset: Int = 0, withinLabel: Int = 0, toReal: Int = 0, fromReal: Int = 0, toLabelledReal: Int = 0,
        balls: Int = 0
    ) {
        self.withinDataset = withinDataset
        self.withinLabel = withinLabel
        self.toReal = toReal
        self.fromReal = fromReal
        self.toLabelledReal = toLabelledReal
        self.balls = balls
    }

    /// Whether no graph is needed.
    public var isEmpty: Bool { self == GraphNeeds() }

    /// The larger k of each.
    public func merged(with other: GraphNeeds) -> GraphNeeds {
        GraphNeeds(
            withinDataset: max(withinDataset, other.withinDataset), withinLabel: max(withinLabel, other.withinLabel),
            toReal: max(toReal, other.toReal), fromReal: max(fromReal, other.fromReal),
            toLabelledReal: max(toLabelledReal, other.toLabelledReal), balls: max(balls, other.balls))
    }
}
