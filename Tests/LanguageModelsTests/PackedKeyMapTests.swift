import AssayUtilities
import Testing

@testable import LanguageModels

@Suite("packed key map")
struct PackedKeyMapTests {
    @Test func holdsWhatADictionaryHoldsThroughGrowth() {
        var map = PackedKeyMap()
        var reference: [UInt64: UInt32] = [:]
        var generator = SplitMix64(seed: 3)
        for step in 0..<50_000 {
            // Keys packed as the model packs them, many repeated; some near the extremes.
            let key =
                step % 97 == 0
                ? UInt64.max - 1 - UInt64(generator.index(below: 5))
                : UInt64(generator.index(below: 3000)) << 32 | UInt64(generator.index(below: 40))
            if step % 3 == 0 {
                let value = map.value(key) { UInt32(step) }
                if reference[key] == nil { reference[key] = UInt32(step) }
                #expect(value == reference[key])
            } else {
                let isNew = map.increment(key)
                #expect(isNew == ((reference[key] ?? 0) == 0))
                reference[key, default: 0] += 1
            }
        }
        #expect(map.count == reference.count)
        var seen: [UInt64: UInt32] = [:]
        map.forEachEntry { key, value in seen[key] = value }
        #expect(seen == reference)
        for _ in 0..<1000 {
            let key = UInt64(generator.index(below: 4000)) << 32 | UInt64(generator.index(below: 50))
            #expect(map[key] == reference[key])
        }
        #expect(PackedKeyMap()[0] == nil)
    }
}
