import AuditModel

/// The command line's words for skip reasons: the plain words, plus the option that would give the
/// missing input (`give one with --real`).
struct CommandLineWording: SkipReasonWording {
    func words(for reason: SkipReason) -> String {
        switch reason {
        case .noRealDataset(let use):
            switch use {
            case .comparison: "no real dataset to compare with (give one with --real)"
            case .languageModel: "needs a real dataset to train the language model on (give one with --real)"
            case .classifier: "no labelled real dataset to train on (give one with --real)"
            case .subjectivityEstimate: "no labelled real dataset to estimate from (give one with --real)"
            }
        case .noRaters: "no row has two or more ratings (per-rater labels are read from --annotators-field)"
        case .noComparedLabels: "no label fields to compare (give two with --compare-labels FIELD_A,FIELD_B)"
        default: PlainWording().words(for: reason)
        }
    }
}
