import AssayUtilities
import Testing

/// The stratified sample the classifiers train on above their row limit, against counts worked by hand.
@Suite("stratified sample")
struct StratifiedSampleTests {
    @Test func quotasByLargestRemainderAndOneRowPerGroup() {
        // Groups of 6, 3 and 1 rows, 5 drawn: shares 3, 1.5 and 0.5, floored 3, 1, 0; the one row left goes to
        // the first of the tied remainders (group 1): 3, 2, 0; group 2 then takes one row of the largest quota
        // (group 0): 2, 2, 1.
        let groups = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2]
        let sample = StratifiedSample.rows(groups: groups, size: 5, seed: 42)
        #expect(sample.count == 5)
        #expect(sample == sample.sorted() && Set(sample).count == 5)
        #expect(sample.filter { groups[$0] == 0 }.count == 2)
        #expect(sample.filter { groups[$0] == 1 }.count == 2)
        #expect(sample.filter { groups[$0] == 2 } == [9])
        #expect(StratifiedSample.rows(groups: groups, size: 5, seed: 42) == sample)
    }

    @Test func proportionalOnLargeGroupsAndSeeded() {
        let groups = (0..<10_000).map { $0 % 10 < 7 ? 5 : -1 }  // 7,000 and 3,000 rows
        let sample = StratifiedSample.rows(groups: groups, size: 1000, seed: 1)
        #expect(sample.filter { groups[$0] == 5 }.count == 700)
        #expect(sample.filter { groups[$0] == -1 }.count == 300)
        #expect(StratifiedSample.rows(groups: groups, size: 1000, seed: 2) != sample)
    }

    @Test func everyRowWhenThereAreFewEnough() {
        #expect(StratifiedSample.rows(groups: [3, 1, 3], size: 3, seed: 0) == [0, 1, 2])
        #expect(StratifiedSample.rows(groups: [3, 1, 3], size: 10, seed: 0) == [0, 1, 2])
        #expect(StratifiedSample.rows(groups: [3, 1, 3], size: 0, seed: 0) == [])
        #expect(StratifiedSample.rows(groups: [], size: 5, seed: 0) == [])
    }
}
