/// A step of an audit, announced as it begins, so a caller can show progress and time each stage.
///
/// Steps are announced one after another from the calling thread; a step lasts until the next one
/// begins or the run returns.
public struct AuditStep: Sendable, Hashable {
    /// A kind of work: one of the plan's own stages, or a metric family's.
    public struct Stage: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The stage's name, for people, e.g. `neighbour graphs`.
        public let rawValue: String

        /// The stage named `rawValue`.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The stage's name.
        public var description: String { rawValue }

        /// Reading a dataset or a vector file (announced by the caller, which reads the files).
        public static let read = Stage(rawValue: "read")
        /// Tokenizing every dataset (one shared vocabulary) and normalising texts.
        public static let tokenize = Stage(rawValue: "tokenize")
        /// Embedding the texts (through the cache) or taking the datasets' own vectors.
        public static let embed = Stage(rawValue: "embed")
        /// Fitting the 2-D projection.
        public static let projection = Stage(rawValue: "projection")
        /// The nearest-neighbour graphs and ball counts, one sweep per pair of sets.
        public static let graphs = Stage(rawValue: "neighbour graphs")
        /// Training and applying the classifier of the real data.
        public static let classifier = Stage(rawValue: "classifier")
        /// Training and applying the real data's language models.
        public static let languageModel = Stage(rawValue: "language model")
        /// Writing a report (announced by the caller).
        public static let write = Stage(rawValue: "write")

        /// The stage of the metric family named `name`.
        public static func family(_ name: String) -> Stage { Stage(rawValue: name) }
    }

    /// What kind of work this is.
    public let stage: Stage
    /// What it works on, for people: a dataset's name and size, a file path.
    public let subject: String

    /// Creates a step.
    public init(_ stage: Stage, _ subject: String) {
        self.stage = stage
        self.subject = subject
    }
}
