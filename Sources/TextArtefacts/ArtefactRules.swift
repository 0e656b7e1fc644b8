/// The rules behind ``ArtefactDetector``, one function per ``ArtefactKind``. Each rule reads an
/// ``ArtefactText`` and is documented on ``ArtefactDetector`` and in `Metrics/artefacts.md`.
enum ArtefactRules {
    // MARK: boilerplate

    /// Affirmations that open an assistant reply.
    static let affirmations = ["sure", "certainly", "absolutely", "of course", "okay", "ok", "alright", "great", "yes"]
    /// What follows an affirmation in an assistant reply ("Sure! Here is …").
    static let replyContinuations = [
        "here is", "here's", "here are", "here you go", "below is", "below are", "i'd be happy to",
        "i would be happy to", "i'd be glad to", "i would be glad to", "i can help", "i can do that",
        "i can generate", "i can write", "i can create", "i can provide",
    ]
    /// Nouns that name a generated piece of text in a preamble ("Here's a tweet:").
    static let generatedNouns: Set<String> = [
        "tweet", "tweets", "review", "reviews", "text", "texts", "example", "examples", "sentence", "sentences",
        "post", "posts", "message", "messages", "comment", "comments", "headline", "headlines", "article",
        "articles", "version", "versions", "paraphrase", "paraphrases", "rewrite", "response", "responses",
        "caption", "captions", "statement", "statements", "sample", "samples", "variation", "variations",
        "story", "stories", "summary", "summaries", "snippet", "snippets", "sms", "email", "emails",
    ]
    /// Closers and meta phrases of an assistant reply, matched anywhere.
    static let closers: PhraseSet = [
        "hope this helps", "hope these help", "hope that helps!", "i hope you find this", "i hope you found this",
        "let me know if you'd like me to", "let me know if you would like me to",
        "let me know if you need any more", "let me know if you need any further",
        "let me know if you need any other", "let me know if you need any additional",
        "let me know if you need more", "let me know if you want more",
        "feel free to modify", "feel free to adjust", "feel free to customize", "feel free to tweak",
        "feel free to edit", "feel free to adapt", "is there anything else i can",
        "as requested,", "as you requested", "as per your request",
    ]

    static func boilerplate(_ t: ArtefactText) -> Bool {
        for a in affirmations where t.starts(with: a) {
            var rest = t.lead.dropFirst(a.count)
            guard let p = rest.first, "!,.:;-–—".contains(p) else { continue }
            rest = rest.drop(while: { "!,.:;-–— ".contains($0) })
            if replyContinuations.contains(where: { rest.hasPrefix($0) }) { return true }
            if a == "certainly" && p == "!" { return true }
        }
        // "Here is/Here's/Here are … <generated noun> …:" within the first 15 words, or a
        // "Here …" line that ends the text with a colon.
        for opener in ["here is", "here's", "here are", "below is", "below are", "following is", "the following are"]
        where t.starts(with: opener) {
            if t.folded.hasSuffix(":") { return true }
            if let colon = t.lead.firstIndex(of: ":") {
                let head = t.lead[..<colon].split(whereSeparator: { !ArtefactText.isWordCharacter($0) && $0 != "'" })
                if head.count <= 15, head.contains(where: { generatedNouns.contains(String($0)) }) { return true }
            }
        }
        return t.containsAny(closers)
    }

    // MARK: refusal

