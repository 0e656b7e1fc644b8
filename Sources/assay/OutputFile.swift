import AuditPlan
import Foundation

/// A file the command will write once all work has succeeded.
struct OutputFile {
    let path: String

    /// Fails early, before any work, when the file cannot be written: its folder is missing or it is a folder.
    func validate() throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UsageFailure(description: "\(path): is a directory, expected an output file")
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageFailure(description: "\(path): folder \(folder) does not exist")
        }
    }

    /// Renders `text` and writes it atomically (to a temporary file, then renamed), so no half-written
    /// file is ever left; `log` shows and times the step.
    func write(_ text: @autoclosure () throws -> String, log: StepLog) throws {
        try write(bytes: Array(text().utf8), log: log)
    }

    /// Writes `bytes` atomically, as ``write(_:log:)``.
    func write(bytes: @autoclosure () throws -> [UInt8], log: StepLog) throws {
        log.begin(AuditStep(.write, path))
        let bytes = try bytes()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw UsageFailure(description: "\(path): cannot write: \(error.localizedDescription)")
        }
    }
}
