import ArgumentParser
import AuditModel
import ReportRendering

/// The report files an audit writes; shared by `audit` and `merge`.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the results as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write a self-contained HTML report to this file.", valueName: "file"))
    var html: String?

    @Option(
        help: ArgumentHelp(
            "Write a Markdown summary (for a pull request or job summary) to this file.", valueName: "file"))
    var markdown: String?

    @Option(
        help: ArgumentHelp(
            "Write one JSON line per row of every dataset (subjectivity, predicted label, label quality).",
            valueName: "file"))
    var instances: String?

    /// Fails before any work when an output cannot be written.
    func checkWritable() throws {
        for path in [json, html, markdown, instances].compactMap({ $0 }) { try OutputFile(path: path).validate() }
    }

    /// Writes every asked-for report of `result`.
    func write(_ result: AuditResult, log: StepLog) throws {
        let wording = CommandLineWording()
        if let json { try OutputFile(path: json).write(JSONReport.render(result, wording: wording), log: log) }
        if let markdown {
            try OutputFile(path: markdown).write(MarkdownReport.render(result, wording: wording), log: log)
        }
        if let html { try OutputFile(path: html).write(HTMLReport.render(result, wording: wording), log: log) }
        if let instances { try OutputFile(path: instances).write(InstancesReport.render(result), log: log) }
    }
}