    /// Self-references of a model, matched anywhere.
    static let selfReferences: PhraseSet = [
        "as an ai", "as a language model", "as a large language model", "ai language model",
        "i'm an ai", "i am an ai", "i'm just an ai", "i am just an ai", "i'm a language model",
        "i am a language model", "i'm programmed to", "i am programmed to", "my programming",
        "openai's content polic", "openai's use polic", "openai's usage polic", "content policy",
        "against my guidelines", "violates my guidelines", "against my programming",
    ]
    /// "I can't" and its variants.
    static let cannot = [
        "i can't", "i cannot", "i can not", "i am unable to", "i'm unable to", "i am not able to",
        "i'm not able to", "i won't be able to", "i will not be able to", "i must decline to",
        "i must respectfully decline",
    ]
    /// Verbs that, after "I'm sorry, but I can't", make a refusal of the request.
    static let refusedVerbs = [
        "help", "assist", "fulfill", "fulfil", "comply", "provide", "generate", "create", "write", "produce",
        "complete", "continue", "do that", "do this", "engage", "support", "answer", "rewrite", "respond",
    ]
    /// Objects that, after "I can't generate/create/…", make a refusal.
    static let refusedObjects = [
        "content", "text", "a response", "responses", "that kind", "this kind", "such", "anything that",
        "something that", "inappropriate", "offensive", "harmful", "hateful", "explicit", "tweets that",
        "a tweet that", "a review that", "reviews that", "that request", "this request", "your request",
    ]

    static func refusal(_ t: ArtefactText) -> Bool {
        if t.containsAny(selfReferences) { return true }
        let present = cannot.filter { t.contains($0) }
        for c in present {
            if c.hasPrefix("i must") { return true }
            for tail in [
                "fulfill", "fulfil", "comply", "assist with", "help with that request", "help with this request",
            ]
            where t.contains(c + " " + tail) {
                return true
            }
            for verb in ["generate", "create", "produce", "write", "provide"] where t.contains(c + " " + verb) {
                for object in refusedObjects where t.contains("\(c) \(verb) \(object)") { return true }
            }
        }
        for sorry in ["i'm sorry, but ", "i am sorry, but ", "sorry, but ", "i'm sorry but ", "i apologize, but "]
        where t.contains(sorry) {
            if t.contains(sorry + "as an") { return true }
            for c in present {
                for verb in refusedVerbs where t.contains(sorry + c + " " + verb) { return true }
            }
        }
        return false
    }

    // MARK: prompt leakage

    /// Field names that, ending a short line-initial header with a colon ("Tweet 3:", "Movie review:"),
    /// show the output format.
    static let fieldNames: Set<String> = [
        "label", "labels", "sentiment", "tweet", "text", "review", "sentence", "input", "output", "response",
        "example", "sample", "category", "class", "emotion", "headline", "paraphrase", "rewrite", "rewritten",
        "generated", "version", "tone", "sarcasm", "irony", "intent", "polarity", "stance", "classification",
    ]
    /// Field names that, anywhere in the text, leak a label when followed by a label value ("Sentiment: positive").
    static let labelFields = ["label", "sentiment", "class", "category", "emotion", "tone", "polarity", "stance"]
    /// Polarity words treated as label values for the mid-text field rule besides the dataset's labels.
    static let genericLabels = [
        "positive", "negative", "neutral", "sarcastic", "non-sarcastic", "not sarcastic", "not-sarcastic",
        "ironic", "non-ironic", "not ironic",
    ]
    /// Template placeholders left in the text.
    static let placeholders: PhraseSet = [
        "[insert", "<insert", "{insert", "[your ", "{{", "}}", "[movie", "[product",
        "[company", "[brand", "[title", "[user", "{text}", "{label}", "<text>", "<label>",
    ]

    /// Whether `t` shows a leaked prompt or output format (``ArtefactKind/promptLeakage``, described on
    /// ``ArtefactDetector``): leading numbering, a field header on one of the first three lines, a template
    /// placeholder, a label field followed by a label value, or a bracketed label tag.
    ///
    /// - Parameters:
    ///   - t: the text, prepared.
    ///   - labels: the dataset's label names, as given.
    ///   - labelKeys: ``labelKeys(_:)`` of `labels`.
    /// - Returns: `true` when any of these is found.
    static func promptLeakage(_ t: ArtefactText, labels: [String], labelKeys: Set<String>) -> Bool {
        if leadingNumbering(t.folded) { return true }
        if fieldHeader(t) { return true }
        let hasOpener =
            t.isSimple
            ? t.bytes.contains { $0 == 0x5B || $0 == 0x7B || $0 == 0x7D || $0 == 0x3C || $0 == 0x28 }
            : t.folded.contains(where: { "[{}<(".contains($0) })
        if hasOpener, t.containsAny(placeholders) { return true }
        let values = labels + genericLabels
        for field in labelFields where t.contains(field) {
            for value in values where t.contains(field + ": " + value) || t.contains(field + ":" + value) {
                return true
            }
        }
        switch t.foldedUnits {
        case .scalars(let c): return labelTag(c, names: labelKeys)
        case .characters(let c): return labelTag(c, names: labelKeys)
        }
    }

