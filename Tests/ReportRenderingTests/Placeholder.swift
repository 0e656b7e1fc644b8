import Testing
@testable import ReportRendering
