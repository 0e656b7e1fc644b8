import AuditModel

extension AmbiguousRow {
    /// The votes as `label count` pairs, most votes first (ties by label), each label passed through
    /// `escape` for the report's format.
    func voteList(escaping escape: (String) -> String) -> String {
        votes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\(escape($0.key)) \($0.value)" }.joined(separator: ", ")
    }
}
