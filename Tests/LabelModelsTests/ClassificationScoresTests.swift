import AssayUtilities
import Testing

@testable import LabelModels

@Suite("Classification scores")
struct ClassificationScoresTests {
    @Test func emptyOrMismatchedGiveNil() {
        #expect(ClassificationScores.accuracy(truth: [], predicted: []) == nil)
        #expect(ClassificationScores.macroF1(truth: [], predicted: []) == nil)
        #expect(ClassificationScores.accuracy(truth: [0, 1], predicted: [0]) == nil)
        #expect(ClassificationScores.macroF1(truth: [0], predicted: [0, 1]) == nil)
    }

    @Test func handChecked() {
        // Class 2 only predicted: F1 (2/3, 1, 0) → 5/9; accuracy 3/4.
        #expect(ClassificationScores.accuracy(truth: [0, 0, 1, 1], predicted: [0, 2, 1, 1]) == 0.75)
        let f1 = ClassificationScores.macroF1(truth: [0, 0, 1, 1], predicted: [0, 2, 1, 1]) ?? -1
        #expect(abs(f1 - 5.0 / 9) <= 1e-15)
        // Any integers are class ids, negative ones too.
        #expect(ClassificationScores.macroF1(truth: [-5, 7], predicted: [-5, 7]) == 1)
        #expect(ClassificationScores.macroF1(truth: [-5], predicted: [7]) == 0)
    }

    @Test func countsOfAResampleGiveTheSameScoresToTheLastBit() {
        var generator = SplitMix64(seed: 11)
        let truth = (0..<300).map { _ in generator.index(below: 4) }
        // Class 3 never predicted, class 0 often wrong.
        let predicted = truth.map { $0 == 3 ? 1 : ($0 == 0 && generator.index(below: 2) == 0 ? 2 : $0) }
        for _ in 0..<20 {
            let rows = (0..<300).map { _ in generator.index(below: 300) }
            let counts = ClassificationScores.Counts(truth: truth, predicted: predicted, rows: rows, classCount: 5)
            let t = rows.map { truth[$0] }
            let p = rows.map { predicted[$0] }
            #expect(counts.accuracy == ClassificationScores.accuracy(truth: t, predicted: p))
            #expect(counts.macroF1 == ClassificationScores.macroF1(truth: t, predicted: p))
        }
        let none = ClassificationScores.Counts(truth: truth, predicted: predicted, rows: [], classCount: 5)
        #expect(none.accuracy == nil && none.macroF1 == nil)
    }
}
