import AssayUtilities
import AuditModel
import AuditPlan
import LabelAgreement
import LabelModels
import LinearAlgebra

/// Whether the labels are right and what the data is worth for training: agreement between raters and
/// between two label fields, the real-trained classifier's view of every label (label fidelity, invalid
/// labels, disputed rows), and a classifier trained on each dataset tested on the real held-out rows.
///
/// - Complexity: agreement O(R + N·K) per scope for R ratings; bootstrap intervals O(B·N·K); the
///   train-on-synthetic classifiers O(iterations·N·d·K) per synthetic dataset; the real-trained
///   classifier is the plan's.
public struct LabelsAndUtility: MetricFamily {
    static let scopeMetrics: [any ScopeMetric] = [
        Agreement(.krippendorffAlpha), Agreement(.fleissKappa), Agreement(.percentAgreement), CohenKappa(),
        LabelFidelity(), LabelFidelityKappa(), InvalidLabelRate(),
    ]

    /// The family.
    public init() {}

    /// `labels and utility`.
    public var name: String { "labels and utility" }

    /// Its metrics, in report order.
    public var metrics: [MetricDescriptor] { Self.scopeMetrics.map(\.descriptor) + Utility.descriptors }

    /// The real-trained classifier for label fidelity, invalid labels and utility.
    public func requirements(for selection: Set<MetricID>, inputs: AuditInputs) -> Requirements {
        let classified: Set<MetricID> = Set(
            [.labelFidelity, .labelFidelityKappa, .invalidLabelRate] + Utility.descriptors.map(\.id))
        return Requirements(classifier: !selection.isDisjoint(with: classified))
    }

    /// Every selected metric; the agreement intervals; the classifier's details and per-row view.
    public func run(_ context: FamilyContext) throws(AuditError) -> [DatasetSection] {
        var sections = context.evaluate(Self.scopeMetrics)
        for position in sections.indices {
            sections[position].intervals.merge(agreementIntervals(context, position)) { _, new in new }
        }
        guard context.products.classifier != nil else { return sections }
        let utility = try Utility.sections(context)
        for position in sections.indices {
            sections[position].metrics.merge(utility.sections[position].metrics) { _, new in new }
            sections[position].intervals.merge(utility.sections[position].intervals) { _, new in new }
            for (label, values) in utility.sections[position].perLabel {
                sections[position].perLabel[label, default: [:]].merge(values) { _, new in new }
            }
        }
        guard case .success(let classifier) = context.classifier else { return sections }
        let heldOut = SubjectivityBins.heldOutSubjectivity(context, classifier)
        for position in sections.indices {
            let sampled = classifier.trainRowsAvailable > classifier.trainRows.count
            let synthetic = utility.trainRows[position]
            var details = LabelModelDetails(
                classifier: RealClassifier.description, trainRows: classifier.trainRows.count,
                trainRowsAvailable: sampled ? classifier.trainRowsAvailable : nil, testRows: classifier.testRows.count,
                split: classifier.split, syntheticTrainRows: synthetic?.used,
                syntheticTrainRowsAvailable: synthetic.flatMap { $0.available > $0.used ? $0.available : nil })
            disputed(classifier, context, position, into: &details)
            let predicted = context.inputs.isReal(position) ? classifier.testPredicted : utility.predictions[position]
            if let heldOut, let predicted {
                details.utilityBySubjectivity = SubjectivityBins.breakdown(
                    subjectivity: heldOut.values, source: heldOut.source, truth: classifier.testTruth,
                    trainedOnReal: classifier.testPredicted, predicted: predicted)
            }
            sections[position].labelModel = details
            sections[position].rowFindings = context.inputs.datasets[position].texts.indices.map { row in
                var finding = RowFinding.blank(row: row)
                finding.predicted = classifier.predictions[position][row]
                finding.labelQuality = classifier.labelQuality[position][row].map { $0.rounded(toPlaces: 6) }
                return finding
            }
        }
        return sections
    }

    /// Bootstrap intervals of the selected agreement metrics over the whole dataset: Krippendorff's α and
    /// Fleiss' κ resample the rows with two or more ratings, Cohen's κ the rows with both labels.
    private func agreementIntervals(_ context: FamilyContext, _ position: Int) -> [MetricID: ConfidenceInterval] {
        let dataset = context.inputs.datasets[position]
        var intervals: [MetricID: ConfidenceInterval] = [:]
        let table = VoteTable(annotations: dataset.annotations)
        let raters = table.pairableUnits
        if !raters.isEmpty {
            for id in [MetricID.krippendorffAlpha, .fleissKappa] where context.wants(id) {
                guard Agreement.value(id, table).number != nil else { continue }
                intervals[id] = bootstrapInterval(itemCount: raters.count, context.configuration) { sample in
                    Agreement.value(id, table.resampled(sample.map { raters[$0] })).number
                }
            }
        }
        let compared = dataset.comparedLabels
        if context.wants(.cohenKappa), compared.count == 2, CohenKappa.value(compared).number != nil {
            let both = compared[0].indices.filter { compared[0][$0] != nil && compared[1][$0] != nil }
            intervals[.cohenKappa] = bootstrapInterval(itemCount: both.count, context.configuration) { sample in
                CohenKappa.value([sample.map { compared[0][both[$0]] }, sample.map { compared[1][both[$0]] }]).number
            }
        }
        return intervals
    }

    /// The rows whose label the real-trained classifier disputes (least likely label first) and the labels
    /// outside the real label set.
    private func disputed(
        _ classifier: RealClassifier, _ context: FamilyContext, _ position: Int, into details: inout LabelModelDetails
    ) {
        let dataset = context.inputs.datasets[position]
        if !context.inputs.isReal(position) {
            var suspects: [SuspectedMislabel] = []
            for row in dataset.texts.indices {
                guard let predicted = classifier.predictions[position][row], let label = dataset.labels[row],
                    let quality = classifier.labelQuality[position][row], predicted != label
                else { continue }
                suspects.append(
                    SuspectedMislabel(
                        row: row, text: dataset.texts[row], label: label, predicted: predicted,
                        labelQuality: quality.rounded(toPlaces: 6)))
            }
            suspects.sort { $0.labelQuality != $1.labelQuality ? $0.labelQuality < $1.labelQuality : $0.row < $1.row }
            details.suspectedMislabelCount = suspects.count
            details.suspectedMislabels = Array(suspects.prefix(context.configuration.listLimit))
        }
        var invalid: [String: Int] = [:]
        for label in dataset.labels {
            if let label, classifier.classIndex(label) == nil { invalid[label, default: 0] += 1 }
        }
        details.invalidLabels = invalid
    }
}
