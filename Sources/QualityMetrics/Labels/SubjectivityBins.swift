import AuditModel
import AuditPlan
import LabelAgreement

/// Accuracy of the real-trained and of each dataset's classifier on the real held-out rows, by how subjective
/// each held-out row is (Li et al. 2023: synthetic data helps less on the instances people disagree on).
///
/// A held-out row's subjectivity is its raters' disagreement (1 − the majority label's share) when the real
/// data has raters, else the same over its nearest labelled real rows (an estimate, when the audit computed it).
/// The rows are cut at the quintiles of their subjectivity, equal values kept in one bin, so a task whose rows
/// have three levels of disagreement has three bins.
///
/// - Complexity: O(n log n) for n held-out rows.
enum SubjectivityBins {
    /// The fewest held-out rows with a subjectivity for the breakdown to be given.
    static let minimumRows = 20

    /// Each held-out row's subjectivity (`nil`: fewer than two votes) and its source, or `nil` when no votes
    /// are known for the real rows.
    static func heldOutSubjectivity(_ context: FamilyContext, _ classifier: RealClassifier) -> (
        values: [Double?], source: String
    )? {
        guard let realIndex = context.inputs.realIndex else { return nil }
        let scope = context.wholeDataset(realIndex)
        let hasRaters = !scope.raterVotes.pairableUnits.isEmpty
        // The estimate reads the graph of the nearest labelled real rows, there only when the subjectivity
        // family asked for it (this family does not: the breakdown is not worth a sweep of its own).
        guard hasRaters || context.products.graphs?.toLabelledReal[realIndex] != nil else { return nil }
        let method: Subjectivity.Method = hasRaters ? .annotations : .realNeighbours
        guard case .success(let table) = Subjectivity.votes(scope, method) else { return nil }
        let perRow = InstanceSubjectivity.perUnit(table)
        let positions = context.vectors[realIndex].positions
        let values = classifier.testRows.map { unitRow -> Double? in
            let row = positions[unitRow]
            return row < perRow.count ? perRow[row]?.minorityShare : nil
        }
        return (values, method.rawValue)
    }

    /// The breakdown for a classifier whose classes for the held-out rows are `predicted`, beside the
    /// real-trained one's; `nil` with fewer than ``minimumRows`` rated held-out rows or fewer than two bins.
    static func breakdown(
        subjectivity: [Double?], source: String, truth: [Int], trainedOnReal: [Int], predicted: [Int]
    ) -> UtilityBySubjectivity? {
        let rated = subjectivity.indices.compactMap { index in subjectivity[index].map { (index, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        guard rated.count >= minimumRows else { return nil }
        var cuts: [Double] = []
        for quintile in 1..<5 {
            let value = rated[quintile * rated.count / 5 - 1].1
            if cuts.last != value { cuts.append(value) }
        }
        var bins: [[Int]] = Array(repeating: [], count: cuts.count + 1)
        for (index, value) in rated {
            bins[cuts.firstIndex { value <= $0 } ?? cuts.count].append(index)
        }
        bins.removeAll { $0.isEmpty }
        guard bins.count >= 2 else { return nil }
        func accuracy(_ rows: [Int], _ classes: [Int]) -> Double {
            Double(rows.lazy.filter { classes[$0] == truth[$0] }.count) / Double(rows.count)
        }
        return UtilityBySubjectivity(
            source: source,
            bins: bins.map { rows in
                let values = rows.compactMap { subjectivity[$0] }
                return SubjectivityBin(
                    lower: (values.min() ?? 0).rounded(toPlaces: 6), upper: (values.max() ?? 0).rounded(toPlaces: 6),
                    rows: rows.count, trainedOnReal: accuracy(rows, trainedOnReal).rounded(toPlaces: 6),
                    trainedOnThis: accuracy(rows, predicted).rounded(toPlaces: 6))
            })
    }
}
