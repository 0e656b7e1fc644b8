import Testing
@testable import DatasetIO
