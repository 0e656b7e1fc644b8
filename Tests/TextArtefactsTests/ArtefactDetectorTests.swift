import Testing

@testable import TextArtefacts

/// Positive and negative examples for every rule of ``ArtefactDetector``.
@Suite struct ArtefactDetectorTests {
    static let detector = ArtefactDetector(labelNames: ["positive", "negative", "not-sarcastic", "sarcastic", "1"])

    struct Case: Sendable, CustomTestStringConvertible {
        let kind: ArtefactKind
        let text: String
        var testDescription: String { "\(kind.rawValue): \(text.debugDescription)" }
    }

    static func cases(_ kind: ArtefactKind, _ texts: [String]) -> [Case] { texts.map { Case(kind: kind, text: $0) } }

    static let positives: [Case] =
        cases(
            .boilerplate,
            [
                "Sure! Here is a tweet about the weather being lovely today.",
                "Here's a tweet: Loving the sunshine in London today!",
                "Certainly! The movie was a delight from start to finish.",
                "The film was great fun for the whole family. I hope this helps!",
                "Sure, here are 10 non-sarcastic texts:",
                "“Of course! Here’s a positive review of the phone.”",
                "Here is how I personally rank some famous holidays:",
            ])
        + cases(
            .refusal,
            [
                "I'm sorry, but I can't generate content that promotes hate speech.",
                "As an AI language model, I do not have personal opinions about movies.",
                "I cannot fulfill this request because it is offensive.",
                "I’M SORRY, BUT I CANNOT HELP WITH THAT.",
                "Unfortunately I am unable to comply with this request.",
                "I can't create content that is harmful or offensive to any group.",
            ])
        + cases(
            .promptLeakage,
            [
                "Label: positive. I loved the food at this place!",
                "Tweet 3: Can't wait for the weekend #friday",
                "Non-sarcastic text 4: My effort to have soup with a mask on did not succeed well.",
                "1. The service was slow and the food was cold.",
                "#2: What a fantastic day at the beach",
                ") Absolutely! There's nothing like raccoons knocking over the bins.",
                "The staff were lovely and the room was clean (positive)",
                "What a joke this match was [NOT_SARCASTIC]",
                "Upon viewing the latest release from [insert director], I was disappointed.",
                "Great phone, long battery life. Sentiment: positive",
            ])
        + cases(
            .wrappedInQuotes,
            [
                "\"Congratulations on your promotion! You deserve it.\"",
                "“I just finished reading a really great book, I highly recommend it.”",
                "  \"Wow, that looks like a really beautiful garden!\"  ",
                "«Quel film magnifique, je le reverrai»",
                "＂Full-width quotes around the whole text＂",
                "‘Single curly quotes around everything’",
            ])
        + cases(
            .truncated,
            [
                "The film starts slowly but the second half makes up for it with a series of twists that keep you guessing until the very last scene, when the director finally reveals...",
                "I went to the store yesterday to buy some milk and the",
                "Our stay was fine overall, the staff were friendly (although the breakfast was cold and the coffee tasted of",
                "He said \"we will never give up on this project no matter what anyone says about it",
                "This was one of the longest reviews I have written in a while, and the movie deserved every word of it, because the cast, the score and the photography were all so good that…",
            ])
        + cases(
            .repeatedNGrams,
            [
                "best movie ever made best movie ever made best movie ever made",
                "I love this phone. The battery is great. I love this phone.",
                "Buy cheap watches now, buy cheap watches today, buy cheap watches here.",
                "The food was cold. The food was cold.",
                "so much fun so much fun so much fun with friends",
            ])
        + cases(.tooShort, ["", "   ", "Great!", "#ENG", "Loved it 😍", "@user ok"])
        + cases(
            .markup,
            [
                "Great movie.<br /><br />The acting was superb.",
                "## Review\nThe acting was superb.",
                "This is **really** good.",
                "Pros:\n- cheap\n- fast",
                "```\nprint(1)\n```",
                "First line\\nSecond line",
                "{\"text\": \"I love it\", \"label\": \"positive\"}",
            ])

