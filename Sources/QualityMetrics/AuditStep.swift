/// A step of an audit, announced as it begins, so a caller can show progress and time each stage.
///
/// Steps are announced one after another from the calling thread; a step lasts until the next one
/// begins or the run returns.
public struct AuditStep: Sendable, Hashable {
    /// The stages of an audit, in the order they run.
    public enum Stage: String, Sendable, CaseIterable {
        /// Reading a dataset or a vector file (announced by the caller, which reads the files).
        case read
        /// Tokenizing every dataset (one shared vocabulary) and normalising texts.
        case tokenize
        /// Embedding the texts (through the cache) or taking the datasets' own vectors.
        case embed
        /// Finding each row's nearest other row in one dataset.
        case neighbours = "nearest neighbours"
        /// Finding each synthetic row's nearest real row.
        case realNeighbours = "nearest real rows"
        /// Fitting the 2-D projection.
        case projection
        /// Checking every row for artefacts; training and applying the real data's language model.
        case naturalness
        /// The real-versus-synthetic tests on the embeddings: discriminator, MAUVE, precision and recall.
        case fidelity = "real vs synthetic"
        /// Training and applying the label classifiers.
        case labelModels = "classifiers"
        /// Computing the metrics on every dataset and label.
        case metrics
        /// Writing a report (announced by the caller).
        case write
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
