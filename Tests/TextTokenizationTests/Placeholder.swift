import Testing
@testable import TextTokenization
