import AuditModel

extension MetricDescriptor {
    /// A descriptor whose definition is the "Definition" section of its card (``MetricCards``).
    init(
        _ id: MetricID, title: String, summary: String, direction: Direction, dimension: Dimension, card: String
    ) {
        self.init(
            id: id, title: title, summary: summary, direction: direction, dimension: dimension, card: card,
            definition: MetricCards.definitions[card])
    }
}
