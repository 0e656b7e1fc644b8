import ArgumentParser
import QualityMetrics

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "List every metric: id, which way is better, what it measures, and its card."
    )

    func run() throws {
        for descriptor in MetricFamilies.catalog.descriptors {
            print(
                "\(descriptor.id.rawValue)\t\(descriptor.direction.rawValue)\t\(descriptor.summary)\t\(descriptor.card)"
            )
        }
    }
}
