import Foundation
import TextTokenization

/// Per-worker scratch space that turns one text into its ``HashingEmbedder`` vector.
///
/// Reused across the rows of a chunk so that a row allocates nothing beyond its tokens.
struct HashedFeatureAccumulator {
    let dimension: Int
    private let tokenizer = WordTokenizer()
    private var unigrams = FeatureCounter()
    private var bigrams = FeatureCounter()
    private var characterGrams = FeatureCounter(capacity: 256)
    private var scalarStarts: [Int] = []
    private var sums: [Double]

    init(dimension: Int) {
        self.dimension = dimension
        sums = Array(repeating: 0, count: dimension)
    }

    /// Writes the normalised vector of `text` into `row` (`dimension` elements, already zero).
    ///
    /// - Complexity: O(UTF-8 length of `text` + dimension), counting features in a hash table.
    mutating func embed(_ text: String, into row: UnsafeMutableBufferPointer<Float>) {
        let tokens = tokenizer.tokens(in: text)
        guard !tokens.isEmpty, row.count == dimension else { return }
        unigrams.removeAll()
        bigrams.removeAll()
        characterGrams.removeAll()
        var pendingBigram: FeatureHash?
        for var token in tokens {
            token.withUTF8 { p in
                var unigram = FeatureHash(prefix: "u:")
                unigram.add(p, 0, p.count)
                unigrams.add(unigram.value)

                if var bigram = pendingBigram {
                    bigram.add(p, 0, p.count)
                    bigrams.add(bigram.value)
                }
                var next = FeatureHash(prefix: "b:")
                next.add(p, 0, p.count)
                next.add(0x20)
                pendingBigram = next

                addCharacterGrams(p)
            }
        }

        for index in sums.indices { sums[index] = 0 }
        Self.add(family: unigrams, share: HashingEmbedder.unigramShare, to: &sums)
        Self.add(family: bigrams, share: HashingEmbedder.bigramShare, to: &sums)
        Self.add(family: characterGrams, share: HashingEmbedder.characterShare, to: &sums)

        var squared = 0.0
        for value in sums { squared += value * value }
        guard squared > 0 else { return }
        let scale = 1 / squared.squareRoot()
        for index in 0..<dimension { row[index] = Float(sums[index] * scale) }
    }

    /// Appends the hashes of the character 3-, 4- and 5-grams of `<` + token + `>`.
    ///
    /// The marked token has `m` scalars: `<`, the token's scalars, `>`. From each start, one
    /// running hash is extended scalar by scalar and read after 3, 4 and 5 scalars.
    private mutating func addCharacterGrams(_ p: UnsafeBufferPointer<UInt8>) {
        scalarStarts.removeAll(keepingCapacity: true)
        for i in 0..<p.count where p[i] & 0xC0 != 0x80 { scalarStarts.append(i) }
        scalarStarts.append(p.count)
        let tokenScalars = scalarStarts.count - 1
        let m = tokenScalars + 2
        let lowest = HashingEmbedder.characterOrders.lowerBound
        let highest = HashingEmbedder.characterOrders.upperBound
        guard m >= lowest else { return }
        for start in 0...(m - lowest) {
            var hash = FeatureHash(prefix: "c:")
            var length = 0
            while length < highest && start + length < m {
                let j = start + length
                if j == 0 {
                    hash.add(0x3C)  // <
                } else if j == m - 1 {
                    hash.add(0x3E)  // >
                } else {
                    hash.add(p, scalarStarts[j - 1], scalarStarts[j])
                }
                length += 1
                if length >= lowest { characterGrams.add(hash.value) }
            }
        }
    }

    /// Adds one family: distinct features weigh `1 + ln(tf)`, the family is L2-normalised and
    /// scaled by `√share`, and each feature lands signed in bucket `hash mod dimension`.
    private static func add(family: FeatureCounter, share: Double, to sums: inout [Double]) {
        guard !family.isEmpty else { return }
        var squared = 0.0
        family.forEachFeature { _, count in
            let weight = termWeight(count)
            squared += weight * weight
        }
        let scale = share.squareRoot() / squared.squareRoot()
        let d = UInt64(sums.count)
        family.forEachFeature { hash, count in
            let weight = termWeight(count) * scale
            let bucket = Int(hash % d)
            sums[bucket] += hash >> 63 == 0 ? weight : -weight
        }
    }

    /// `1 + ln(tf)`; exactly 1 for the common `tf == 1` without calling `log`.
    @inline(__always)
    private static func termWeight(_ count: Int) -> Double {
        count == 1 ? 1 : 1 + log(Double(count))
    }
}