    /// `1. ` `12) ` `1: ` `(1) ` `#1: ` `#1. ` `#1) ` or an orphan `) ` at the start.
    static func leadingNumbering(_ s: String) -> Bool {
        var c = Substring(s)
        if c.hasPrefix(") ") { return true }
        var bracketed = false
        var hash = false
        if c.first == "(" {
            bracketed = true
            c = c.dropFirst()
        } else if c.first == "#" {
            hash = true
            c = c.dropFirst()
        }
        let digits = c.prefix(while: { $0.isASCII && $0.isNumber })
        guard (1...2).contains(digits.count) else { return false }
        c = c.dropFirst(digits.count)
        if bracketed { return c.hasPrefix(") ") }
        let marks: [String] = hash ? [". ", ") ", ": ", " - ", ".) "] : [". ", ") ", ": ", ".) "]
        return marks.contains { c.hasPrefix($0) }
    }

    /// A line-initial header of at most six words ending in a colon, whose last word (before an
    /// optional number) is a field name: "Tweet 3:", "Non-sarcastic text 4:", "Label:".
    static func fieldHeader(_ t: ArtefactText) -> Bool {
        for line in t.lines.prefix(3) {
            guard let colon = t.isSimple ? line.unicodeScalars.firstIndex(of: ":") : line.firstIndex(of: ":")
            else { continue }
            // One scalar per character: a head of more than 40 scalars has more than 40 characters.
            if t.isSimple, line.unicodeScalars[..<colon].prefix(41).count > 40 { continue }
            let head = line[..<colon].lowercased()
            let words = head.split(whereSeparator: { !ArtefactText.isWordCharacter($0) })
            guard (1...6).contains(words.count), head.count <= 40 else { continue }
            guard !head.contains("http"), !head.contains("@") else { continue }
            var w = words
            if let last = w.last, last.allSatisfy({ $0.isNumber }) { w.removeLast() }
            if let last = w.last, fieldNames.contains(String(last)) { return true }
        }
        return false
    }

    /// The label names that count as tags: ``labelKey(_:)`` of each, at least 3 characters, not numeric.
    static func labelKeys(_ labels: [String]) -> Set<String> {
        Set(labels.compactMap(labelKey).filter { $0.count >= 3 && !$0.allSatisfy(\.isNumber) })
    }

    /// A bracketed segment of the folded units `c` whose whole content is one of `names`
    /// (``labelKeys(_:)``), or a label field.
    ///
    /// - Complexity: O(n) plus the length of the bracketed segments.
    static func labelTag<U: ArtefactUnit>(_ c: [U], names: Set<String>) -> Bool {
        var open: (round: Bool, at: Int)? = nil
        for (i, u) in c.enumerated() {
            if u.is("(") || u.is("[") {
                open = (u.is("("), i)
            } else if u.is(")") || u.is("]") {
                guard let (round, start) = open, round == u.is(")") else { continue }
                open = nil
                guard let key = labelKey(U.string(c[(start + 1)..<i])) else { continue }
                if names.contains(key) { return true }
                for field in labelFields where key.hasPrefix(field + " ") && key.count > field.count + 1 {
                    return true
                }
            }
        }
        return false
    }

