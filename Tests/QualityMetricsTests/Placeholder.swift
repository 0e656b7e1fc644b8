import Testing
@testable import QualityMetrics
