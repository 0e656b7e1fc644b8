/// A kind of artefact that language-model generation leaves in a text row.
///
/// The exact rule behind each kind is documented on ``ArtefactDetector`` and in `Metrics/artefacts.md`.
/// `allCases` order is the order in which ``ArtefactDetector/detect(_:)`` reports kinds.
public enum ArtefactKind: String, Sendable, CaseIterable, Codable {
    /// Assistant preambles and closers: "Sure! Here is a …", "Here's a tweet:", "Certainly!", "I hope this helps".
    case boilerplate = "boilerplate"
    /// Refusals and self-references: "I'm sorry, but I can't …", "As an AI language model", "I cannot fulfill".
    case refusal = "refusal"
    /// Pieces of the prompt or the output format: "Label:", "Tweet 3:", leading "1." / "1)" / "#1:",
    /// template placeholders, a label name as a tag ("(positive)").
    case promptLeakage = "prompt_leakage"
    /// The whole text wrapped in one pair of straight, curly or angle quotes.
    case wrappedInQuotes = "wrapped_in_quotes"
    /// Cut off: a long row ending in "…", a sentence ending on a function word, a long row without
    /// terminal punctuation, or an opening bracket or quote that is never closed.
    case truncated = "truncated"
    /// A 3-token word n-gram three or more times in one row, or the same sentence twice.
    case repeatedNGrams = "repeated_ngrams"
    /// Empty, or fewer than three word tokens.
    case tooShort = "too_short"
    /// HTML tags, Markdown headings, bold, bullets or code fences, escaped `\n` literals, JSON braces.
    case markup = "markup"
}
