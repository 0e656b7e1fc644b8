import Testing

@testable import SentenceEmbeddings

@Suite("FeatureCounter")
struct FeatureCounterTests {
    @Test func countsInFirstSeenOrderAndGrows() {
        var counter = FeatureCounter(capacity: 2)
        let hashes: [UInt64] = (0..<500).map { UInt64($0 % 97) &* 0x9E37_79B9_7F4A_7C15 }
        for hash in hashes { counter.add(hash) }
        var seen: [(UInt64, Int)] = []
        counter.forEachFeature { seen.append(($0, $1)) }
        #expect(seen.map(\.0) == (0..<97).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 })
        #expect(seen.map(\.1) == (0..<97).map { $0 < 500 % 97 ? 6 : 5 })
        counter.removeAll()
        #expect(counter.isEmpty)
        counter.add(0)
        counter.add(0)
        seen.removeAll()
        counter.forEachFeature { seen.append(($0, $1)) }
        #expect(seen.count == 1 && seen[0] == (0, 2))
    }
}
