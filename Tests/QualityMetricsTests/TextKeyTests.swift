import DatasetIO
import Testing

@testable import AuditPlan

@Suite("Text keys: exact duplicate ids without a second copy of the texts")
struct TextKeyTests {
    private let datasets = [
        Dataset(
            name: "a", role: .real, path: "a", texts: ["Hello  world", "hello world", "HELLO\tworld ", "other", ""]),
        Dataset(name: "b", role: .synthetic, path: "b", texts: ["other", "new", "Ｈｅｌｌｏ world", "hello world!"]),
    ]
    // Hand-worked: the first three rows normalise to "hello world"; "Ｈｅｌｌｏ" (fullwidth) is "hello" after
    // NFKC; "hello world!" keeps its "!"; ids count distinct keys in order of first appearance.
    private let expected: [[UInt32]] = [[0, 0, 0, 1, 2], [1, 3, 0, 4]]

    @Test("ids follow the duplicate key, across datasets")
    func ids() {
        #expect(TokenizedDatasets.textKeyIDs(datasets) == expected)
    }

    @Test("keys that share a hash are still told apart")
    func equalHashes() {
        #expect(TokenizedDatasets.textKeyIDs(datasets, hash: { _ in 7 }) == expected)
        #expect(TokenizedDatasets.textKeyIDs(datasets, hash: { $0.utf8.count }) == expected)
    }
}