    /// A label name folded for comparison: lower case, `-`, `_`, `:` and whitespace runs as one space.
    static func labelKey(_ s: String) -> String? {
        let parts = s.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == ":" || $0.isWhitespace })
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    // MARK: wrapped in quotes

    /// Opening and closing quote pairs (after NFKC, so full-width quotes are the ASCII ones).
    static let quotePairs: [(Unicode.Scalar, Unicode.Scalar)] = [
        ("\"", "\""), ("\u{201C}", "\u{201D}"), ("\u{201E}", "\u{201C}"), ("\u{201E}", "\u{201D}"),
        ("«", "»"), ("»", "«"), ("‹", "›"), ("'", "'"), ("\u{2018}", "\u{2019}"), ("「", "」"), ("『", "』"),
    ]

    static func wrappedInQuotes(_ t: ArtefactText) -> Bool {
        switch t.rawUnits {
        case .scalars(let s): wrappedInQuotes(s)
        case .characters(let s): wrappedInQuotes(s)
        }
    }

    /// Whether the raw units `s` start with an opening quote and end with its closer, neither of
    /// which occurs inside, around a letter or digit.
    ///
    /// - Complexity: O(n).
    static func wrappedInQuotes<U: ArtefactUnit>(_ s: [U]) -> Bool {
        guard s.count >= 3, let first = s.first, let last = s.last else { return false }
        for (o, c) in quotePairs where first.is(o) && last.is(c) {
            let inner = s[1..<(s.count - 1)]
            guard !inner.contains(where: { $0.is(o) }), !inner.contains(where: { $0.is(c) }) else { continue }
            return inner.contains { $0.isLetter || $0.isNumber }
        }
        return false
    }

    // MARK: truncated

    /// Words that cannot end an English sentence.
    static let danglingWords: Set<String> = [
        "the", "a", "an", "and", "or", "but", "of", "to", "with", "for", "from", "by", "at", "in", "into", "on",
        "onto", "than", "that", "which", "because", "my", "your", "their", "our", "its", "his", "whose",
    ]

    static func truncated(_ t: ArtefactText) -> Bool {
        let s = t.folded
        guard let last = s.last else { return false }
        let n = t.words.count
        if n >= 25, s.hasSuffix("...") || s.hasSuffix("…") || s.hasSuffix("..") && !s.hasSuffix("...") {
            return true
        }
        if ArtefactText.isWordCharacter(last), let word = t.words.last {
            let plain = !word.hasPrefix("#") && !word.hasPrefix("@") && !word.contains("://") && !word.hasPrefix("www.")
            if plain, n >= 8, danglingWords.contains(word), s.hasSuffix(word) { return true }
            if plain, n >= 60, s.hasSuffix(word) { return true }
        }
        guard n >= 10 else { return false }
        switch t.foldedUnits {
        case .scalars(let c): return unclosedOpener(c)
        case .characters(let c): return unclosedOpener(c)
        }
    }

    /// An opening `(`, `[`, `{`, `“` or `«` (not part of an emoticon such as `:(`) with no closer after
    /// it and at least three word characters' worth of text after it, or an odd number of `"` where the
    /// last one opens (follows a space or starts the text).
    ///
    /// - Complexity: O(n) in the number of units.
    static func unclosedOpener<U: ArtefactUnit>(_ c: [U]) -> Bool {
        let pairs: [(open: Unicode.Scalar, close: Unicode.Scalar)] = [("(", ")"), ("[", "]"), ("{", "}"), ("«", "»")]
        var stack: [(close: Unicode.Scalar, at: Int)] = []
        for (i, ch) in c.enumerated() {
            if let pair = pairs.first(where: { ch.is($0.open) }) {
                if i > 0, c[i - 1].isAny(of: emoticonEyes) { continue }
                stack.append((pair.close, i))
            } else if pairs.contains(where: { ch.is($0.close) }) {
                if let top = stack.last, ch.is(top.close) { stack.removeLast() }
            }
        }
        func lettersAfter(_ at: Int, atLeast k: Int) -> Bool {
            var letters = 0
            for u in c[(at + 1)...] where u.isLetter {
                letters += 1
                if letters >= k { return true }
            }
            return false
        }
        if let (_, at) = stack.first, lettersAfter(at, atLeast: 12) { return true }
        // Straight double quotes (curly ones were folded to straight in `folded`).
        var quoteCount = 0
        var lastQuote = 0
        for (i, u) in c.enumerated() where u.is("\"") {
            quoteCount += 1
            lastQuote = i
        }
        if quoteCount % 2 == 1, lastQuote == 0 || c[lastQuote - 1].is(" ") {
            return lettersAfter(lastQuote, atLeast: 12)
        }
        return false
    }

    // MARK: repeated n-grams

    /// Units before an opening bracket that make it part of an emoticon (`:(`, `x(`…).
    static let emoticonEyes = ScalarSet(":;=-^'xX8")
    /// Units that end a sentence.
    static let sentenceEnds = ScalarSet(".!?…\n")

    /// Function words that do not count as content in a repeated 3-gram.
    static let functionWords: Set<String> = [
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is",
        "are", "was", "were", "be", "been", "it", "its", "it's", "this", "that", "these", "those", "i", "you", "he",
        "she", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "our", "their", "not", "no",
        "so", "if", "than", "then", "there", "what", "which", "who", "one", "all", "just", "very", "have", "has",
        "had", "do", "does", "did", "can", "will", "would", "about", "out", "up", "more", "most", "some", "any",
    ]

    /// A 3-gram of word ids, as a dictionary key.
    struct Trigram: Hashable {
        let a: Int
        let b: Int
        let c: Int
    }

    /// Words are interned once (lower-cased; the tokenizer's ASCII tokens are lower case already), so
    /// 3-grams are compared as triples of ids: equal ids mean equal words, and since words hold no
    /// spaces, equal triples mean equal space-joined 3-grams.
    ///
    /// - Complexity: O(n) expected in the text's length.
    static func repeatedNGrams(_ t: ArtefactText) -> Bool {
        if t.words.count >= 5 {
            var ids: [String: Int] = [:]
            var isContent: [Bool] = []
            var w: [Int] = []
            w.reserveCapacity(t.words.count)
            for word in t.words {
                let lower = word.utf8.allSatisfy { $0 < 0x80 && $0 &- 0x41 >= 26 } ? word : word.lowercased()
                if let id = ids[lower] {
                    w.append(id)
                } else {
                    ids[lower] = isContent.count
                    w.append(isContent.count)
                    isContent.append(!functionWords.contains(lower))
                }
            }
            let needed = max(3, w.count / 40)
            var counts: [Trigram: Int] = [:]
            for i in 0...(w.count - 3) where !(w[i] == w[i + 1] && w[i + 1] == w[i + 2]) {
                let content = (isContent[w[i]] ? 1 : 0) + (isContent[w[i + 1]] ? 1 : 0) + (isContent[w[i + 2]] ? 1 : 0)
                guard content >= 2 else { continue }
                let key = Trigram(a: w[i], b: w[i + 1], c: w[i + 2])
                let c = (counts[key] ?? 0) + 1
                if c >= needed { return true }
                counts[key] = c
            }
        }
        switch t.foldedUnits {
        case .scalars(let c): return repeatedSentence(c)
        case .characters(let c): return repeatedSentence(c)
        }
    }

    /// Whether a sentence of the folded units `c` (split at `.` `!` `?` `…` and line breaks) of at
    /// least 4 words (runs of word characters and `'`) occurs twice.
    ///
    /// - Complexity: O(n) expected.
    static func repeatedSentence<U: ArtefactUnit>(_ c: [U]) -> Bool {
        var seen: Set<String> = []
        var key: [U] = []
        for sentence in c.split(whereSeparator: { $0.isAny(of: sentenceEnds) }) {
            // The sentence's words joined by one space, built in one buffer.
            key.removeAll(keepingCapacity: true)
            var words = 0
            var inWord = false
            for u in sentence {
                if u.isWordCharacter || u.is("'") {
                    if !inWord, words > 0 { key.append(" ") }
                    if !inWord { words += 1 }
                    inWord = true
                    key.append(u)
                } else {
                    inWord = false
                }
            }
            guard words >= 4 else { continue }
            if !seen.insert(U.string(key[...])).inserted { return true }
        }
        return false
    }

    // MARK: too short

    static func tooShort(_ t: ArtefactText) -> Bool { t.words.count < 3 }

    // MARK: markup

    /// HTML element names recognised in tags.
    static let htmlTags: Set<String> = [
        "br", "p", "b", "i", "u", "em", "strong", "div", "span", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4",
        "h5", "h6", "code", "pre", "table", "tr", "td", "th", "img", "hr", "blockquote", "sup", "sub", "font",
    ]

    static func markup(_ t: ArtefactText) -> Bool {
        let raw = t.raw
        if t.isSimple {
            if t.rawContains("```") || t.rawContains("\\n") || t.rawContains("\\t") { return true }
        } else if raw.contains("```") || raw.contains("\\n") || raw.contains("\\t") {
            return true
        }
        switch t.foldedUnits {
        case .scalars(let c): if htmlTag(c) { return true }
        case .characters(let c): if htmlTag(c) { return true }
        }
        if t.folded.hasPrefix("{"), t.folded.hasSuffix("}") {
            let json =
                t.isSimple
                ? t.bytes.contains(0x3A) && t.bytes.contains(0x22) : t.folded.contains(":") && t.folded.contains("\"")
            if json { return true }
        }
        var bullets = 0
        for line in t.lines {
            if line.hasPrefix("#"), line.drop(while: { $0 == "#" }).first == " ",
                line.prefix(while: { $0 == "#" }).count <= 6
            {
                return true
            }
            if ["- ", "* ", "• ", "+ "].contains(where: { line.hasPrefix($0) }) { bullets += 1 }
        }
        if bullets >= 2 { return true }
        switch t.rawUnits {
        case .scalars(let c): return bold(c)
        case .characters(let c): return bold(c)
        }
    }

    /// `<tag …>`, `</tag>` or `<tag/>` with a known element name.
    ///
    /// - Complexity: O(n) in the number of units.
    static func htmlTag<U: ArtefactUnit>(_ c: [U]) -> Bool {
        var i = 0
        while i < c.count {
            if c[i].is("<") {
                var j = i + 1
                if j < c.count, c[j].is("/") { j += 1 }
                let start = j
                while j < c.count, c[j].isASCII, c[j].isLetter || c[j].isNumber { j += 1 }
                if j < c.count, c[j].is(">") || c[j].is(" ") || c[j].is("/"),
                    htmlTags.contains(U.string(c[start..<j]).lowercased())
                {
                    if c[j...].prefix(200).contains(where: { $0.is(">") }) { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// `**x**` or `__x__` where the opening marker starts a word and the closing one ends it.
    ///
    /// - Complexity: O(n) in the number of units.
    static func bold<U: ArtefactUnit>(_ c: [U]) -> Bool {
        for marker in ["*", "_"] as [Unicode.Scalar] {
            var i = 0
            var openAt: Int? = nil
            while i + 1 < c.count {
                if c[i].is(marker), c[i + 1].is(marker) {
                    let before: U = i > 0 ? c[i - 1] : " "
                    let after: U = i + 2 < c.count ? c[i + 2] : " "
                    if let o = openAt {
                        if !before.isWhitespace, !after.isWordCharacter, i > o + 2 { return true }
                    }
                    if !before.isWordCharacter, !after.isWhitespace, !after.is(marker) { openAt = i }
                    i += 2
                    continue
                }
                i += 1
            }
        }
        return false
    }
}