    static let negatives: [Case] =
        cases(
            .boilerplate,
            [
                "Sure, the coffee was fine, but the service was painfully slow.",
                "Here's the thing: nobody asked for a sequel.",
                "Of course, my computer decided to crash right before the deadline.",
                "Absolutely loved this place, will come back!",
                "Let me know if you need a ride tomorrow.",
                "Here is my favourite spot in town, the old harbour.",
            ])
        + cases(
            .refusal,
            [
                "I'm sorry, but I can't believe how bad this movie was.",
                "I can't wait to see the new Star Wars film!",
                "Sorry not sorry, but the new album is amazing.",
                "I cannot recommend this film enough.",
                "The AI in this game is terrible.",
                "I can't write a good essay when I'm tired.",
            ])
        + cases(
            .promptLeakage,
            [
                "#1 fan of this show right here",
                "3.14 is the only number I remember",
                "Breaking news: the match was cancelled",
                "The results were positive (for once) and I am happy",
                "Me: I'll start the diet tomorrow. Also me: eats pizza",
                "Won 1 (one) ticket to the show",
                "Here is the time: 10:30 and still no bus",
            ])
        + cases(
            .wrappedInQuotes,
            [
                "She said \"no\" and left the room.",
                "\"A\" and \"B\" are both fine options",
                "\"Quoted start\" then more text after it",
                "\"\"",
                "It's a 'good' film, I guess.",
            ])
        + cases(
            .truncated,
            [
                "Short tweet ending without punctuation",
                "Can't wait for the weekend :(",
                "I went to the store...",
                "The plot was good, the acting better, and the ending was perfect.",
                "What are you waiting for (really)?",
                "Check this out https://t.co/abc",
            ])
        + cases(
            .repeatedNGrams,
            [
                "ha ha ha ha ha ha ha ha this is funny",
                "The movie was long. The cast was good. The end was sad.",
                "I think that I think too much about what I think.",
                "Yes. Yes. Yes.",
                "one of the best, one of the worst, one of the most confusing",
            ])
        + cases(.tooShort, ["Great movie, loved it", "I love you", "Worst. Service. Ever.", "😂 so funny lol"])
        + cases(
            .markup,
            [
                "What the f**k is this sh**",
                "#tbt #summer #beach vibes",
                "2 * 3 = 6 and 4 * 5 = 20",
                "I <3 this song",
                "Pros - cheap, fast - and fun",
                "Use snake_case_names in Python",
            ])

    @Test(arguments: positives)
    func trips(_ c: Case) {
        #expect(Self.detector.detect(c.text).contains(c.kind))
    }

    @Test(arguments: negatives)
    func doesNotTrip(_ c: Case) {
        #expect(!Self.detector.detect(c.text).contains(c.kind))
    }

    @Test func reportsEachKindOnceInCaseOrder() {
        let found = Self.detector.detect("\"Sure! Here is a tweet: Label: positive\"")
        #expect(found == ArtefactKind.allCases.filter { found.contains($0) })
        #expect(Set(found).count == found.count)
        #expect(found.contains(.boilerplate) && found.contains(.promptLeakage) && found.contains(.wrappedInQuotes))
    }

    @Test func withoutLabelNamesTagsAreNotLeakage() {
        #expect(
            !ArtefactDetector().detect("The staff were lovely and the room was clean (positive)").contains(
                .promptLeakage))
    }

    @Test func shortLabelNamesAreIgnored() {
        #expect(!Self.detector.detect("I bought (1) ticket for the show tonight").contains(.promptLeakage))
    }

    @Test func rawValuesAreStable() {
        #expect(
            ArtefactKind.allCases.map(\.rawValue) == [
                "boilerplate", "refusal", "prompt_leakage", "wrapped_in_quotes", "truncated", "repeated_ngrams",
                "too_short", "markup",
            ])
    }
}

@Suite struct OpeningTemplatesTests {
    @Test func countsSharedPrefixes() {
        let texts = [
            "Oh great, another Monday.", "Oh great, another meeting!", "oh GREAT, more rain", "I love it",
            "I love this", "Nope", "",
        ]
        let top = OpeningTemplates.common(texts, tokens: 3, limit: 10)
        #expect(
            top.map(\.prefix)
                == ["oh great ,", "i love it", "i love this"].filter { p in
                    top.contains { $0.prefix == p }
                })
        #expect(top.first?.prefix == "oh great ,")
        #expect(top.first?.rows == 3)
        #expect(abs((top.first?.share ?? 0) - 3.0 / 7.0) < 1e-12)
        #expect(top.allSatisfy { $0.rows >= 2 })
    }

    @Test func tiesSortByPrefixAndLimitApplies() {
        let texts = ["b b b x", "b b b y", "a a a x", "a a a y", "c c c", "c c c"]
        let top = OpeningTemplates.common(texts, tokens: 3, limit: 2)
        #expect(top.map(\.prefix) == ["a a a", "b b b"])
        #expect(OpeningTemplates.common(texts, tokens: 2, limit: 10).map(\.rows) == [2, 2, 2])
    }

    @Test func degenerateInputs() {
        #expect(OpeningTemplates.common([]).isEmpty)
        #expect(OpeningTemplates.common(["a b c", "a b c"], tokens: 0).isEmpty)
        #expect(OpeningTemplates.common(["a b c", "a b c"], limit: 0).isEmpty)
        #expect(OpeningTemplates.common(["a b", "a b"], tokens: 3).isEmpty)
    }
}
