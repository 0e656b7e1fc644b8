import LinearAlgebra
import Testing

@testable import SentenceEmbeddings

@Suite("HashingEmbedder")
struct HashingEmbedderTests {
    static func norm(_ row: ArraySlice<Float>) -> Double {
        row.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    static func row(_ m: Matrix, _ r: Int) -> ArraySlice<Float> {
        m.storage[r * m.columns..<(r + 1) * m.columns]
    }

    static func cosine(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test func defaultsAndIdentity() {
        let embedder = HashingEmbedder()
        #expect(embedder.dimension == 512)
        #expect(
            embedder.identity
                == "hashing-v1(dim=512,tokenizer=default,unigram=0.5,bigram=0.2,char=3-5:0.3,tf=1+ln,hash=fnv1a64+splitmix64)"
        )
    }

    @Test(arguments: [0, -3, SentenceEmbeddingsError.maximumDimension + 1])
    func rejectsInvalidDimension(_ dimension: Int) {
        #expect(throws: SentenceEmbeddingsError.invalidDimension(dimension)) {
            try HashingEmbedder(dimension: dimension)
        }
        #expect(
            SentenceEmbeddingsError.invalidDimension(dimension).description
                == "dimension: must be between 1 and 1048576, got \(dimension)")
    }

    @Test func rowsAreUnitOrZero() throws {
        let texts = [
            "", "   ", "\u{200B}\u{FEFF}", "a", "hello world", "wow😂😂 日本語", String(repeating: "long text ", count: 500),
        ]
        let m = try HashingEmbedder().embed(texts)
        #expect(m.rows == texts.count && m.columns == 512)
        #expect(Self.norm(Self.row(m, 0)) == 0)
        #expect(Self.norm(Self.row(m, 1)) == 0)
        #expect(Self.norm(Self.row(m, 2)) == 0)
        for r in 3..<texts.count {
            #expect(abs(Self.norm(Self.row(m, r)) - 1) < 1e-5)
        }
    }

    @Test func emptyInputGivesEmptyMatrix() throws {
        let m = try HashingEmbedder(dimension: 16).embed([])
        #expect(m.rows == 0 && m.columns == 16 && m.storage.isEmpty)
    }

    @Test func rowsDependOnlyOnTheirText() throws {
        let embedder = HashingEmbedder()
        let texts = (0..<1000).map { "text number \($0) with some words, \($0 % 7) repeated" }
        let all = try embedder.embed(texts)
        let reversed = try embedder.embed(texts.reversed())
        for r in [0, 1, 255, 256, 257, 999] {
            #expect(Self.row(all, r) == Self.row(reversed, texts.count - 1 - r))
            #expect(Array(Self.row(all, r)) == embedder.vector(for: texts[r]))
        }
    }

    @Test func caseAndNormalisationDoNotMatter() throws {
        let m = try HashingEmbedder().embed(["CAFÉ Straße", "café straße", "ＣＡＦＥ\u{301} straße"])
        #expect(Self.row(m, 0) == Self.row(m, 1))
        #expect(Self.row(m, 0) == Self.row(m, 2))
    }

    @Test func similarTextsAreCloserThanUnrelatedOnes() throws {
        let m = try HashingEmbedder().embed([
            "I love this movie so much, it is the best movie ever!",
            "I loved this movie so much, it was the best movie ever!",
            "Quarterly revenue rose by three percent in Europe.",
        ])
        let near = Self.cosine(Self.row(m, 0), Self.row(m, 1))
        let far = Self.cosine(Self.row(m, 0), Self.row(m, 2))
        #expect(near > 0.6)
        #expect(far < 0.2)
        #expect(near > far)
    }

    @Test func smallDimensionsWork() throws {
        let m = try HashingEmbedder(dimension: 1).embed(["a b c", ""])
        #expect(m.storage.count == 2)
        #expect(abs(abs(m.storage[0]) - 1) < 1e-6)
        #expect(m.storage[1] == 0)
    }
}
