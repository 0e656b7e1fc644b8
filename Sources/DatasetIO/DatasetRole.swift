/// Whether a dataset is the real reference or a synthetic (generated) candidate.
public enum DatasetRole: String, Sendable, Codable, Hashable {
    /// The real data of the task, used as the reference.
    case real
    /// Generated data under audit.
    case synthetic
}
