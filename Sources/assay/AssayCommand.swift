import ArgumentParser
import AuditModel

@main
struct AssayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Audit synthetic (LLM-generated) text datasets against real data before you train on them.",
        discussion: """
            Exit codes: 0 success, 1 a quality gate failed, 2 bad input or runtime error (usage errors: 64).
            Metric definitions: the cards in Metrics/ of the repository; `assay metrics` lists them.
            """,
        version: AssayVersion.current,
        subcommands: [
            AuditCommand.self, GateCommand.self, ProfileCommand.self, MergeCommand.self, TokensCommand.self,
            MetricsCommand.self, EmbedderCommand.self,
        ],
        defaultSubcommand: nil
    )
}
