/// Where a dataset comes from: a display name, a path (`-` for standard input) and an optional format.
public struct DatasetSource: Sendable, Equatable {
    /// Display name used in reports.
    public var name: String
    /// The path as given, or `-` for standard input.
    public var path: String
    /// The format, or `nil` to infer it from the extension (JSON Lines when that says nothing).
    public var format: DatasetFormat?

    /// Creates a source with an explicit name.
    public init(name: String, path: String, format: DatasetFormat? = nil) {
        self.name = name
        self.path = path
        self.format = format
    }

    /// Parses a command-line dataset argument: `PATH` or `NAME=PATH`.
    ///
    /// Rules, in order:
    /// 1. `-` is standard input, named `stdin`;
    /// 2. an argument that names an existing file (or directory) is a path, named by its stem;
    /// 3. otherwise, when the argument contains `=` and the part before the first `=` is non-empty and has no
    ///    `/`, that part is the name and the rest the path (`real=data/x.jsonl`, `gen=-` for stdin);
    /// 4. otherwise the whole argument is a path, named by its stem.
    ///
    /// An empty argument, an empty name (`=x.jsonl`, when no such file exists) and an empty path (`name=`)
    /// are errors.
    public init(argument: String, format: DatasetFormat? = nil) throws(DatasetIOError) {
        if argument.isEmpty {
            throw DatasetIOError(path: argument, reason: "empty dataset argument")
        }
        if argument == FileInput.standardInputPath || FileInput.exists(argument) {
            self.init(name: Self.defaultName(forPath: argument), path: argument, format: format)
            return
        }
        if let equals = argument.firstIndex(of: "=") {
            let name = String(argument[..<equals])
            let path = String(argument[argument.index(after: equals)...])
            if name.isEmpty {
                throw DatasetIOError(path: argument, reason: "empty dataset name before '='")
            }
            if !name.contains("/") {
                if path.isEmpty {
                    throw DatasetIOError(path: argument, reason: "empty path after '='")
                }
                self.init(name: name, path: path, format: format)
                return
            }
        }
        self.init(name: Self.defaultName(forPath: argument), path: argument, format: format)
    }

    /// The format to read with: `format`, else the extension's (`DatasetFormat.inferred(fromPath:)`),
    /// else JSON Lines (standard input included).
    public var resolvedFormat: DatasetFormat {
        format ?? DatasetFormat.inferred(fromPath: path) ?? .jsonLines
    }

    /// The default display name for a path: `stdin` for `-`, else the last path component without its last
    /// extension (`data/gen_a.jsonl` → `gen_a`, `x.tar.csv` → `x.tar`, `.hidden` → `.hidden`).
    public static func defaultName(forPath path: String) -> String {
        if path == FileInput.standardInputPath { return "stdin" }
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let component = trimmed.split(separator: "/", omittingEmptySubsequences: false).last ?? trimmed
        guard let dot = component.lastIndex(of: "."), dot != component.startIndex else {
            return String(component)
        }
        return String(component[..<dot])
    }
}
