import AuditModel
import AuditPlan
import TextArtefacts

extension MetricID {
    /// Share of rows with at least one artefact flag.
    public static let artefactRate = MetricID("artefact_rate")
    /// Share of rows flagged for assistant boilerplate ("Sure! Here is…").
    public static let boilerplateRate = MetricID("boilerplate_rate")
    /// Share of rows flagged as a refusal or an AI self-reference.
    public static let refusalRate = MetricID("refusal_rate")
    /// Share of rows flagged for prompt or format leakage ("Label:", "Tweet 3:", "1.").
    public static let promptLeakageRate = MetricID("prompt_leakage_rate")
    /// Share of rows wrapped whole in one pair of quotes.
    public static let wrappedInQuotesRate = MetricID("wrapped_in_quotes_rate")
    /// Share of rows flagged as cut off.
    public static let truncatedRate = MetricID("truncated_rate")
    /// Share of rows repeating a word 3-gram three times or a sentence twice.
    public static let repeatedNGramsRate = MetricID("repeated_ngrams_rate")
    /// Share of rows with fewer than three words.
    public static let tooShortRate = MetricID("too_short_rate")
    /// Share of rows with markup left over (HTML, Markdown, code fences, escaped newlines).
    public static let markupRate = MetricID("markup_rate")
}

/// `artefact_rate` (any rule) and one `*_rate` per artefact rule: the share of rows on which the rule
/// trips (rules in `Metrics/artefacts.md`).
///
/// - Complexity: O(N) over the family's per-row flags.
struct ArtefactRate: RowDataMetric {
    /// The rule counted, or `nil` for any rule.
    let kind: ArtefactKind?

    init(_ kind: ArtefactKind?) {
        self.kind = kind
    }

    var descriptor: MetricDescriptor {
        guard let kind else {
            return MetricDescriptor(
                .artefactRate, title: "Artefact rate",
                summary: "share of rows with at least one LLM artefact flag (boilerplate, refusal, leakage, quotes, …)",
                direction: .lowerIsBetter, dimension: .naturalness, card: "Metrics/artefacts.md")
        }
        return MetricDescriptor(
            Self.id(of: kind), title: Self.title(of: kind),
            summary: "share of rows flagged \(kind.rawValue): \(Self.summary(of: kind))", direction: .lowerIsBetter,
            dimension: .naturalness, card: "Metrics/artefacts.md")
    }

    func value(in scope: MetricScope, _ data: RowData) -> MetricValue {
        guard scope.rowCount > 0 else { return .skipped(.noRows) }
        let flags = data.flags[scope.dataset]
        let flagged = scope.rows.lazy.filter { row in
            if let kind { return flags[row].contains(kind) }
            return !flags[row].isEmpty
        }.count
        return .number(Double(flagged) / Double(scope.rowCount))
    }

    /// The rate's metric id of an artefact kind.
    static func id(of kind: ArtefactKind) -> MetricID {
        switch kind {
        case .boilerplate: .boilerplateRate
        case .refusal: .refusalRate
        case .promptLeakage: .promptLeakageRate
        case .wrappedInQuotes: .wrappedInQuotesRate
        case .truncated: .truncatedRate
        case .repeatedNGrams: .repeatedNGramsRate
        case .tooShort: .tooShortRate
        case .markup: .markupRate
        }
    }

    static func title(of kind: ArtefactKind) -> String {
        switch kind {
        case .boilerplate: "Boilerplate"
        case .refusal: "Refusals"
        case .promptLeakage: "Prompt leakage"
        case .wrappedInQuotes: "Wrapped in quotes"
        case .truncated: "Truncated"
        case .repeatedNGrams: "Repeated n-grams"
        case .tooShort: "Too short"
        case .markup: "Markup"
        }
    }

    static func summary(of kind: ArtefactKind) -> String {
        switch kind {
        case .boilerplate: "assistant preambles and closers (\"Sure! Here is…\", \"Hope this helps\")"
        case .refusal: "refusals and AI self-references (\"As an AI language model\")"
        case .promptLeakage: "pieces of the prompt or format (\"Label:\", \"Tweet 3:\", leading \"1.\")"
        case .wrappedInQuotes: "the whole text in one pair of quotes"
        case .truncated: "cut off mid-sentence or with an unclosed bracket"
        case .repeatedNGrams: "a word 3-gram three times or a sentence twice in one row"
        case .tooShort: "fewer than three words"
        case .markup: "HTML, Markdown, code fences or escaped newlines left in"
        }
    }
}
