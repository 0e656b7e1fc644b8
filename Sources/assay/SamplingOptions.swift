import ArgumentParser
import AuditPlan

/// The seed and sizes of every random choice (bootstrap intervals, held-out splits).
struct SamplingOptions: ParsableArguments {
    @Option(help: "Seed of every random choice (bootstrap resamples, held-out splits); same seed, same result.")
    var seed: UInt64 = AuditConfiguration.defaultSeed

    @Option(help: "Resamples per bootstrap confidence interval (0: no intervals).")
    var bootstrapResamples = AuditConfiguration.defaultBootstrapResamples

    @Option(
        help: ArgumentHelp(
            "The most rows a classifier trains on: above it, a seeded sample stratified by label (the discriminator: "
                + "half from each side).", valueName: "rows"))
    var classifierRowLimit = AuditConfiguration.defaultClassifierRowLimit

    func validate() throws {
        guard (0...100_000).contains(bootstrapResamples) else {
            throw ValidationError("--bootstrap-resamples must be between 0 and 100000, got \(bootstrapResamples)")
        }
        guard classifierRowLimit >= 20 else {
            throw ValidationError("--classifier-row-limit must be at least 20, got \(classifierRowLimit)")
        }
    }
}
