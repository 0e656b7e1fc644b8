import AssayTestSupport
import Foundation
import Testing

@testable import TextEncoders

/// ASCII text takes a byte-level path through the tokenizer; it must give exactly the ids of the Unicode steps.
@Suite("BERT tokenizer: the ASCII path equals the Unicode steps")
struct BertTokenizerFastPathTests {
    static let alphabet: [Character] =
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()[]{}<>-_#@$%&*+=/\\|~`^")
        + ["\t", "\n", "\r", "\u{0}", "\u{1}", "\u{0B}", "\u{0C}", "\u{1F}", "\u{7F}"]

    /// Seeded random ASCII texts: words, punctuation, control bytes, special-token spellings, long words.
    static func texts(count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let specials = ["[CLS]", "[SEP]", "[UNK]", "[PAD]", "[MASK]", "[cls]", "[SEP", "##ing", "un##"]
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int(next() % 40) {
                switch next() % 10 {
                case 0: text += specials[Int(next() % UInt64(specials.count))]
                case 1: text += String(repeating: "a", count: 95 + Int(next() % 10))
                default: text.append(alphabet[Int(next() % UInt64(alphabet.count))])
                }
            }
            return text
        }
    }

    @Test("a small vocabulary: every seeded ASCII text")
    func smallVocabulary() throws {
        let vocabulary = [
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "c", "ab", "abc", "##b", "##c", "##bc",
            "the", "cat", "##s", ".", ",", "!", "[", "]", "#", "un", "##ing", "1", "2", "12", "##2",
        ]
        for lowercases in [true, false] {
            let tokenizer = try #require(BertTokenizer(vocabulary: vocabulary, lowercases: lowercases))
            var scratch = WordPieceScratch()
            var reused: [Int32] = []
            let mixed = ["café au lait", "日本 cat", "🙂 the cats!", "ÀBC [CLS] ab"]
            for text in Self.texts(count: 2_000, seed: lowercases ? 1 : 2) + mixed {
                let expected = tokenizer.pieceIDs(text, asciiFastPath: false)
                #expect(tokenizer.pieceIDs(text, asciiFastPath: true) == expected, "\(String(reflecting: text))")
                // The scratch-reusing form, as the static embedder calls it, row after row.
                reused.removeAll(keepingCapacity: true)
                tokenizer.appendPieceIDs(of: text, to: &reused, scratch: &scratch)
                #expect(reused == expected, "\(String(reflecting: text))")
            }
        }
    }

    @Test(
        "all-MiniLM-L6-v2's vocabulary: every seeded ASCII text",
        .enabled(if: Support.modelPresent, "run scripts/fetch-minilm.sh: .models/all-MiniLM-L6-v2 is absent"))
    func miniLMVocabulary() throws {
        let tokenizer = try BertTokenizer(directory: Support.modelDirectory)
        var scratch = WordPieceScratch()
        for text in Self.texts(count: 2_000, seed: 3) + ["The cat's 12 dogs!!", "un-believable... [CLS]x[SEP]"] {
            let expected = tokenizer.pieceIDs(text, asciiFastPath: false)
            #expect(tokenizer.pieceIDs(text, asciiFastPath: true) == expected, "\(String(reflecting: text))")
            var appended: [Int32] = [7]
            tokenizer.appendPieceIDs(of: text, to: &appended, scratch: &scratch)
            #expect(appended == [7] + expected, "\(String(reflecting: text))")
        }
    }
}
