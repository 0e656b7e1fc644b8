import ArgumentParser
import AuditPlan
import NeighbourGraphs

/// Exact or approximate nearest-neighbour search, and the recall an approximate graph must reach.
struct NeighbourOptions: ParsableArguments {
    @Flag(help: "Search neighbours exactly, whatever the dataset sizes (slower above the approximate threshold).")
    var exact = false

    @Option(
        help: ArgumentHelp(
            "Search neighbours approximately when a dataset has more rows with a vector than this.",
            valueName: "rows"))
    var approximateAbove = NeighbourSearchSettings.defaultApproximateAbove

    @Option(
        help: ArgumentHelp(
            "Warn when an approximate graph's measured recall is below this (0 to 1).", valueName: "recall"))
    var recallFloor = NeighbourSearchSettings.defaultRecallFloor

    @Option(
        help: ArgumentHelp(
            "Tune the approximate search so that a pilot sample keeps this share of its true neighbours "
                + "(0 to 1; higher compares more pairs).", valueName: "recall"))
    var recallTarget = ApproximateSearch.defaultTargetRecall

    func validate() throws {
        guard approximateAbove >= 0 else {
            throw ValidationError("--approximate-above must not be negative, got \(approximateAbove)")
        }
        guard recallFloor >= 0, recallFloor <= 1 else {
            throw ValidationError("--recall-floor must be between 0 and 1, got \(recallFloor)")
        }
        guard recallTarget > 0, recallTarget <= 1 else {
            throw ValidationError("--recall-target must be above 0 and at most 1, got \(recallTarget)")
        }
    }

    /// The settings these options give.
    var settings: NeighbourSearchSettings {
        NeighbourSearchSettings(
            forceExact: exact, approximateAbove: approximateAbove, recallFloor: recallFloor,
            search: ApproximateSearch(targetRecall: recallTarget))
    }
}
