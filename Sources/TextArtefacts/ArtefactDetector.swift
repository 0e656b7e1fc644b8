/// Rule-based detectors of language-model artefacts in one text row.
///
/// Every rule is conservative (human text should rarely trip it), case-insensitive and
/// Unicode-aware: the text is put in NFKC (full-width letters and quotes become ASCII), lower-cased,
/// curly apostrophes become `'` and curly double quotes `"`, and whitespace runs collapse to one
/// space before phrase matching. Phrases match at word boundaries. *Words* below are the default
/// tokenizer's tokens that contain a letter or digit (words, numbers, hashtags, mentions, URLs; not
/// punctuation or emoji). The rules, with examples and the measured false-positive rates on real
/// data, are in `Metrics/artefacts.md`.
///
/// - ``ArtefactKind/boilerplate``: the text (after leading quotes, brackets and dashes) starts with an
///   affirmation (`sure`, `certainly`, `absolutely`, `of course`, `okay`, `ok`, `alright`, `great`,
///   `yes`) followed by punctuation and a reply continuation (`here is`, `here's`, `here are`,
///   `here you go`, `below is`, `i'd be happy to`, `i can help`, …), or with `certainly!`; or it starts
///   with `here is` / `here's` / `here are` / `below is` / `following is` and either ends with `:` or
///   has a colon after at most 15 words that include a noun for generated text (`tweet`, `review`,
///   `text`, `example`, `sentence`, `post`, `message`, …); or it contains a closer (`hope this helps`,
///   `let me know if you'd like me to`, `let me know if you need any more`, `feel free to modify`,
///   `is there anything else i can`, `as per your request`, …).
/// - ``ArtefactKind/refusal``: a model self-reference anywhere (`as an ai`, `as a language model`,
///   `ai language model`, `i'm an ai`, `my programming`, `content policy`, …); or `I can't` / `I cannot`
///   / `I'm unable to` / `I'm not able to` (and variants) followed by `fulfill`, `comply`, `assist with`
///   or by `generate|create|produce|write|provide` + a refused object (`content`, `that kind`,
///   `inappropriate`, `a tweet that`, `that request`, …); or `I'm sorry, but` / `sorry, but` /
///   `I apologize, but` + `I can't` (variants) + a request verb (`help`, `assist`, `provide`, `write`,
///   `do that`, …) or + `as an`.
/// - ``ArtefactKind/promptLeakage``: leading numbering (`1. `, `12) `, `1: `, `(1) `, `#1: `, `#1. `,
///   `#1) `, `#1 - `, or an orphan `) `); a header of 1–6 words ending in `:` on one of the first three
///   lines whose last word, before an optional number, is a field name (`label`, `sentiment`, `tweet`,
///   `text`, `review`, `sentence`, `input`, `output`, `response`, `example`, …: "Tweet 3:",
///   "Non-sarcastic text 4:", "Movie review:"); a template placeholder (`[insert`, `[your `, `{{`,
///   `[name]`, `{text}`, …); a label field followed by a label value anywhere (`sentiment: positive`,
///   with the dataset's label names and `positive`, `negative`, `neutral`, `sarcastic`, `ironic` and
///   their negations); or a bracketed segment `(…)`/`[…]` that is exactly one of the dataset's label
///   names (ignoring case, `-`, `_`; names shorter than 3 characters or numeric are ignored) or
///   starts with a label field (`(sentiment: positive)`).
/// - ``ArtefactKind/wrappedInQuotes``: the trimmed text starts with an opening quote and ends with
///   its closer (`"…"`, `“…”`, `„…“`, `«…»`, `'…'`, `‘…’`, `「…」`, full-width `＂…＂`), neither quote
///   occurs inside, and the inside has a letter or digit. `"A" and "B"` is not wrapped.
/// - ``ArtefactKind/truncated``: at least 25 words and the text ends with `...`, `..` or `…`; or it
///   ends on a word (no punctuation after it) that cannot end a sentence (`the`, `a`, `and`, `of`, `to`,
///   `with`, `my`, …) after at least 8 words; or it ends on a plain word (not a hashtag, mention or URL)
///   without terminal punctuation after at least 60 words; or, with at least 10 words, an opening `(`,
///   `[`, `{` or `«` (not in an emoticon such as `:(`) or an opening straight `"` is never closed and at
///   least 12 letters follow it.
/// - ``ArtefactKind/repeatedNGrams``: some word 3-gram (lower-cased, not one word three times such as
///   `ha ha ha`) occurs three or more times, or a sentence (split at `.` `!` `?` `…` and line breaks)
///   of at least 4 words occurs twice.
/// - ``ArtefactKind/tooShort``: fewer than 3 words. A complete but short "Great!" is too short by
///   definition: the rule measures usefulness as a training row, not well-formedness.
/// - ``ArtefactKind/markup``: a code fence ```` ``` ````; a literal backslash-`n` or backslash-`t`; an
///   HTML tag of a known element (`<br />`, `<p>`, `</b>`, `<a href=…>`, …); JSON braces (the text starts
///   with `{`, ends with `}` and contains `:` and `"`); a Markdown heading line (`#`–`######` then a
///   space); two or more bullet lines (`- `, `* `, `• `, `+ `); or bold `**x**` / `__x__` whose markers
///   open and close a word (so `f**k` and `sh**` are not bold).
public struct ArtefactDetector: Sendable {
    /// The dataset's label names, as given.
    public let labelNames: [String]

    /// Creates a detector; `labelNames` is the dataset's label set, used to find label names leaked
    /// into the text as tags or fields.
    public init(labelNames: [String] = []) {
        self.labelNames = labelNames
        labelKeys = ArtefactRules.labelKeys(labelNames)
    }

    /// The label names that count as tags in brackets, folded once (``ArtefactRules/labelKeys(_:)``).
    let labelKeys: Set<String>

    /// The artefacts found in one text, each at most once, in ``ArtefactKind/allCases`` order.
    ///
    /// - Complexity: O(n · p) in the text's length n and the number of phrases p (about 300), plus
    ///   O(n · L) for L label names; the phrase scans are byte comparisons, everything else is a
    ///   constant number of O(n) passes over bytes or scalars (over `Character`s only for texts with
    ///   multi-scalar graphemes, see ``ArtefactText``).
    public func detect(_ text: String) -> [ArtefactKind] {
        let t = ArtefactText(text)
        return ArtefactKind.allCases.filter { kind in
            switch kind {
            case .boilerplate: ArtefactRules.boilerplate(t)
            case .refusal: ArtefactRules.refusal(t)
            case .promptLeakage: ArtefactRules.promptLeakage(t, labels: labelNames, labelKeys: labelKeys)
            case .wrappedInQuotes: ArtefactRules.wrappedInQuotes(t)
            case .truncated: ArtefactRules.truncated(t)
            case .repeatedNGrams: ArtefactRules.repeatedNGrams(t)
            case .tooShort: ArtefactRules.tooShort(t)
            case .markup: ArtefactRules.markup(t)
            }
        }
    }
}
