import ArgumentParser
import DatasetIO
import Foundation

struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Print the tokens of each row, as the metrics see them.",
        discussion: """
            One line per row: the row's line number in the file, a tab, and its tokens as a JSON array.
            """
    )

    @Argument(help: ArgumentHelp("The dataset to tokenize (- for standard input).", valueName: "PATH"))
    var path: String

    @OptionGroup var input: InputOptions

    @Option(help: "Print at most this many rows.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must not be negative") }
    }

    func run() throws {
        try failingWithExitCode2 {
            let source = DatasetSource(name: "input", path: path, format: input.format)
            let dataset = try DatasetReader(fields: input.fields).read(source, role: .synthetic)
            let tokenizer = input.tokenizer.makeTokenizer()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            var output = ""
            for row in 0..<min(dataset.count, limit ?? dataset.count) {
                let tokens = try encoder.encode(tokenizer.tokens(in: dataset.texts[row]))
                output += "\(dataset.lineNumbers[row])\t\(String(decoding: tokens, as: UTF8.self))\n"
            }
            print(output, terminator: "")
        }
    }
}
