/// Parallel columns accumulated row by row while reading, then turned into a `Dataset`.
struct DatasetColumns {
    var texts: [String] = []
    var labels: [String?] = []
    var annotations: [[String]?] = []
    var lineNumbers: [Int] = []
    /// The vectors, when a vector field is mapped.
    var vectors: DatasetVectors?
    /// One column per compared label field.
    var comparedLabels: [[String?]] = []
    /// Each row's split.
    var splits: [String?] = []

    /// Reserves room for about `rows` rows.
    mutating func reserve(_ rows: Int) {
        texts.reserveCapacity(rows)
        labels.reserveCapacity(rows)
        annotations.reserveCapacity(rows)
        lineNumbers.reserveCapacity(rows)
    }

    /// Appends one row.
    mutating func append(text: String, label: String?, annotations rowAnnotations: [String]?, line: Int) {
        texts.append(text)
        labels.append(label)
        annotations.append(rowAnnotations)
        lineNumbers.append(line)
    }

    /// The finished dataset.
    func dataset(name: String, role: DatasetRole, path: String) -> Dataset {
        var dataset = Dataset(
            name: name, role: role, path: path, texts: texts, labels: labels, annotations: annotations,
            lineNumbers: lineNumbers, vectors: vectors)
        dataset.comparedLabels = comparedLabels
        dataset.splits = splits
        return dataset
    }
}
