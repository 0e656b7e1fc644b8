import AssayTestSupport
import Foundation

/// Runs the built `assay` executable and captures what it does.
struct AssayProcess {
    struct Outcome {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The `assay` binary built beside the test bundle (SwiftPM builds it because this target depends on it).
    static var executable: URL {
        get throws {
            var candidates: [URL] = []
            if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
                candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent())
            }
            candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
            candidates.append(RepositoryPaths.root.appendingPathComponent(".build/debug"))
            for folder in candidates {
                let binary = folder.appendingPathComponent("assay")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
            }
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "assay executable beside the tests"])
        }
    }

    /// Runs `assay arguments…` in `directory` (default: the repository root) with `input` on standard input.
    static func run(
        _ arguments: [String], input: Data? = nil, in directory: URL = RepositoryPaths.root,
        environment: [String: String] = [:]
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        // Feed stdin and drain both pipes concurrently so a large output cannot dead-lock the child.
        let feeder = Thread {
            if let input { stdin.fileHandleForWriting.write(input) }
            try? stdin.fileHandleForWriting.close()
        }
        feeder.start()
        let errorData = LockedData()
        let drainer = Thread { errorData.set(error.fileHandleForReading.readDataToEndOfFile()) }
        drainer.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.value, as: UTF8.self))
    }
}

/// A `Data` value handed from one thread to another.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Data?

    func set(_ data: Data) { lock.withLock { stored = data } }
    var isSet: Bool { lock.withLock { stored != nil } }
    var value: Data { lock.withLock { stored ?? Data() } }
}
