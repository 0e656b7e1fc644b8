import LinearAlgebra

/// The real dataset's labelled rows with a nonzero vector: the voters when subjectivity is estimated
/// from the nearest real rows.
struct LabelledRows {
    /// Their unit vectors.
    let unitRows: Matrix
    /// Their labels.
    let labels: [String]
    /// Their rows in the real dataset.
    let realRows: [Int]

    /// The labelled rows of `embedding` (the real dataset's); `nil` with fewer than two.
    init?(_ embedding: EmbeddingRows, labels rowLabels: [String?]) throws(AuditError) {
        let d = embedding.unitRows.columns
        var values: [Float] = []
        var labels: [String] = []
        var realRows: [Int] = []
        for (index, row) in embedding.positions.enumerated() {
            guard let label = rowLabels[row] else { continue }
            values.append(contentsOf: embedding.unitRows.storage[(index * d)..<((index + 1) * d)])
            labels.append(label)
            realRows.append(row)
        }
        guard labels.count >= 2 else { return nil }
        unitRows = Matrix(unchecked: values, rows: labels.count, columns: d)
        self.labels = labels
        self.realRows = realRows
    }

    /// Per row of a dataset with `rowCount` rows, the labels of the `k` labelled real rows nearest to it
    /// (fewer when there are fewer; none for a zero vector). For the real dataset itself
    /// (`excludingRealRows`), a row never votes for itself.
    ///
    /// - Complexity: O(N·M·d) for N rows and M labelled real rows, in GEMM tiles.
    func neighbourLabels(of embedding: EmbeddingRows, rowCount: Int, excludingRealRows: Bool, k: Int)
        throws(AuditError) -> [[String]]
    {
        let wanted = min(k, labels.count - (excludingRealRows ? 1 : 0))
        var votes = [[String]](repeating: [], count: rowCount)
        guard wanted >= 1, embedding.count > 0 else { return votes }
        let searchK = min(labels.count, wanted + (excludingRealRows ? 1 : 0))
        let list: NeighborList
        do {
            list = try NearestNeighbors.search(
                queries: embedding.unitRows, references: unitRows, k: searchK, excludingSameIndex: false)
        } catch {
            throw .embeddingFailed("nearest real rows for subjectivity: \(error)")
        }
        for (query, row) in embedding.positions.enumerated() {
            var rowVotes: [String] = []
            for slot in 0..<searchK where rowVotes.count < wanted {
                let reference = Int(list.indices[query * searchK + slot])
                guard reference >= 0 else { continue }
                if excludingRealRows && realRows[reference] == row { continue }
                rowVotes.append(labels[reference])
            }
            votes[row] = rowVotes
        }
        return votes
    }
}
