import AuditModel
import DatasetIO
import Foundation
import Testing

@testable import AuditPlan
@testable import QualityMetrics

/// Agreement and subjectivity through the audit engine: which votes are used, intervals, JSON.
@Suite("agreement and subjectivity in the engine")
struct SubjectivityEngineTests {
    static let subjectivity: [MetricID] = [
        .krippendorffAlpha, .fleissKappa, .instanceSubjectivityMean, .estimatedSubjectivityMean, .highlySubjectiveRate,
        .subjectivityTask,
    ]

    static func vectors(_ rows: [[Float]]) -> DatasetVectors {
        DatasetVectors(dimension: rows.first?.count ?? 1, values: rows.flatMap { $0 })
    }

    /// Real rows x, x, y at (1,0), (0.9,0.1), (0,1): row 0's two nearest other labelled rows are rows 1 and 2
    /// (votes x, y: s = 1/2), row 1's rows 0 and 2 (x, y: 1/2), row 2's rows 1 and 0 (x, x: 0). A row never
    /// votes for itself; a zero vector has no votes; the unlabelled real row votes for nobody.
    @Test func realRowsNeverVoteForThemselves() throws {
        var real = Dataset(
            name: "real", role: .real, path: "real", texts: ["a", "b", "c", "d", "e"],
            labels: ["x", "x", "y", nil, "y"])
        real.vectors = Self.vectors([[1, 0], [0.9, 0.1], [0, 1], [0.95, 0.05], [0, 0]])
        let configuration = AuditConfiguration(metrics: Self.subjectivity)
        let result = try AuditEngine(configuration: configuration).run([real])
        let entry = try #require(result.datasets.first)
        // Rows with votes: 0 (x,y) 1 (x,y) 2 (x,x) 3 (x,x); k = min(10, 3 labelled − 1 self) = 2 for labelled rows.
        let metrics = entry.metrics
        #expect(metrics[.estimatedSubjectivityMean]?.number == 0.25)
        #expect(metrics[.subjectivityTask]?.number == 0.25)
        #expect(metrics[.highlySubjectiveRate]?.number == 0.5)
        #expect(metrics[.instanceSubjectivityMean]?.skipReason == .noRaters)
        #expect(metrics[.krippendorffAlpha]?.number == nil, "no raters: agreement is unavailable")
        let details = try #require(entry.subjectivity)
        #expect(details.method == "real_neighbours" && details.neighbours == 10 && details.ratedRows == 4)
        #expect(details.chanceLevel == 0.5, "x 2, y 2 (the zero-vector row still has its label)")
        #expect(details.mostAmbiguous.map(\.row) == [0, 1])
        #expect(details.mostAmbiguous.first?.votes == ["x": 1, "y": 1])
        #expect(entry.intervals[.subjectivityTask] != nil)
    }

    @Test func ratersWinOverTheEstimateAndGiveIntervals() throws {
        var real = Dataset(name: "real", role: .real, path: "real", texts: ["a", "b"], labels: ["x", "y"])
        real.vectors = Self.vectors([[1, 0], [0, 1]])
        let annotations: [[String]?] = (0..<40).map { row in
            row % 4 == 0 ? ["x", "x", "y"] : row % 4 == 1 ? ["y", "y", "y"] : ["x", "x", "x"]
        }
        var rated = Dataset(
            name: "rated", role: .synthetic, path: "rated", texts: (0..<40).map { "t\($0)" },
            labels: Array(repeating: "x", count: 40), annotations: annotations)
        rated.vectors = Self.vectors((0..<40).map { [Float($0 % 3), 1] })
        let configuration = AuditConfiguration(metrics: Self.subjectivity, bootstrapResamples: 200)
        // Beside a real dataset without raters, every dataset uses the estimate, like with like.
        let mixed = try AuditEngine(configuration: configuration).run([real, rated])
        #expect(mixed.datasets.map { $0.subjectivity?.method } == ["real_neighbours", "real_neighbours"])
        #expect(
            mixed.datasets.last?.metrics[.instanceSubjectivityMean]?.number != nil, "raters-only metric still there")
        let result = try AuditEngine(configuration: configuration).run([rated])
        let entry = try #require(result.datasets.last)
        #expect(entry.subjectivity?.method == "annotations")
        #expect(entry.subjectivity?.ratedRows == 40)
        let alpha = try #require(entry.metrics[.krippendorffAlpha]?.number)
        let interval = try #require(entry.intervals[.krippendorffAlpha])
        #expect(interval.lower <= alpha && alpha <= interval.upper)
        #expect(interval.resamples == 200 && interval.seed == AuditConfiguration.defaultSeed)
        let task = try #require(entry.intervals[.subjectivityTask])
        #expect(abs(task.lower - (1 - interval.upper)) < 1e-15 && abs(task.upper - (1 - interval.lower)) < 1e-15)
        #expect(entry.metrics[.fleissKappa]?.number != nil, "three raters on every row")
        // Same seed, same interval; another seed, another one.
        #expect(try AuditEngine(configuration: configuration).run([rated]).datasets.last?.intervals == entry.intervals)
        var reseeded = configuration
        reseeded.seed = 1
        #expect(try AuditEngine(configuration: reseeded).run([rated]).datasets.last?.intervals != entry.intervals)
    }

    @Test func withoutRatersOrRealLabelsTheReasonIsGiven() throws {
        let alone = Dataset(name: "alone", role: .synthetic, path: "alone", texts: ["a b", "c d"])
        let result = try AuditEngine(configuration: AuditConfiguration(metrics: Self.subjectivity)).run([alone])
        let metrics = try #require(result.datasets.first).metrics
        #expect(metrics[.subjectivityTask]?.skipReason == .noRealDataset(.subjectivityEstimate))
        #expect(metrics[.krippendorffAlpha]?.skipReason == .noRaters)
        #expect(result.datasets.first?.subjectivity == nil)
    }

    @Test func detailsRoundTripThroughJSON() throws {
        var real = Dataset(name: "real", role: .real, path: "real", texts: ["a", "b", "c"], labels: ["x", "x", "y"])
        real.vectors = Self.vectors([[1, 0], [0.9, 0.1], [0, 1]])
        var result = try AuditEngine(configuration: AuditConfiguration(metrics: Self.subjectivity)).run([real])
        #expect(result.datasets[0].rowFindings.map(\.subjectivity) == [0.5, 0.5, 0])
        result.datasets[0].rowFindings = []  // the per-row export is not part of the JSON report
        let data = try JSONEncoder().encode(result)
        // The JSON carries numbers and reasons in words, not the catalogue: compare what it carries.
        var decoded = try JSONDecoder().decode(AuditResult.self, from: data)
        decoded.catalog = result.catalog
        #expect(decoded == result.wordingReasons(with: PlainWording()))
    }
}
