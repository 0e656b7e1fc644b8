/// A `--metrics` list that names no known metric.
public enum MetricSelectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An id that no metric has, with close known ids.
    case unknown(String, suggestions: [String])
    /// An empty entry in the list (e.g. `distinct_1,,self_bleu_4`).
    case empty

    /// One lowercase line.
    public var description: String {
        switch self {
        case .unknown(let name, let suggestions):
            let hint =
                suggestions.isEmpty
                ? "run `assay metrics` for the list" : "did you mean \(suggestions.joined(separator: ", "))?"
            return "unknown metric '\(name)'; \(hint)"
        case .empty:
            return "empty metric name in the list"
        }
    }
}
