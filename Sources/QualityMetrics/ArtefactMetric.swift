import TextArtefacts

/// `artefact_rate`, one `*_rate` per artefact rule, and `opening_template_share`: how often the rows carry
/// the traces language-model generation leaves (rules in `Metrics/artefacts.md`), and how much of the
/// dataset starts the same way. Computed for whole datasets and for each label's rows.
///
/// - Complexity: O(N) over flags computed once per row by the engine (``NaturalnessStage``); the opening
///   share O(N) hash lookups of the first three token ids.
struct ArtefactMetric: MetricFamily {
    static let ids: [MetricID] = [
        .artefactRate, .boilerplateRate, .refusalRate, .promptLeakageRate, .wrappedInQuotesRate, .truncatedRate,
        .repeatedNGramsRate, .tooShortRate, .markupRate, .openingTemplateShare,
    ]
    var ids: [MetricID] { Self.ids }

    private static let notComputed = MetricValue.unavailable(reason: "artefact flags were not computed")

    /// Tokens in the opening that `opening_template_share` compares.
    static let openingTokens = 3

    func evaluate(_ context: MetricContext, requested: [MetricID]) -> [MetricID: MetricValue] {
        let rows = context.rows
        guard rows.rowCount > 0 else {
            return Dictionary(uniqueKeysWithValues: requested.map { ($0, .unavailable(reason: "no rows")) })
        }
        var values: [MetricID: MetricValue] = [:]
        let n = Double(rows.rowCount)
        for id in requested {
            switch id {
            case .openingTemplateShare:
                values[id] = .number(Double(Self.largestOpeningGroup(rows)) / n)
            case .artefactRate:
                values[id] =
                    rows.artefacts.map { flags in .number(Double(flags.lazy.filter { !$0.isEmpty }.count) / n) }
                    ?? Self.notComputed
            default:
                let kind = Self.kind(of: id)
                values[id] =
                    rows.artefacts.map { flags in .number(Double(flags.lazy.filter { $0.contains(kind) }.count) / n) }
                    ?? Self.notComputed
            }
        }
        return values
    }

    /// The number of rows in the largest group of two or more rows sharing their first ``openingTokens``
    /// token ids (0 when no two rows share an opening).
    static func largestOpeningGroup(_ rows: RowSubset) -> Int {
        var counts: [[UInt32]: Int] = [:]
        for row in 0..<rows.rowCount {
            let tokens = rows.corpus.tokens(ofRow: row)
            guard tokens.count >= openingTokens else { continue }
            counts[Array(tokens.prefix(openingTokens)), default: 0] += 1
        }
        let largest = counts.values.max() ?? 0
        return largest >= 2 ? largest : 0
    }

    /// The artefact kind a per-rule rate counts.
    static func kind(of id: MetricID) -> ArtefactKind {
        switch id {
        case .boilerplateRate: .boilerplate
        case .refusalRate: .refusal
        case .promptLeakageRate: .promptLeakage
        case .wrappedInQuotesRate: .wrappedInQuotes
        case .truncatedRate: .truncated
        case .repeatedNGramsRate: .repeatedNGrams
        case .tooShortRate: .tooShort
        default: .markup
        }
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
