import ArgumentParser

@main
struct AssayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assay")
}
