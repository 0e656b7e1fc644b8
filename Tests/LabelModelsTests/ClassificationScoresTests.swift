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
}
